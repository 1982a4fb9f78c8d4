// The elbow scan and clusterVectors: the planted k is found, threads change nothing, abort works.
import { describe, expect, it } from 'vitest'
import { clusterVectors } from '../../../../src-main/core/cluster/cluster-vectors'
import { scanElbow } from '../../../../src-main/core/cluster/elbow'
import { adjustedRand, plantedClusters } from './planted'

const dim = 24
const { vectors, labels } = plantedClusters(720, dim, 12, 0.5, 21)
const range = { min: 3, max: 48, steps: 9 }

describe('scanElbow', () => {
  it('picks the planted number of clusters and reports progress per k', async () => {
    const seen: [number, number][] = []
    const res = await scanElbow(vectors, 720, dim, {
      seed: 3,
      range,
      threads: 0,
      onProgress: (d, t) => seen.push([d, t]),
    })
    expect(res.curve.map((p) => p.k)).toEqual([3, 4, 6, 8, 12, 17, 24, 34, 48])
    expect(res.k).toBe(12)
    expect(seen).toEqual(res.curve.map((_, i) => [i + 1, res.curve.length]))
    for (let i = 1; i < res.curve.length; i++)
      expect(res.curve[i].inertia).toBeLessThan(res.curve[i - 1].inertia)
  })

  it('gives bitwise the same curve in two worker threads as in the calling thread', async () => {
    const inline = await scanElbow(vectors, 720, dim, {
      seed: 4,
      range: { min: 5, max: 30, steps: 6 },
      threads: 0,
    })
    const pooled = await scanElbow(vectors, 720, dim, {
      seed: 4,
      range: { min: 5, max: 30, steps: 6 },
      threads: 2,
    })
    expect(pooled).toEqual(inline)
  })

  it('scales a sampled scan back to the full row count', async () => {
    const res = await scanElbow(vectors, 720, dim, {
      seed: 5,
      range: { min: 12, max: 12, steps: 1 },
      sampleSize: 360,
      threads: 0,
    })
    const full = await scanElbow(vectors, 720, dim, {
      seed: 5,
      range: { min: 12, max: 12, steps: 1 },
      threads: 0,
    })
    expect(res.curve[0].inertia / full.curve[0].inertia).toBeGreaterThan(0.8)
    expect(res.curve[0].inertia / full.curve[0].inertia).toBeLessThan(1.25)
  })

  it('stops with an AbortError when cancelled mid-scan (calling thread and workers)', async () => {
    for (const threads of [0, 2]) {
      const ctl = new AbortController()
      let calls = 0
      const run = scanElbow(vectors, 720, dim, {
        seed: 1,
        range,
        threads,
        signal: ctl.signal,
        onProgress: () => {
          calls++
          ctl.abort()
        },
      })
      await expect(run).rejects.toMatchObject({ name: 'AbortError' })
      expect(calls).toBeLessThan(range.steps)
    }
  })
})

describe('clusterVectors', () => {
  it('with k auto, scans, picks the elbow and refits with restarts', async () => {
    const progress: number[] = []
    const res = await clusterVectors(vectors, 720, dim, {
      k: 'auto',
      seed: 8,
      range,
      threads: 0,
      onProgress: (d, t) => progress.push(d / t),
    })
    expect(res.k).toBe(12)
    expect(res.elbow.map((p) => p.k)).toEqual([3, 4, 6, 8, 12, 17, 24, 34, 48])
    expect(progress).toHaveLength(10)
    expect(progress[progress.length - 1]).toBe(1)
    expect(adjustedRand(res.assignments, labels)).toBeGreaterThanOrEqual(0.95)
  })

  it('with a fixed k fits once and returns no curve', async () => {
    const res = await clusterVectors(vectors, 720, dim, { k: 12, seed: 8, threads: 0 })
    expect(res.elbow).toEqual([])
    expect(adjustedRand(res.assignments, labels)).toBeGreaterThanOrEqual(0.95)
    await expect(clusterVectors(vectors, 720, dim, { k: 0, seed: 1, threads: 0 })).rejects.toThrow(
      /k must be 'auto'/,
    )
  })
})
