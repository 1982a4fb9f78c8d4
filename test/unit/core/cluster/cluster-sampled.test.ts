// clusterVectors on many rows: the scan and the restarts run on samples, then every row is assigned and refined.
import { describe, expect, it } from 'vitest'
import { clusterVectors } from '../../../../src-main/core/cluster/cluster-vectors'
import { sphericalKMeans } from '../../../../src-main/core/cluster/kmeans'
import { adjustedRand, plantedClusters } from './planted'

const n = 2400
const dim = 24
const { vectors, labels } = plantedClusters(n, dim, 12, 0.5, 31)
const range = { min: 3, max: 48, steps: 9 }
const sampled = { scanSample: 500, fitSample: 900, refineIter: 10 }

describe('clusterVectors with sampling', () => {
  it('finds the planted clusters and assigns every row, reporting the refinement as a step', async () => {
    const progress: [number, number][] = []
    const res = await clusterVectors(vectors, n, dim, {
      k: 'auto',
      seed: 5,
      range,
      ...sampled,
      threads: 0,
      onProgress: (d, t) => progress.push([d, t]),
    })
    expect(res.k).toBe(12)
    expect(res.elbow.map((p) => p.k)).toEqual([3, 4, 6, 8, 12, 17, 24, 34, 48])
    // Inertias are scaled from the 500 sampled rows to all of them.
    const full = sphericalKMeans(vectors, n, dim, { k: 12, seed: 5, restarts: 1 })
    const at12 = res.elbow.find((p) => p.k === 12)!.inertia
    expect(at12 / full.inertia).toBeGreaterThan(0.5)
    expect(at12 / full.inertia).toBeLessThan(2)
    expect(res.assignments).toHaveLength(n)
    const sizes = new Array<number>(res.k).fill(0)
    for (const c of res.assignments) {
      expect(c).toBeGreaterThanOrEqual(0)
      expect(c).toBeLessThan(res.k)
      sizes[c]++
    }
    expect(sizes.every((s) => s > 0)).toBe(true)
    expect(res.centroids).toHaveLength(res.k * dim)
    expect(adjustedRand(res.assignments, labels)).toBeGreaterThanOrEqual(0.95)
    // 9 scan fits, the final fit, its refinement on all rows.
    expect(progress.map(([, t]) => t)).toEqual(new Array(11).fill(11))
    expect(progress[progress.length - 1]).toEqual([11, 11])
  })

  it('refines to at least the quality of a fit on all rows, and is the same in workers', async () => {
    const inline = await clusterVectors(vectors, n, dim, { k: 12, seed: 2, ...sampled, threads: 0 })
    const workers = await clusterVectors(vectors, n, dim, {
      k: 12,
      seed: 2,
      ...sampled,
      threads: 2,
    })
    expect(
      Buffer.from(workers.assignments.buffer).equals(Buffer.from(inline.assignments.buffer)),
    ).toBe(true)
    expect(workers.inertia).toBe(inline.inertia)
    const full = sphericalKMeans(vectors, n, dim, { k: 12, seed: 2 })
    expect(inline.inertia).toBeLessThanOrEqual(full.inertia * 1.01)
  })

  it('leaves small sets to the plain path (no sample, no refinement step)', async () => {
    const progress: number[] = []
    await clusterVectors(vectors, n, dim, {
      k: 12,
      seed: 2,
      threads: 0,
      onProgress: (d) => progress.push(d),
    })
    expect(progress).toEqual([1])
  })
})
