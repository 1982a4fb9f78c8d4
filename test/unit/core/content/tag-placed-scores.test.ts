// Songs placed by the ridge tag model are scored from their tags: the same cosines as their stored vectors, and the same Similar songs as the full float32 pass.
import { describe, expect, it } from 'vitest'
import { placeByTags } from '../../../../src-main/core/content/tags/place-by-tags'
import { tagPlacedScores } from '../../../../src-main/core/content/tags/tag-placed-scores'
import type { TagModel } from '../../../../src-main/core/content/tags/tag-model'
import type { HeadSpec } from '../../../../src-main/core/onnx/heads'
import { SimilarScorer } from '../../../../src-main/core/onnx/similar-scorer'

const DIM = 12
const TAGS = ['rock', 'pop', 'jazz', 'soul', '80s', 'mellow', 'indie', 'dance']

function rng(seed: number) {
  let x = seed
  return () => ((x = (x * 1103515245 + 12345) % 2 ** 31) / 2 ** 31) * 2 - 1
}

function ridge(seed: number): TagModel {
  const r = rng(seed)
  return {
    kind: 'ridge',
    tagNames: TAGS,
    dim: DIM,
    lambda: 1,
    map: {
      inSize: TAGS.length,
      outSize: DIM,
      weights: Float32Array.from({ length: TAGS.length * DIM }, r),
      bias: Float32Array.from({ length: DIM }, () => r() * 0.3),
    },
  }
}

/** `learnt` random rows, then songs placed by `tagModel` from random tag lists (some unknown tags, some repeats). */
function servedRows(tagModel: TagModel, learnt: number, placed: number, seed: number) {
  const r = rng(seed)
  const tagLists = Array.from({ length: placed }, (_, i) => {
    const n = 1 + (i % 5)
    const tags = Array.from({ length: n }, () => TAGS[Math.floor(((r() + 1) / 2) * TAGS.length)])
    return i % 7 === 0 ? [...tags, 'unknown-tag', tags[0]] : tags
  })
  const p = placeByTags(
    tagModel,
    tagLists.map((tags, i) => ({ key: `p${i}`, tags })),
  )
  const input = new Float32Array((learnt + placed) * DIM)
  for (let i = 0; i < learnt * DIM; i++) input[i] = r()
  input.set(p.vectors, learnt * DIM)
  const output = Float32Array.from({ length: input.length }, (_, i) => (i < learnt * DIM ? r() : 0))
  const tagged = tagLists.map((tags, i) => ({ row: learnt + i, tags }))
  return { model: { input, output, dim: DIM, trained: learnt }, tagged }
}

describe('tagPlacedScores', () => {
  it('gives each placed row the cosine of its stored vector', () => {
    const tm = ridge(3)
    const { model, tagged } = servedRows(tm, 20, 60, 5)
    const apart = tagPlacedScores(tm, tagged, model.input, DIM)!
    expect(Array.from(apart.rows)).toEqual(tagged.map((t) => t.row))
    expect(apart.maxRowError).toBeLessThan(1e-6)
    const q = Float32Array.from({ length: DIM }, rng(9))
    let len = 0
    for (const x of q) len += x * x
    q.forEach((x, d) => (q[d] = x / Math.sqrt(len)))
    const out = new Float32Array(80).fill(NaN)
    apart.score(q, out)
    for (let row = 0; row < 80; row++) {
      if (row < 20) {
        expect(out[row]).toBeNaN()
        continue
      }
      let dot = 0
      for (let d = 0; d < DIM; d++) dot += model.input[row * DIM + d] * q[d]
      expect(out[row]).toBeCloseTo(dot, 6)
    }
  })

  it('leaves out rows its tags do not rebuild (placed otherwise, or tags changed), and MLP models', () => {
    const tm = ridge(3)
    const { model, tagged } = servedRows(tm, 4, 10, 5)
    const changed = tagged.map((t, i) => (i === 2 ? { ...t, tags: ['jazz', 'dance', 'indie'] } : t))
    const noTags = changed.map((t, i) => (i === 5 ? { ...t, tags: ['nothing-known'] } : t))
    const apart = tagPlacedScores(tm, noTags, model.input, DIM)!
    expect(Array.from(apart.rows)).toEqual(
      tagged.map((t) => t.row).filter((r) => r !== 6 && r !== 9),
    )
    const otherModel = tagPlacedScores(ridge(4), tagged, model.input, DIM)
    expect(otherModel).toBeUndefined()
    const mlp: TagModel = {
      kind: 'mlp',
      tagNames: TAGS,
      dim: DIM,
      hidden: 4,
      epochs: 1,
      weights: {},
    }
    expect(tagPlacedScores(mlp, tagged, model.input, DIM)).toBeUndefined()
  })
})

describe('SimilarScorer with rows scored apart', () => {
  const BLEND: HeadSpec[] = [
    { kind: 'output', weight: 1 },
    { kind: 'cosine', weight: 0.3 },
  ]
  for (const heads of [BLEND, [{ kind: 'cosine', weight: 1 }] as HeadSpec[]]) {
    it(`answers as the full pass does (${heads.map((h) => h.kind).join('+')})`, async () => {
      const tm = ridge(11)
      const { model, tagged } = servedRows(tm, 150, 400, 13)
      // One placed row was placed by sound: it stays in the pass.
      const bySound = 150 + 17
      for (let d = 0; d < DIM; d++) model.input[bySound * DIM + d] = d === 0 ? 1 : 0
      const apart = tagPlacedScores(tm, tagged, model.input, DIM)!
      expect(apart.rows).not.toContain(bySound)
      const full = await SimilarScorer.create(model, heads)
      const split = await SimilarScorer.create(model, heads, { apart })
      expect(split.rowsInPass).toBe(150 + 1)
      for (const context of [[3], [10, 250], [149, 5, 400], [bySound]]) {
        const want = await full.query({ context, learnt: 30, placed: 8 })
        const got = await split.query({ context, learnt: 30, placed: 8 })
        expect(got.learnt.ids).toEqual(want.learnt.ids)
        expect(got.placed.ids).toEqual(want.placed.ids)
        got.learnt.scores.forEach((s, i) => expect(s).toBeCloseTo(want.learnt.scores[i], 5))
        got.placed.scores.forEach((s, i) => expect(s).toBeCloseTo(want.placed.scores[i], 5))
      }
      // Batched one-song queries (what the memo of Similar songs is filled with): the same lists.
      const rows = [3, 0, 149, bySound, 400]
      const each = await split.queryEach(rows, { learnt: 30, placed: 8 })
      for (const [i, row] of rows.entries()) {
        const want = await full.query({ context: [row], learnt: 30, placed: 8 })
        expect(each[i].learnt.ids).toEqual(want.learnt.ids)
        expect(each[i].placed.ids).toEqual(want.placed.ids)
        each[i].learnt.scores.forEach((s, j) => expect(s).toBeCloseTo(want.learnt.scores[j], 5))
        each[i].placed.scores.forEach((s, j) => expect(s).toBeCloseTo(want.placed.scores[j], 5))
      }
      await full.release()
      await split.release()
    })
  }
})
