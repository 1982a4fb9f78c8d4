// Trustworthiness against a direct transcription of its definition, plus its fixed points.
import { describe, expect, it } from 'vitest'
import { trustworthiness } from '../../../../src-main/core/cluster/trustworthiness'
import { createRng } from '../../../../src-main/core/util/random'

/** The textbook formula with full sorts (euclidean in both spaces). */
function reference(
  high: Float32Array,
  low: Float32Array,
  n: number,
  dim: number,
  k: number,
): number {
  const dist = (x: Float32Array, w: number, i: number, j: number): number => {
    let s = 0
    for (let d = 0; d < w; d++) s += (x[i * w + d] - x[j * w + d]) ** 2
    return s
  }
  let sum = 0
  for (let i = 0; i < n; i++) {
    const others = Array.from({ length: n }, (_, j) => j).filter((j) => j !== i)
    const byHigh = [...others].sort(
      (a, b) => dist(high, dim, i, a) - dist(high, dim, i, b) || a - b,
    )
    const byLow = [...others].sort((a, b) => dist(low, 2, i, a) - dist(low, 2, i, b) || a - b)
    const nearHigh = new Set(byHigh.slice(0, k))
    for (const j of byLow.slice(0, k)) if (!nearHigh.has(j)) sum += byHigh.indexOf(j) + 1 - k
  }
  return 1 - (2 / (n * k * (2 * n - 3 * k - 1))) * sum
}

describe('trustworthiness', () => {
  const rng = createRng(4)
  const n = 60
  const dim = 5
  const high = new Float32Array(n * dim).map(() => rng.next())
  const low = new Float32Array(n * 2).map(() => rng.next())

  it('matches the definition', () => {
    const t = trustworthiness(high, low, n, dim, 7, { metric: 'euclidean' })
    expect(t).toBeCloseTo(reference(high, low, n, dim, 7), 12)
    expect(t).toBeLessThan(0.9)
  })

  it('is 1 for a map that is the data itself', () => {
    const flat = high.filter((_, x) => x % dim < 2)
    expect(trustworthiness(flat, flat, n, 2, 7, { metric: 'euclidean' })).toBe(1)
  })

  it('estimates from a sample, equal to the full value when the sample is everything', () => {
    const full = trustworthiness(high, low, n, dim, 5)
    expect(trustworthiness(high, low, n, dim, 5, { sample: n })).toBe(full)
    expect(trustworthiness(high, low, n, dim, 5, { sample: 30, seed: 2 })).toBeCloseTo(full, 1)
  })

  it('rejects k that is too large', () => {
    expect(() => trustworthiness(high, low, n, dim, 30)).toThrow(/k < n \/ 2/)
  })
})
