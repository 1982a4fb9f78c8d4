// Clustering 45k rows on samples (the app's defaults) against on every row (the earlier pipeline): time, k, and quality on all rows.
// Run: npx tsx bench/cluster-sampling.ts SERVED_MODEL_DIR   (a folder written by bench/after-training.ts --keep-served)
import { clusterCohesion } from '../src-main/core/cluster/cohesion'
import { clusterVectors, type ClusterOptions } from '../src-main/core/cluster/cluster-vectors'
import { loadServable } from '../src-main/core/models/servable'

const dir = process.argv[2]
if (!dir) throw new Error('Usage: tsx bench/cluster-sampling.ts SERVED_MODEL_DIR')
const { input, vocab, dim } = await loadServable(dir)
const n = vocab.length
const range = { min: 10, max: Math.min(500, Math.floor(n / 4)) }
const variants: [string, Partial<ClusterOptions>][] = [
  ['sampled (defaults)', {}],
  ['smaller samples (6k scan, 12k fit)', { scanSample: 6000, fitSample: 12000 }],
  ['every row (before)', { scanSample: Infinity, fitSample: Infinity }],
]
const results: { name: string; k: number; assignments: Int32Array }[] = []
for (const [name, extra] of variants) {
  const t = performance.now()
  const c = process.cpuUsage()
  const fit = await clusterVectors(input, n, dim, { k: 'auto', seed: 7, range, ...extra })
  const wall = (performance.now() - t) / 1000
  const u = process.cpuUsage(c)
  const coh = clusterCohesion(input, n, dim, fit.assignments, fit.centroids, fit.k)
  const sizes = new Int32Array(fit.k)
  for (const a of fit.assignments) if (a >= 0) sizes[a]++
  let sil = 0
  for (let j = 0; j < fit.k; j++) if (sizes[j] > 0) sil += sizes[j] * coh[j]
  sil /= n
  console.log(
    `${name}: k ${fit.k}, ${wall.toFixed(1)} s wall, cpu ${((u.user + u.system) / 1e6).toFixed(1)} s; ` +
      `mean silhouette ${sil.toFixed(4)}, inertia Σ(1−cos) ${fit.inertia.toFixed(2)} (${(fit.inertia / n).toExponential(3)} per row)`,
  )
  results.push({ name, k: fit.k, assignments: fit.assignments })
}
const full = results[results.length - 1]
for (const r of results.slice(0, -1))
  console.log(
    `adjusted Rand index, ${r.name} vs ${full.name}: ${adjustedRand(r.assignments, full.assignments).toFixed(4)}`,
  )

function adjustedRand(a: Int32Array, b: Int32Array): number {
  const pairs = new Map<string, number>()
  const ca = new Map<number, number>()
  const cb = new Map<number, number>()
  for (let i = 0; i < a.length; i++) {
    pairs.set(`${a[i]},${b[i]}`, (pairs.get(`${a[i]},${b[i]}`) ?? 0) + 1)
    ca.set(a[i], (ca.get(a[i]) ?? 0) + 1)
    cb.set(b[i], (cb.get(b[i]) ?? 0) + 1)
  }
  const c2 = (x: number): number => (x * (x - 1)) / 2
  let index = 0
  for (const v of pairs.values()) index += c2(v)
  let sa = 0
  for (const v of ca.values()) sa += c2(v)
  let sb = 0
  for (const v of cb.values()) sb += c2(v)
  const expected = (sa * sb) / c2(a.length)
  return (index - expected) / ((sa + sb) / 2 - expected)
}
