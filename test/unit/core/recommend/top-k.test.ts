// Partial top-k selection agrees with a full sort, breaks ties deterministically and honours exclusions.
import { describe, expect, it } from 'vitest'
import { topK } from '../../../../src-main/core/recommend/top-k'
import { createRng } from '../../../../src-main/core/util/random'

describe('topK', () => {
  it('equals the first k of a full sort (ties to the lower id)', () => {
    const rng = createRng(5)
    const scores = Float64Array.from({ length: 2000 }, () => rng.nextInt(50))
    const sorted = [...scores.keys()].sort((a, b) => scores[b] - scores[a] || a - b)
    const r = topK(scores, 37)
    expect(r.ids).toEqual(sorted.slice(0, 37))
    expect(r.scores).toEqual(sorted.slice(0, 37).map((i) => scores[i]))
  })

  it('breaks ties by the tie-break array, then by id', () => {
    const scores = [1, 2, 2, 2, 0]
    expect(topK(scores, 3).ids).toEqual([1, 2, 3])
    expect(topK(scores, 3, { tieBreak: [0, 5, 9, 5, 0] }).ids).toEqual([2, 1, 3])
  })

  it('looks only at the candidates, skips excluded ids and returns fewer when short', () => {
    const scores = [9, 8, 7, 6, 5]
    expect(topK(scores, 2, { candidates: [4, 3, 0, 1], candidateCount: 3 }).ids).toEqual([0, 3])
    expect(topK(scores, 10, { exclude: new Set([0, 2]) }).ids).toEqual([1, 3, 4])
    expect(topK(scores, 0).ids).toEqual([])
    expect(topK([], 5).ids).toEqual([])
    expect(topK(scores, 5, { minScore: 6 }).ids).toEqual([0, 1, 2])
  })
})
