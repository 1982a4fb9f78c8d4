// `segue eval`: the seed article's protocol on a Yes-format directory, every recommender (or the ones named), as a report card.
import { stat } from 'node:fs/promises'
import { resolve } from 'node:path'
import { runEval } from '../../core/eval/run-eval'
import { RECOMMENDER_NAMES } from '../../core/recommend/registry'
import { datasetInputError, parseArgs, UsageError } from '../args'
import { progress, result } from '../output'

export async function evalCommand(argv: string[]): Promise<number> {
  const a = parseArgs(argv, {
    dataset: { type: 'string' },
    holdout: { type: 'int', default: 1000, min: 1 },
    seed: { type: 'int', default: 123, min: 0 },
    topn: { type: 'int', default: 25, min: 1 },
    window: { type: 'int', default: 10, min: 1 },
    recommender: { type: 'list' },
    'cold-start': { type: 'boolean' },
    'cold-songs': { type: 'int', default: 500, min: 1 },
    json: { type: 'boolean' },
  })
  if (!a.dataset) throw new UsageError('--dataset DIR (a Yes-format directory) is required')
  const dataset = resolve(a.dataset)
  const info = await stat(dataset).catch(() => null)
  if (!info) throw new UsageError(`--dataset ${dataset}: not found`)
  if (!info.isDirectory())
    throw new UsageError(
      `--dataset ${dataset} is not a Yes-format directory (it is a file; give the folder holding train.txt, test.txt and song_hash.txt)`,
    )
  const unknown = (a.recommender ?? []).filter(
    (n) => !(RECOMMENDER_NAMES as readonly string[]).includes(n),
  )
  if (unknown.length)
    throw new UsageError(
      `Unknown recommender ${unknown.join(', ')} (known: ${RECOMMENDER_NAMES.join(', ')})`,
    )
  let last = ''
  const report = await runEval({
    dataset,
    holdout: a.holdout,
    seed: a.seed,
    topn: a.topn,
    window: a.window,
    recommenders: a.recommender,
    coldStart: a['cold-start'] ? { songs: a['cold-songs'] } : undefined,
    onProgress: (p) => {
      const line = `${Math.round(p.overall * 100)}% ${p.message}`
      if (line !== last) progress((last = line))
    },
  }).catch(datasetInputError)
  result(a.json ?? false, report, () =>
    [
      `AHR@${a.topn} on ${report.heldout} held-out playlists (${report.playlists} usable):`,
      ...Object.entries(report.ahr)
        .sort((x, y) => y[1] - x[1])
        .map(
          ([name, v]) =>
            `  ${name.padEnd(12)} ${v.toFixed(4)}   nDCG ${report.ndcg[name]?.toFixed(4) ?? '-'}   radio ${report.radio[name]?.toFixed(4) ?? '-'}`,
        ),
      ...(report.cold_start
        ? [
            `Cold start (${report.cold_start.songs} songs withheld): ${Object.entries(
              report.cold_start.ahr,
            )
              .map(([k, v]) => `${k} ${v.toFixed(4)}`)
              .join(', ')}`,
          ]
        : []),
    ].join('\n'),
  )
  return 0
}
