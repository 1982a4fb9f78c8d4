// Negative draws follow unigram^exponent and subsampling keeps gensim's fraction, measured on the kernel's own draws.
import { describe, expect, it } from 'vitest'
import {
  CUM_TOTAL,
  cumulativeTable,
  guideTable,
  keepProbability,
  subsampleThresholds,
} from '../../../../src-main/core/song2vec/tables'
import { kernelHarness } from './kernel-harness'

/** 60 songs with counts from 1 to 2,000 (Zipf-like), plus one never-seen song. */
const COUNTS = [...Array.from({ length: 60 }, (_, i) => Math.round(2000 / (i + 1) ** 1.1)), 0]
const DRAWS = 200_000

async function draw(exponent: number): Promise<number[]> {
  const h = await kernelHarness({
    counts: COUNTS,
    dim: 4,
    nsExponent: exponent,
    spare: DRAWS,
    seed: 42,
  })
  h.kernel.drawNegatives(h.spare, DRAWS)
  const seen = Array(COUNTS.length).fill(0)
  for (const row of h.u32(h.spare, DRAWS)) seen[row]++
  return seen
}

/** Pearson's chi-square of observed counts against probabilities ∝ count^exponent. */
function chiSquare(seen: number[], exponent: number): number {
  const w = COUNTS.map((c) => (c > 0 ? c ** exponent : 0))
  const total = w.reduce((a, b) => a + b, 0)
  return seen.reduce((s, o, i) => {
    const e = (DRAWS * w[i]) / total
    return e > 0 ? s + (o - e) ** 2 / e : s
  }, 0)
}

describe('negative sampling', () => {
  // 59 degrees of freedom: the 0.1% critical value is 98.3.
  it('draws songs in proportion to count^0.75', async () => {
    const seen = await draw(0.75)
    expect(chiSquare(seen, 0.75)).toBeLessThan(98.3)
    expect(chiSquare(seen, 1)).toBeGreaterThan(1000) // plain unigram frequencies are clearly rejected
    expect(seen.at(-1)).toBe(0) // a song with count 0 is never drawn
  })

  it('follows a negative exponent (rare songs drawn more)', async () => {
    const seen = await draw(-0.5)
    expect(chiSquare(seen, -0.5)).toBeLessThan(98.3)
    expect(seen[59]).toBeGreaterThan(seen[0] * 5)
  })

  it("the guide table starts each bucket's search at the row a binary search would find", () => {
    const cum = cumulativeTable(Uint32Array.from(COUNTS), 0.75)
    expect(cum.at(-1)).toBe(CUM_TOTAL)
    const bits = 5
    const guide = guideTable(cum, bits)
    for (let b = 0; b < guide.length; b++) {
      const start = b * (CUM_TOTAL / guide.length)
      const first = cum.findIndex((c) => c > start)
      expect(guide[b]).toBe(first)
    }
  })
})

describe('subsampling', () => {
  it("keeps a frequent song with gensim's probability (√(v/t)+1)·t/v", async () => {
    const counts = [50_000, 20_000, 5_000, 100, 10]
    const sample = 1e-3
    const thresholds = subsampleThresholds(Uint32Array.from(counts), sample)
    const total = counts.reduce((a, b) => a + b, 0)
    const t = sample * total
    counts.forEach((v, i) => {
      const p = Math.min(1, (Math.sqrt(v / t) + 1) * (t / v))
      expect(keepProbability(thresholds[i])).toBeCloseTo(p, 8)
    })
    const h = await kernelHarness({ counts, dim: 4, sample, seed: 9 })
    const n = 100_000
    for (const i of [0, 1, 2]) {
      const p = keepProbability(thresholds[i])
      const kept = h.kernel.countKept(i, n)
      // Within 4 standard deviations of the binomial mean.
      expect(Math.abs(kept - n * p)).toBeLessThan(4 * Math.sqrt(n * p * (1 - p)))
    }
    expect(h.kernel.countKept(4, 1000)).toBe(1000) // rare songs are always kept
  })

  it('keeps everything when sample is 0', () => {
    expect([...subsampleThresholds(Uint32Array.from([1e6, 5]), 0)]).toEqual([
      0xffffffff, 0xffffffff,
    ])
  })
})
