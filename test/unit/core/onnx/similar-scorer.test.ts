// The similar-songs pass: one float32 pass over learnt + placed rows gives the brute-force top-k of each kind (the reference scorer's blend), context left out.
import { describe, expect, it } from 'vitest'
import { ReferenceScorer } from '../../../../src-main/core/onnx/reference'
import { SimilarScorer } from '../../../../src-main/core/onnx/similar-scorer'
import { BLEND, similarRows } from './fixtures'
import type { HeadSpec } from '../../../../src-main/core/onnx/heads'

describe('SimilarScorer', () => {
  for (const heads of [BLEND, [{ kind: 'cosine', weight: 1 }] as HeadSpec[]]) {
    it(`equals brute force per kind (${heads.map((h) => h.kind).join('+')})`, async () => {
      const m = similarRows(600, 200, 16, 7)
      const scorer = await SimilarScorer.create(m, heads)
      const ref = new ReferenceScorer(m, { heads })
      const learnt = Array.from({ length: 200 }, (_, i) => i)
      const placed = Array.from({ length: 400 }, (_, i) => 200 + i)
      for (const context of [[3], [10, 250], [199, 5, 400]]) {
        const got = await scorer.query({ context, learnt: 30, placed: 8 })
        const wantLearnt = ref.query({ context, exclude: placed, k: 30 })
        const wantPlaced = ref.query({ context, exclude: learnt, k: 8 })
        expect(got.learnt.ids).toEqual(wantLearnt.indices)
        expect(got.placed.ids).toEqual(wantPlaced.indices)
        got.learnt.scores.forEach((s, i) => expect(s).toBeCloseTo(wantLearnt.scores[i], 4))
        got.placed.scores.forEach((s, i) => expect(s).toBeCloseTo(wantPlaced.scores[i], 4))
        for (const r of context) {
          expect(got.learnt.ids).not.toContain(r)
          expect(got.placed.ids).not.toContain(r)
        }
      }
      await scorer.release()
    })
  }

  it('clamps to the rows there are and rejects rows outside the model', async () => {
    const m = similarRows(12, 10, 4, 3)
    const scorer = await SimilarScorer.create(m, BLEND)
    const got = await scorer.query({ context: [0], learnt: 50, placed: 50 })
    expect(got.learnt.ids).toHaveLength(9)
    expect(got.placed.ids).toEqual(expect.arrayContaining([10, 11]))
    await expect(scorer.query({ context: [12], learnt: 1, placed: 1 })).rejects.toThrow(/not a row/)
    await expect(scorer.query({ context: [], learnt: 1, placed: 1 })).rejects.toThrow(/empty/)
    await scorer.release()
  })
})
