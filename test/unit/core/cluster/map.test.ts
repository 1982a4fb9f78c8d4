// The 2-D map: near neighbours stay near, results are reproducible, the worker reports and cancels.
import { describe, expect, it } from 'vitest'
import { computeMap } from '../../../../src-main/core/cluster/map'
import { computeMapSync, type MapStage } from '../../../../src-main/core/cluster/map-layout'
import { trustworthiness } from '../../../../src-main/core/cluster/trustworthiness'
import { createRng } from '../../../../src-main/core/util/random'
import { plantedClusters } from './planted'

const n = 300
const dim = 32
const { vectors } = plantedClusters(n, dim, 6, 1.0, 17)
const same = (a: Float32Array, b: Float32Array): boolean =>
  Buffer.from(a.buffer).equals(Buffer.from(b.buffer))

describe('computeMapSync', () => {
  const map = computeMapSync(vectors, n, dim, { seed: 1 })

  it('keeps near neighbours near (trustworthiness ≥ 0.9), far better than a random layout', () => {
    expect(map).toHaveLength(n * 2)
    expect(map.every(Number.isFinite)).toBe(true)
    expect(trustworthiness(vectors, map, n, dim, 10)).toBeGreaterThanOrEqual(0.9)
    const rng = createRng(5)
    const random = new Float32Array(n * 2).map(() => rng.next())
    expect(trustworthiness(vectors, random, n, dim, 10)).toBeLessThan(0.6)
  })

  it('is bitwise reproducible for a seed, and the seed matters', () => {
    expect(same(computeMapSync(vectors, n, dim, { seed: 1 }), map)).toBe(true)
    expect(same(computeMapSync(vectors, n, dim, { seed: 2 }), map)).toBe(false)
  })

  it('works with approximate neighbours too', () => {
    const approx = computeMapSync(vectors, n, dim, { seed: 1, knn: 'approx', epochs: 200 })
    expect(trustworthiness(vectors, approx, n, dim, 10)).toBeGreaterThanOrEqual(0.9)
  })

  it('handles tiny inputs and rejects bad options', () => {
    expect([...computeMapSync(new Float32Array(0), 0, 4, { seed: 1 })]).toEqual([])
    expect([...computeMapSync(new Float32Array(4), 1, 4, { seed: 1 })]).toEqual([0, 0])
    expect([...computeMapSync(new Float32Array(8), 2, 4, { seed: 1 })]).toEqual([0, 0, 1, 0])
    const withZeros = vectors.slice()
    withZeros.fill(0, 0, 10 * dim)
    expect(computeMapSync(withZeros, n, dim, { seed: 1, epochs: 50 }).every(Number.isFinite)).toBe(
      true,
    )
    const five = computeMapSync(vectors.slice(0, 5 * dim), 5, dim, { seed: 1 })
    expect(five.every(Number.isFinite)).toBe(true)
    expect(() => computeMapSync(vectors, n, dim, { seed: 1, nNeighbors: 1 })).toThrow(/nNeighbors/)
    expect(() => computeMapSync(vectors, n + 1, dim, { seed: 1 })).toThrow(/Expected 301 × 32/)
  })
})

describe('computeMap (worker)', () => {
  it('returns the same coordinates as the in-thread computation, reporting both stages', async () => {
    const stages = new Set<MapStage>()
    let lastLayout = 0
    const map = await computeMap(vectors, n, dim, {
      seed: 3,
      epochs: 100,
      onProgress: (done, total, stage) => {
        stages.add(stage)
        if (stage === 'layout') {
          expect(total).toBe(100)
          lastLayout = done
        }
      },
    })
    expect(same(map, computeMapSync(vectors, n, dim, { seed: 3, epochs: 100 }))).toBe(true)
    expect([...stages]).toEqual(['neighbors', 'layout'])
    expect(lastLayout).toBe(100)
  })

  it('rejects with an AbortError when cancelled mid-run or before it starts', async () => {
    const ctl = new AbortController()
    let calls = 0
    const run = computeMap(vectors, n, dim, {
      seed: 1,
      epochs: 100_000,
      signal: ctl.signal,
      onProgress: (_d, _t, stage) => {
        calls++
        if (stage === 'layout') ctl.abort()
      },
    })
    await expect(run).rejects.toMatchObject({ name: 'AbortError' })
    expect(calls).toBeLessThan(1000)
    await expect(
      computeMap(vectors, n, dim, { seed: 1, signal: ctl.signal }),
    ).rejects.toMatchObject({
      name: 'AbortError',
    })
  })

  it('passes errors from the worker back', async () => {
    await expect(computeMap(vectors, n, dim, { seed: 1, epochs: 0 })).rejects.toThrow(
      /epochs must be a positive integer/,
    )
  })
})
