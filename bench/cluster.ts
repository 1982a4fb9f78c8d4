// Times clustering and the map: npx tsx bench/cluster.ts [--data synthetic|YES_DIR] [--epochs N] [--threads N] [--skip-75k]
import { existsSync } from 'node:fs'
import { parseArgs } from 'node:util'
import { cleanPlaylists, loadYesDataset } from '../src-main/core/catalog/yes'
import { clusterVectors } from '../src-main/core/cluster/cluster-vectors'
import { labelClusters, type SongFacts } from '../src-main/core/cluster/labels'
import { computeMap } from '../src-main/core/cluster/map'
import { trustworthiness } from '../src-main/core/cluster/trustworthiness'
import { train } from '../src-main/core/song2vec/trainer'
import { createRng } from '../src-main/core/util/random'

const { values } = parseArgs({
  options: {
    data: { type: 'string', default: 'synthetic' },
    epochs: { type: 'string', default: '10' },
    threads: { type: 'string', default: '2' },
    seed: { type: 'string', default: '1' },
    'skip-75k': { type: 'boolean', default: false },
  },
})
const threads = Number(values.threads)
const seed = Number(values.seed)
const dim = 128

/** Points around random directions with Gaussian noise: the timing stand-in for song vectors. */
function planted(n: number, centers: number, noise: number, s: number): Float32Array {
  const rng = createRng(s)
  const gauss = (): number =>
    Math.sqrt(-2 * Math.log(1 - rng.next())) * Math.cos(2 * Math.PI * rng.next())
  const c = Float32Array.from({ length: centers * dim }, gauss)
  const v = new Float32Array(n * dim)
  for (let i = 0; i < n; i++) {
    const l = rng.nextInt(centers)
    for (let d = 0; d < dim; d++)
      v[i * dim + d] = c[l * dim + d] / Math.sqrt(dim) + (noise * gauss()) / Math.sqrt(dim)
  }
  return v
}

async function vectorsToCluster(): Promise<{
  vectors: Float32Array
  n: number
  songs?: SongFacts[]
  what: string
}> {
  if (values.data === 'synthetic') {
    return {
      vectors: planted(9775, 80, 1.2, seed),
      n: 9775,
      what: 'synthetic: 80 planted clusters',
    }
  }
  if (!existsSync(values.data))
    throw new Error(
      `--data ${values.data}: not a directory; pass a Yes-format folder or 'synthetic'`,
    )
  const ds = await loadYesDataset(values.data)
  const corpus = cleanPlaylists(ds).map((p) => p.map(String))
  const t = performance.now()
  const model = await train(corpus, { dim, epochs: Number(values.epochs), threads, seed })
  const secs = (performance.now() - t) / 1000
  const songs = model.vocab.map((key) => {
    const s = ds.songs[Number(key)]
    return { tags: s.tags, artist: s.artist }
  })
  return {
    vectors: model.input,
    n: model.vocab.length,
    songs,
    what: `Song2Vec CBOW ${dim}-d, ${values.epochs} epochs on ${values.data} (trained in ${secs.toFixed(1)} s)`,
  }
}

const seconds = (t: number): string => ((performance.now() - t) / 1000).toFixed(1)
/** CPU seconds of the whole process (all threads) since `c`: wall time is noisy on a shared machine. */
const cpu = (c: NodeJS.CpuUsage): string => {
  const u = process.cpuUsage(c)
  return ((u.user + u.system) / 1e6).toFixed(1)
}

const { vectors, n, songs, what } = await vectorsToCluster()
console.log(`vectors: ${n} × ${dim}, ${what}; threads ${threads}`)
let t = performance.now()
let c = process.cpuUsage()
const clustering = await clusterVectors(vectors, n, dim, { k: 'auto', seed, threads })
console.log(
  `elbow scan (${clustering.elbow.length} k values, 10..500) + final fit: ${seconds(t)} s (cpu ${cpu(c)} s) → k = ${clustering.k}`,
)
console.log(`  curve: ${clustering.elbow.map((p) => `${p.k}:${p.inertia.toFixed(0)}`).join(' ')}`)
if (songs) {
  t = performance.now()
  const labels = labelClusters(clustering.assignments, clustering.k, songs, {
    space: { vectors, dim, centroids: clustering.centroids },
  })
  console.log(`labels + cohesion: ${seconds(t)} s; largest clusters:`)
  for (const l of [...labels].sort((a, b) => b.size - a.size).slice(0, 8)) {
    console.log(
      `  ${String(l.size).padStart(4)}  ${l.label.padEnd(36)} cohesion ${l.cohesion?.toFixed(2)}  ${l.top_artists.slice(0, 3).join(', ')}`,
    )
  }
}

// The ~10k map runs on the clustered vectors themselves when they are real.
const small = songs ? n : 10_000
for (const size of values['skip-75k'] ? [small] : [small, 75_000]) {
  const v = songs && size === n ? vectors : planted(size, Math.round(size / 120), 1.2, seed + size)
  t = performance.now()
  c = process.cpuUsage()
  const map = await computeMap(v, size, dim, { seed })
  const mapSecs = `${seconds(t)} s (cpu ${cpu(c)} s)`
  t = performance.now()
  const sample = size > 20_000 ? 300 : 1000
  const trust = trustworthiness(v, map, size, dim, 10, { sample, seed })
  console.log(
    `map ${size} × ${dim} (UMAP, worker): ${mapSecs}; trustworthiness@10 ≈ ${trust.toFixed(3)} (${sample} points, ${seconds(t)} s)`,
  )
}
