// `segue clusters --k auto|N`: spherical k-means on the model in use (k by the elbow rule), labelled clusters as JSON.
import { parseArgs, UsageError } from '../args'
import { dataOption, openSegue, waitForJob } from '../open'
import { result } from '../output'
import { readClusters } from '../../core/app/clusters'

export async function clustersCommand(argv: string[]): Promise<number> {
  const a = parseArgs(argv, {
    ...dataOption,
    k: { type: 'string', default: 'auto' },
    json: { type: 'boolean' },
  })
  const k = a.k === 'auto' ? undefined : Number(a.k)
  if (k !== undefined && (!Number.isInteger(k) || k < 2))
    throw new UsageError(`--k must be auto or an integer ≥ 2, got "${a.k}"`)
  const app = await openSegue(a.data)
  try {
    if (!app.model)
      throw new Error(
        `No trained model in ${app.options.dataDir} — run \`npx segue train --data ${app.options.dataDir}\` first`,
      )
    await waitForJob(app, app.startClustering(k ? { k } : {}))
    const cache = (await readClusters(await app.requireModel()))!
    const out = {
      k: cache.k,
      elbow: cache.elbow,
      clusters: cache.clusters.map(
        ({ id, size, label, top_tags, top_artists, owned, cohesion }) => ({
          id,
          size,
          label,
          top_tags,
          top_artists,
          owned,
          cohesion,
        }),
      ),
    }
    result(a.json ?? false, out, () =>
      [
        `k = ${out.k}`,
        ...out.clusters.map(
          (c) => `${String(c.id).padStart(4)} ${String(c.size).padStart(5)}  ${c.label}`,
        ),
      ].join('\n'),
    )
    return 0
  } finally {
    await app.close()
  }
}
