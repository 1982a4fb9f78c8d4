// The memo of one-song Similar songs: filled in batches from the real scorer, it gives exactly the scoring pass's answers, prefixes for smaller k, and nothing for queries it cannot answer.
import { describe, expect, it } from 'vitest'
import type { HeadSpec } from '../../../../src-main/core/onnx/heads'
import { fillSimilarMemo, SimilarMemo } from '../../../../src-main/core/onnx/similar-memo'
import { SimilarScorer } from '../../../../src-main/core/onnx/similar-scorer'
import { BLEND, similarRows } from './fixtures'

describe('SimilarMemo', () => {
  for (const heads of [BLEND, [{ kind: 'cosine', weight: 1 }] as HeadSpec[]]) {
    it(`holds the pass's answer for every learnt song (${heads.map((h) => h.kind).join('+')})`, async () => {
      const m = similarRows(300, 90, 8, 5)
      const scorer = await SimilarScorer.create(m, heads)
      const memo = new SimilarMemo(m.trained, 40, 6)
      let pauses = 0
      await fillSimilarMemo(memo, () => scorer, { batch: 7, pause: async () => void pauses++ })
      expect(memo.complete).toBe(true)
      expect(pauses).toBe(Math.ceil(90 / 7))
      for (const row of [0, 1, 44, 89]) {
        for (const k of [
          { learnt: 40, placed: 6 },
          { learnt: 12, placed: 3 },
        ]) {
          const want = await scorer.query({ context: [row], ...k })
          const got = memo.get({ context: [row], ...k })!
          expect(got.learnt.ids).toEqual(want.learnt.ids)
          expect(got.placed.ids).toEqual(want.placed.ids)
          got.learnt.scores.forEach((s, i) => expect(s).toBeCloseTo(want.learnt.scores[i], 5))
          got.placed.scores.forEach((s, i) => expect(s).toBeCloseTo(want.placed.scores[i], 5))
        }
      }
      // A weight on a one-song context changes nothing; anything else is the pass's to answer.
      expect(memo.get({ context: [3], weights: [2], learnt: 5, placed: 1 })).toEqual(
        memo.get({ context: [3], learnt: 5, placed: 1 }),
      )
      expect(memo.get({ context: [3, 4], learnt: 5, placed: 1 })).toBeUndefined()
      expect(memo.get({ context: [3], weights: [0], learnt: 5, placed: 1 })).toBeUndefined()
      expect(memo.get({ context: [3], learnt: 41, placed: 1 })).toBeUndefined()
      expect(memo.get({ context: [3], learnt: 5, placed: 7 })).toBeUndefined()
      expect(memo.get({ context: [90], learnt: 5, placed: 1 })).toBeUndefined()
      await scorer.release()
    })
  }

  it('answers larger k when its lists hold every candidate, and stops when told', async () => {
    const m = similarRows(20, 10, 4, 3)
    const scorer = await SimilarScorer.create(m, BLEND)
    const memo = new SimilarMemo(10, 50, 50)
    await fillSimilarMemo(memo, () => scorer, { batch: 4, stopped: () => memo.done >= 4 })
    expect(memo.done).toBe(4)
    expect(memo.complete).toBe(false)
    expect(memo.get({ context: [5], learnt: 3, placed: 3 })).toBeUndefined()
    const all = memo.get({ context: [1], learnt: 500, placed: 500 })!
    expect(all.learnt.ids).toHaveLength(9)
    expect(all.placed.ids).toHaveLength(10)
    expect(all).toEqual(await scorer.query({ context: [1], learnt: 500, placed: 500 }))
    // Rebuilt from its arrays (as it arrives from the model's worker): the same answers.
    const moved = new SimilarMemo(memo.parts())
    expect(moved.done).toBe(4)
    expect(moved.get({ context: [1], learnt: 500, placed: 500 })).toEqual(all)
    expect(() => new SimilarMemo({ ...memo.parts(), rows: 11 })).toThrow(/inconsistent/)
    await scorer.release()
  })
})
