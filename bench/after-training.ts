// Times each stage that follows a training, at the app's real shape (learnt + catalogue placed by tags, 256-d), with the app's own functions.
// Run: npx tsx bench/after-training.ts [--epochs 3] [--keep DIR] [--reuse DIR] [--sequential]
//   --keep DIR   keep the trained model folder in DIR (a later --reuse DIR skips training)
//   --reuse DIR  start from a model folder written by --keep (learnt vectors only are read)
//   --keep-served DIR  also keep the folder after placement and export (bench/map-variants.ts reads it)
//   --sequential run clustering and the map one after the other (the old pipeline) instead of together
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { parseArgs } from 'node:util'
import {
  computeClusters,
  computeClustersAndMap,
  computeSongMap,
  readClusters,
  type ClusterCache,
} from '../src-main/core/app/clusters'
import { trainVectors } from '../src-main/core/app/train-vectors'
import { Catalog } from '../src-main/core/catalog/catalog'
import { loadYesDataset } from '../src-main/core/catalog/yes'
import { trustworthiness } from '../src-main/core/cluster/trustworthiness'
import { placeCatalogueInWorker } from '../src-main/core/content/tags/place-catalogue'
import type { JobContext } from '../src-main/core/jobs/runner'
import { savePlaced } from '../src-main/core/models/placed-files'
import type { ModelRecord } from '../src-main/core/models/registry'
import { exportServable, loadServable } from '../src-main/core/models/servable'
import { saveTagModel } from '../src-main/core/models/tag-model-file'

const { values } = parseArgs({
  options: {
    epochs: { type: 'string', default: '3' },
    keep: { type: 'string' },
    reuse: { type: 'string' },
    sequential: { type: 'boolean', default: false },
    'keep-served': { type: 'string' },
    dataset: { type: 'string', default: 'resources/dataset/yes/yes_big' },
    catalogue: { type: 'string', default: 'resources/dataset/yes/yes_complete' },
  },
})

const flags = (readFileSync('/proc/cpuinfo', 'utf8').match(/^flags\s*:(.*)$/m)?.[1] ?? '')
  .split(' ')
  .filter((f) => /^(avx2|fma|avx512f|avx512_vnni|avx_vnni)$/.test(f))
console.log(`cpu: ${flags.join(' ') || 'no AVX2'}; Node ${process.version}`)

const ctx = (stage: string): JobContext => {
  let last = ''
  return {
    signal: new AbortController().signal,
    addLoss() {},
    report(p, message) {
      const line = `${stage}: ${message.replace(/\d+ of \d+/, '')}`
      if (line !== last) process.stderr.write(`  [${(p * 100).toFixed(0)} %] ${message}\n`)
      last = line
    },
  }
}

const secs = (t: number): number => (performance.now() - t) / 1000
const cpuSecs = (c: NodeJS.CpuUsage): number => {
  const u = process.cpuUsage(c)
  return (u.user + u.system) / 1e6
}
const stages: { stage: string; wall: number; cpu: number }[] = []
async function timed<T>(stage: string, work: () => Promise<T>): Promise<T> {
  const t = performance.now()
  const c = process.cpuUsage()
  const out = await work()
  stages.push({ stage, wall: secs(t), cpu: cpuSecs(c) })
  console.log(`${stage}: ${secs(t).toFixed(1)} s wall (cpu ${cpuSecs(c).toFixed(1)} s)`)
  return out
}

const ds = await loadYesDataset(values.dataset)
const catalog = new Catalog(ds)
const complete = await loadYesDataset(values.catalogue, { playlists: false })
catalog.addSongs(complete.songs.filter((s) => s.known))

const dir = mkdtempSync(join(tmpdir(), 'segue-after-training-'))
const id = 'bench-after-training'
try {
  if (values.reuse) {
    if (!existsSync(join(values.reuse, 'model.json')) && !existsSync(values.reuse))
      throw new Error(`--reuse ${values.reuse}: no model folder there (write one with --keep)`)
    cpSync(values.reuse, dir, { recursive: true })
    for (const f of ['placed-catalogue.json', 'clusters.json', 'map.json', 'model.onnx'])
      rmSync(join(dir, f), { force: true })
  } else {
    const epochs = Number(values.epochs)
    const trained = await timed(`train Song2Vec 256-d, ${epochs} epochs (not counted)`, () =>
      trainVectors(
        catalog.playlists,
        { kind: 'song2vec', epochs, algo: 'cbow', dim: 256, threads: 2 },
        ctx('train'),
      ),
    )
    await trained.save(dir)
    if (values.keep) cpSync(dir, values.keep, { recursive: true })
  }
  const { vocab, input, dim } = await loadServable(dir)
  const t0 = performance.now()
  await timed('placement by tags (worker)', async () => {
    const r = await placeCatalogueInWorker({
      vocab,
      input,
      dim,
      catalogueDir: values.catalogue,
      kind: 'ridge',
    })
    await savePlaced(dir, 'catalogue', {
      keys: r.placed.keys,
      placedBy: r.placed.keys.map(() => 'tags'),
      why: r.why,
      vectors: r.placed.vectors,
      dim: r.placed.dim,
    })
    await saveTagModel(dir, r.model)
  })
  const served = await timed('ONNX export (worker)', () => exportServable(dir, id))
  if (values['keep-served']) cpSync(dir, values['keep-served'], { recursive: true })
  console.log(
    `rows: ${served.rows} (${served.trained} learnt + ${served.rows - served.trained} placed) × ${dim}`,
  )
  const record = { id, dir } as ModelRecord
  const facts = (key: string) => {
    const s = catalog.get(key)
    return { tags: s?.tags ?? [], artist: s?.artist ?? '', owned: false }
  }
  let clusters: ClusterCache
  if (values.sequential) {
    clusters = await timed('clustering (elbow + final fit)', () =>
      computeClusters(record, facts, {}, ctx('clusters')),
    )
    await timed('map (UMAP)', () => computeSongMap(record, ctx('map')))
  } else {
    clusters = await timed(
      'clustering ∥ map (computeClustersAndMap, as the app runs them)',
      async () => {
        await computeClustersAndMap(record, facts, {}, ctx('clusters ∥ map'), (what) =>
          console.log(`  ${what} ready after ${secs(t0).toFixed(1)} s`),
        )
        return (await readClusters(record)) as ClusterCache
      },
    )
  }
  const total = secs(t0)
  console.log(
    `clusters: k = ${clusters.k} (elbow scanned ${clusters.elbow.map((p) => p.k).join(',')})`,
  )
  // Cluster quality on all rows: the size-weighted mean simplified silhouette (the view's cohesion)
  // and the mean cosine of each row to its cluster's mean direction.
  const sized = clusters.clusters.reduce((s, c) => s + c.size, 0)
  const silhouette = clusters.clusters.reduce((s, c) => s + c.size * c.cohesion, 0) / sized
  const map = JSON.parse(readFileSync(join(dir, 'map.json'), 'utf8')) as { xy: number[] }
  const model = await loadServable(dir)
  const t = performance.now()
  const sample = 300
  const trust = trustworthiness(
    model.input,
    Float32Array.from(map.xy),
    model.vocab.length,
    dim,
    10,
    { sample, seed: 1 },
  )
  console.log(
    `map trustworthiness@10 ≈ ${trust.toFixed(3)} (${sample} sampled points, ${secs(t).toFixed(1)} s)`,
  )
  const ownCos = meanCosToCentroid(model.input, dim, clusters.assignments, clusters.k)
  console.log(
    `cluster quality: mean silhouette (cohesion) ${silhouette.toFixed(4)}, mean cos to centroid ${ownCos.toFixed(4)}`,
  )
  console.log(`placement + export + clustering + map: ${total.toFixed(1)} s wall`)
  const load = readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ')
  console.log(`load average at the end: ${load}`)
  console.log(
    JSON.stringify({ rows: served.rows, k: clusters.k, trust, silhouette, ownCos, total, stages }),
  )
} finally {
  rmSync(dir, { recursive: true, force: true })
}

/** Mean over assigned rows of cos(row, its cluster's mean direction), the rows normalised first. */
function meanCosToCentroid(v: Float32Array, dim: number, assign: number[], k: number): number {
  const n = assign.length
  const unit = new Float32Array(v.length)
  for (let i = 0; i < n; i++) {
    let s = 0
    for (let d = 0; d < dim; d++) s += v[i * dim + d] ** 2
    const inv = s > 0 ? 1 / Math.sqrt(s) : 0
    for (let d = 0; d < dim; d++) unit[i * dim + d] = v[i * dim + d] * inv
  }
  const c = new Float64Array(k * dim)
  for (let i = 0; i < n; i++)
    if (assign[i] >= 0) for (let d = 0; d < dim; d++) c[assign[i] * dim + d] += unit[i * dim + d]
  for (let j = 0; j < k; j++) {
    let s = 0
    for (let d = 0; d < dim; d++) s += c[j * dim + d] ** 2
    const inv = s > 0 ? 1 / Math.sqrt(s) : 0
    for (let d = 0; d < dim; d++) c[j * dim + d] *= inv
  }
  let sum = 0
  let m = 0
  for (let i = 0; i < n; i++) {
    if (assign[i] < 0) continue
    let s = 0
    for (let d = 0; d < dim; d++) s += unit[i * dim + d] * c[assign[i] * dim + d]
    sum += s
    m++
  }
  return sum / m
}
