// The 2-D map's cost against its quality at the app's shape: kNN recall by tree count, and trustworthiness by layout epochs.
// Run: npx tsx bench/after-training.ts --reuse DIR --keep-served SERVED, then npx tsx bench/map-variants.ts SERVED [epochs,...]
import { nearestNeighbors } from '../src-main/core/cluster/knn'
import { computeMapSync } from '../src-main/core/cluster/map-layout'
import { trustworthiness } from '../src-main/core/cluster/trustworthiness'
import { dotRows, normalizeRows } from '../src-main/core/cluster/vectors'
import { loadServable } from '../src-main/core/models/servable'

const [dir, epochList = '200,120,80'] = process.argv.slice(2)
if (!dir) throw new Error('Usage: tsx bench/map-variants.ts SERVED_MODEL_DIR [epochs,...]')
const { input, vocab, dim } = await loadServable(dir)
const n = vocab.length
const { data } = normalizeRows(input, n, dim)
const k = 15
const probe = Array.from({ length: 200 }, (_, i) => Math.floor((i * n) / 200))
const exact = probe.map((i) => {
  const d: [number, number][] = []
  for (let j = 0; j < n; j++) if (j !== i) d.push([1 - dotRows(data, i, data, j, dim), j])
  d.sort((a, b) => a[0] - b[0])
  return d.slice(0, k).map(([dist]) => dist)
})
console.log(`rows ${n} × ${dim}; kNN recall on ${probe.length} rows (distance-based, ties count)`)
for (const trees of [20, 12, 8]) {
  const t = performance.now()
  const h = nearestNeighbors(data, n, dim, k, { seed: 7, method: 'approx', trees })
  const s = (performance.now() - t) / 1000
  let hit = 0
  probe.forEach((i, p) => {
    const kth = exact[p][k - 1]
    for (let x = 0; x < k; x++) if (h.dist[i * k + x] <= kth + 1e-6) hit++
  })
  console.log(
    `  trees ${trees}: ${s.toFixed(1)} s, recall@15 ${(hit / (probe.length * k)).toFixed(4)}`,
  )
}
for (const epochs of epochList.split(',').map(Number)) {
  const t = performance.now()
  const xy = computeMapSync(input, n, dim, { seed: 7, epochs })
  const s = (performance.now() - t) / 1000
  const trust = trustworthiness(input, xy, n, dim, 10, { sample: 300, seed: 1 })
  console.log(`  map, ${epochs} epochs: ${s.toFixed(1)} s, trustworthiness@10 ${trust.toFixed(4)}`)
}
