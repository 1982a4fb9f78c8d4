// AHR and nDCG on cases small enough to compute by hand.
import { describe, expect, it } from 'vitest'
import {
  averageHitRate,
  discount,
  hitsAt,
  mean,
  ndcgAt,
} from '../../../../src-main/core/eval/metrics'

describe('averageHitRate', () => {
  it('is the mean over playlists of hits / length, not hits over all songs', () => {
    // (1/2 + 0/3 + 3/3) / 3 = 0.5, whereas pooled hits would give 4/8.
    expect(
      averageHitRate([
        { hits: 1, length: 2 },
        { hits: 0, length: 3 },
        { hits: 3, length: 3 },
      ]),
    ).toBeCloseTo(0.5, 12)
    expect(averageHitRate([{ hits: 1, length: 4 }])).toBe(0.25)
  })

  it('is 0 for no playlists and rejects an empty playlist', () => {
    expect(averageHitRate([])).toBe(0)
    expect(() => averageHitRate([{ hits: 0, length: 0 }])).toThrow(/lengths must be positive/)
  })
})

describe('ndcgAt', () => {
  const rel = new Set([7, 9])

  it('matches the hand computation without ties', () => {
    // Relevant at ranks 2 and 3: (1/log2 3 + 1/log2 4) / (1 + 1/log2 3).
    const expected = (1 / Math.log2(3) + 0.5) / (1 + 1 / Math.log2(3))
    expect(ndcgAt([1, 7, 9, 4], rel, 4)).toBeCloseTo(expected, 12)
    expect(ndcgAt([7, 9, 1], rel, 3)).toBe(1)
  })

  it('cuts at k and uses min(|relevant|, k) for the ideal', () => {
    // k = 1: only rank 1 counts, ideal is a single relevant song.
    expect(ndcgAt([1, 7, 9], rel, 1)).toBe(0)
    expect(ndcgAt([9, 1], rel, 1)).toBe(1)
  })

  it('averages the discounts of a tie, so the order inside the tie does not matter', () => {
    // Ranks 1 and 2 tie, one of the two is relevant: gain 1/2 at each of discounts 1 and 1/log2 3.
    const tie = (0.5 * (1 + 1 / Math.log2(3))) / 1
    expect(ndcgAt([5, 9], new Set([9]), 2, [0.8, 0.8])).toBeCloseTo(tie, 12)
    expect(ndcgAt([9, 5], new Set([9]), 2, [0.8, 0.8])).toBeCloseTo(tie, 12)
    // Without scores the list order decides.
    expect(ndcgAt([9, 5], new Set([9]), 2)).toBe(1)
    // A tie of three at ranks 2..4 holding one relevant song.
    const t3 = ((1 / 3) * (discount(2) + discount(3) + discount(4))) / 1
    expect(ndcgAt([1, 2, 9, 3], new Set([9]), 4, [3, 2, 2, 2])).toBeCloseTo(t3, 12)
  })

  it('is 0 for an empty answer or nothing relevant', () => {
    expect(ndcgAt([], rel, 25)).toBe(0)
    expect(ndcgAt([1, 2], new Set(), 25)).toBe(0)
  })

  it('counts hits within k', () => {
    expect(hitsAt([7, 1, 9], rel, 2)).toBe(1)
    expect(hitsAt([7, 1, 9], rel, 3)).toBe(2)
    expect(mean([])).toBe(0)
    expect(mean([1, 2])).toBe(1.5)
  })
})
