// Nearest neighbours: the exact search against brute force, the approximate one by recall.
import { describe, expect, it } from 'vitest'
import { nearestNeighbors } from '../../../../src-main/core/cluster/knn'
import { normalizeRows } from '../../../../src-main/core/cluster/vectors'
import { plantedClusters } from './planted'

describe('nearestNeighbors', () => {
  const n = 1500
  const dim = 24
  const { data } = normalizeRows(plantedClusters(n, dim, 15, 1.2, 8).vectors, n, dim)
  const k = 10
  const exact = nearestNeighbors(data, n, dim, k, { seed: 1, method: 'exact' })

  it('exact search equals brute force, sorted by distance', () => {
    for (const i of [0, 17, 733, 1499]) {
      const all = Array.from({ length: n }, (_, j) => j)
        .filter((j) => j !== i)
        .map((j) => {
          let s = 0
          for (let d = 0; d < dim; d++) s += data[i * dim + d] * data[j * dim + d]
          return [1 - s, j] as const
        })
        .sort((a, b) => a[0] - b[0] || a[1] - b[1])
      expect([...exact.index.subarray(i * k, i * k + k)]).toEqual(all.slice(0, k).map((x) => x[1]))
      for (let s = 1; s < k; s++)
        expect(exact.dist[i * k + s]).toBeGreaterThanOrEqual(exact.dist[i * k + s - 1])
    }
  })

  it('RP trees + NN-descent recover at least 95% of the true neighbours, reproducibly', () => {
    const approx = nearestNeighbors(data, n, dim, k, { seed: 1, method: 'approx' })
    let hits = 0
    for (let i = 0; i < n; i++) {
      const truth = new Set(exact.index.subarray(i * k, i * k + k))
      for (let s = 0; s < k; s++) if (truth.has(approx.index[i * k + s])) hits++
      expect(approx.index.subarray(i * k, i * k + k)).not.toContain(i)
    }
    expect(hits / (n * k)).toBeGreaterThanOrEqual(0.95)
    const again = nearestNeighbors(data, n, dim, k, { seed: 1, method: 'approx' })
    expect([...again.index]).toEqual([...approx.index])
  })

  it('rejects k outside 1..n-1', () => {
    expect(() => nearestNeighbors(data, n, dim, n, { seed: 1 })).toThrow(/1 ≤ k < n/)
  })
})
