// UMAP's pieces: the a/b curve fit and the fuzzy graph's symmetry and weights.
import { describe, expect, it } from 'vitest'
import { fuzzyGraph } from '../../../../src-main/core/cluster/fuzzy-graph'
import { nearestNeighbors } from '../../../../src-main/core/cluster/knn'
import { fitCurve } from '../../../../src-main/core/cluster/umap-curve'
import { normalizeRows } from '../../../../src-main/core/cluster/vectors'
import { plantedClusters } from './planted'

describe('fitCurve', () => {
  it("reproduces umap-learn's a, b for its defaults (min_dist 0.1, spread 1)", () => {
    const { a, b } = fitCurve(0.1, 1)
    expect(a).toBeCloseTo(1.5769, 3)
    expect(b).toBeCloseTo(0.8951, 3)
  })

  it('rejects impossible parameters', () => {
    expect(() => fitCurve(2, 1)).toThrow(/minDist ≤ spread/)
  })
})

describe('fuzzyGraph', () => {
  const n = 200
  const dim = 8
  const { data } = normalizeRows(plantedClusters(n, dim, 4, 0.8, 2).vectors, n, dim)
  const knn = nearestNeighbors(data, n, dim, 8, { seed: 1 })
  const g = fuzzyGraph(knn)

  it('lists every undirected edge once in each direction with one weight in (0, 1]', () => {
    const seen = new Map<string, number>()
    for (let e = 0; e < g.head.length; e++) {
      expect(g.weight[e]).toBeGreaterThan(0)
      expect(g.weight[e]).toBeLessThanOrEqual(1)
      const key = `${g.head[e]},${g.tail[e]}`
      expect(seen.has(key)).toBe(false)
      seen.set(key, g.weight[e])
    }
    for (const [key, w] of seen) {
      const [i, j] = key.split(',')
      expect(seen.get(`${j},${i}`)).toBe(w)
    }
  })

  it('gives each row full membership with its nearest neighbour', () => {
    const weightOf = new Map<string, number>()
    for (let e = 0; e < g.head.length; e++) weightOf.set(`${g.head[e]},${g.tail[e]}`, g.weight[e])
    for (let i = 0; i < n; i++) expect(weightOf.get(`${i},${knn.index[i * 8]}`)).toBe(1)
  })
})
