// Spherical k-means: recovers planted clusters, is exact about its objective, and is reproducible.
import { describe, expect, it } from 'vitest'
import { sphericalKMeans } from '../../../../src-main/core/cluster/kmeans'
import { adjustedRand, plantedClusters } from './planted'

function cosine(v: Float32Array, i: number, c: Float32Array, j: number, dim: number): number {
  let dot = 0
  let len = 0
  for (let d = 0; d < dim; d++) {
    dot += v[i * dim + d] * c[j * dim + d]
    len += v[i * dim + d] ** 2
  }
  return dot / Math.sqrt(len)
}

describe('sphericalKMeans', () => {
  const dim = 16
  const { vectors, labels } = plantedClusters(600, dim, 8, 0.8, 11)

  it('recovers planted clusters on the sphere', () => {
    const fit = sphericalKMeans(vectors, 600, dim, { k: 8, seed: 1 })
    expect(fit.k).toBe(8)
    expect(adjustedRand(fit.assignments, labels)).toBeGreaterThanOrEqual(0.95)
  })

  it('reports inertia as the sum of 1 − cos to the assigned centroid, and unit centroids', () => {
    const fit = sphericalKMeans(vectors, 600, dim, { k: 5, seed: 2 })
    let expected = 0
    for (let i = 0; i < 600; i++)
      expected += 1 - cosine(vectors, i, fit.centroids, fit.assignments[i], dim)
    expect(fit.inertia).toBeCloseTo(expected, 6)
    for (let c = 0; c < 5; c++) {
      let s = 0
      for (let d = 0; d < dim; d++) s += fit.centroids[c * dim + d] ** 2
      expect(s).toBeCloseTo(1, 5)
    }
  })

  it('converges to a fixed point: every row sits with its most similar centroid', () => {
    // Many clusters make the pruning bounds do real work; tol 0 runs Lloyd to the end.
    const fit = sphericalKMeans(vectors, 600, dim, {
      k: 40,
      seed: 3,
      tol: 0,
      maxIter: 500,
      restarts: 1,
    })
    expect(fit.iterations).toBeLessThan(500)
    for (let i = 0; i < 600; i++) {
      const own = cosine(vectors, i, fit.centroids, fit.assignments[i], dim)
      for (let c = 0; c < 40; c++)
        expect(cosine(vectors, i, fit.centroids, c, dim)).toBeLessThanOrEqual(own + 1e-6)
    }
    // And each centroid is the normalised mean of its rows.
    const sums = new Float64Array(40 * dim)
    for (let i = 0; i < 600; i++) {
      let len = 0
      for (let d = 0; d < dim; d++) len += vectors[i * dim + d] ** 2
      for (let d = 0; d < dim; d++)
        sums[fit.assignments[i] * dim + d] += vectors[i * dim + d] / Math.sqrt(len)
    }
    for (let c = 0; c < 40; c++) {
      let len = 0
      for (let d = 0; d < dim; d++) len += sums[c * dim + d] ** 2
      for (let d = 0; d < dim; d++)
        expect(fit.centroids[c * dim + d]).toBeCloseTo(sums[c * dim + d] / Math.sqrt(len), 5)
    }
  })

  it('is bitwise reproducible for a seed', () => {
    const a = sphericalKMeans(vectors, 600, dim, { k: 12, seed: 42 })
    const b = sphericalKMeans(vectors, 600, dim, { k: 12, seed: 42 })
    expect(Buffer.from(a.assignments.buffer).equals(Buffer.from(b.assignments.buffer))).toBe(true)
    expect(Buffer.from(a.centroids.buffer).equals(Buffer.from(b.centroids.buffer))).toBe(true)
    expect(a.inertia).toBe(b.inertia)
  })

  it('keeps the best of several restarts (the first restart is the single-start run)', () => {
    const one = sphericalKMeans(vectors, 600, dim, { k: 30, seed: 5, restarts: 1 })
    const five = sphericalKMeans(vectors, 600, dim, { k: 30, seed: 5, restarts: 5 })
    expect(five.inertia).toBeLessThanOrEqual(one.inertia)
  })

  it('leaves zero rows unassigned and out of the inertia', () => {
    const v = vectors.slice(0, 100 * dim)
    v.fill(0, 10 * dim, 11 * dim)
    v.fill(0, 50 * dim, 51 * dim)
    const fit = sphericalKMeans(v, 100, dim, { k: 4, seed: 1 })
    expect(fit.assignments[10]).toBe(-1)
    expect(fit.assignments[50]).toBe(-1)
    expect([...fit.assignments].filter((c) => c < 0)).toHaveLength(2)
    let expected = 0
    for (let i = 0; i < 100; i++)
      if (fit.assignments[i] >= 0)
        expected += 1 - cosine(v, i, fit.centroids, fit.assignments[i], dim)
    expect(fit.inertia).toBeCloseTo(expected, 6)
  })

  it('copes with repeated rows: k equal to the number of distinct directions fills every cluster', () => {
    const v = new Float32Array([1, 0, 1, 0, 1, 0, 1, 0, 0, 1, 0, 1, -1, 0])
    const fit = sphericalKMeans(v, 7, 2, { k: 3, seed: 9 })
    expect(new Set(fit.assignments).size).toBe(3)
    expect(fit.inertia).toBeCloseTo(0, 6)
    expect(fit.assignments[0]).toBe(fit.assignments[3])
    expect(fit.assignments[4]).toBe(fit.assignments[5])
  })

  it('rejects bad input with an explanation', () => {
    expect(() => sphericalKMeans(vectors, 600, dim + 1, { k: 2, seed: 1 })).toThrow(
      /Expected 600 × 17/,
    )
    expect(() => sphericalKMeans(new Float32Array(4 * 2), 4, 2, { k: 1, seed: 1 })).toThrow(
      /exceeds the 0 non-zero/,
    )
    expect(() => sphericalKMeans(vectors, 600, dim, { k: 601, seed: 1 })).toThrow(
      /choose a smaller k/,
    )
    expect(() => sphericalKMeans(vectors, 600, dim, { k: 0, seed: 1 })).toThrow(/positive integer/)
  })

  it('stops with an AbortError when the signal has fired', () => {
    const ctl = new AbortController()
    ctl.abort()
    expect(() => sphericalKMeans(vectors, 600, dim, { k: 3, seed: 1, signal: ctl.signal })).toThrow(
      expect.objectContaining({ name: 'AbortError' }),
    )
  })
})
