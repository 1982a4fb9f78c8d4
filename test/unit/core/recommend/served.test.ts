// The served pipeline on a toy model, through the real ONNX export and onnxruntime: candidates, re-rank, reasons.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ServedRecommender } from '../../../../src-main/core/recommend/served'
import type { ServedParams } from '../../../../src-main/core/recommend/served-params'
import { defaultParams } from '../../../../src-main/core/song2vec/params'
import type { Song2VecModel } from '../../../../src-main/core/song2vec/types'

const vocab = ['a', 'b', 'c', 'd', 'e', 'f']
const dim = 2
const input = Float32Array.from([1, 0, 0.8, 0.2, 0, 1, 0.3, 0.7, -1, 0, 0.5, 0.5])
const output = Float32Array.from([0.9, 0.1, 1, 0, 0.2, 0.9, 0.6, 0.6, -0.5, 0.2, 0.4, 0.1])
const model: Song2VecModel = {
  vocab,
  counts: Uint32Array.from([5, 4, 3, 3, 2, 1]),
  dim,
  input,
  output,
  params: { ...defaultParams, dim },
  lossHistory: [],
}
const playlists = [
  ['a', 'b', 'c'],
  ['b', 'c', 'x'],
  ['c', 'd', 'b'],
  ['e', 'f'],
  ['f', 'e'],
]
const baseParams: ServedParams = {
  heads: [{ kind: 'output', weight: 1 }],
  candidates: 4,
  coocWindow: 1,
  coocDistancePower: 0,
  coocRowPower: 0.5,
  coocFloor: 0.01,
  embeddingWeight: 0.5,
  slotDecay: 0,
  playlists: { weight: 0, floor: 0.01, neighbours: 0, lengthPower: 0.5, alpha: 1.5 },
}
const tagsOf: Record<string, string[]> = {
  a: ['rock'],
  b: ['rock', 'indie'],
  c: ['pop'],
  d: ['indie'],
  e: [],
  f: [],
}

/** The pipeline's definition, computed directly. */
function expected(
  context: number[],
  n: number,
  exclude: number[] = [],
  params: ServedParams = baseParams,
): { ids: number[]; scores: number[] } {
  const h = [0, 0]
  for (const r of context) for (let d = 0; d < dim; d++) h[d] += input[r * dim + d] / context.length
  const o = vocab.map((_, r) => h[0] * output[r * dim] + h[1] * output[r * dim + 1])
  const banned = new Set([...context, ...exclude])
  const pool = vocab
    .map((_, r) => r)
    .filter((r) => !banned.has(r))
    .sort((x, y) => o[y] - o[x])
    .slice(0, Math.max(n, params.candidates))
  // Neighbour counts (window 1) of the toy playlists, rows = songs.
  const near: number[][] = vocab.map(() => vocab.map(() => 0))
  for (const p of playlists) {
    const rows = p.map((k) => vocab.indexOf(k)).filter((r) => r >= 0)
    for (let i = 0; i + 1 < rows.length; i++) {
      near[rows[i]][rows[i + 1]]++
      near[rows[i + 1]][rows[i]]++
    }
  }
  const rowTotal = near.map((row) => row.reduce((t, x) => t + x, 0))
  const c = vocab.map((_, s) =>
    context.reduce((t, r) => t + near[r][s] / Math.sqrt(rowTotal[r]), 0),
  )
  const total = c.reduce((t, x) => t + x, 0)
  // Votes of the playlists sharing context songs (every one of them: neighbours 0).
  const votes = vocab.map(() => 0)
  for (const p of playlists) {
    const rows = [...new Set(p.map((k) => vocab.indexOf(k)).filter((r) => r >= 0))]
    const shared = context.filter((r) => rows.includes(r)).length
    if (shared === 0) continue
    const sim = shared / Math.pow(rows.length, params.playlists.lengthPower)
    for (const r of rows) votes[r] += Math.pow(sim, params.playlists.alpha)
  }
  const best = Math.max(...votes)
  const score = (s: number): number =>
    Math.log((total > 0 ? c[s] / total : 0) + params.coocFloor) +
    params.embeddingWeight * o[s] +
    (params.playlists.weight > 0 && best > 0
      ? params.playlists.weight * Math.log(votes[s] / best + params.playlists.floor)
      : 0)
  const ids = pool.sort((x, y) => score(y) - score(x)).slice(0, n)
  return { ids, scores: ids.map(score) }
}

const params = baseParams

describe('ServedRecommender', () => {
  let served: ServedRecommender
  beforeAll(async () => {
    served = await ServedRecommender.fromModel(model, playlists, {
      params,
      nameOf: (k) => k.toUpperCase(),
      tagsOf: (k) => tagsOf[k],
    })
  })
  afterAll(async () => served.dispose())

  it('re-ranks the ONNX candidates with co-occurrence exactly as defined', async () => {
    for (const [context, n] of [
      [[0], 3],
      [[1, 2], 2],
      [[3], 4],
      [[4], 1],
    ] as [number[], number][]) {
      const got = await served.recommend(context, n)
      const want = expected(context, n)
      expect(got.ids).toEqual(want.ids)
      got.scores.forEach((s, i) => expect(s).toBeCloseTo(want.scores[i], 5))
      expect(got.why).toHaveLength(got.ids.length)
    }
  })

  it('adds the votes of playlists like the context exactly as defined', async () => {
    const withPlaylists: ServedParams = {
      ...params,
      playlists: { ...params.playlists, weight: 0.7 },
    }
    const voted = await ServedRecommender.fromModel(model, playlists, { params: withPlaylists })
    try {
      let moved = 0
      for (const [context, n] of [
        [[0], 3],
        [[1, 2], 3],
        [[3], 4],
        [[4], 2],
        [[0, 3], 3],
      ] as [number[], number][]) {
        const got = await voted.recommend(context, n)
        const want = expected(context, n, [], withPlaylists)
        expect(got.ids).toEqual(want.ids)
        got.scores.forEach((s, i) => expect(s).toBeCloseTo(want.scores[i], 5))
        if (
          (await served.recommend(context, n)).scores.some(
            (s, i) => Math.abs(s - got.scores[i]) > 1e-6,
          )
        )
          moved++
      }
      // The term changes the scores (it is not silently off).
      expect(moved).toBeGreaterThan(0)
    } finally {
      await voted.dispose()
    }
  })

  it('co-occurrence moves a song the embedding ranks lower to the top', async () => {
    // From 'e' the output layer prefers c (-0.2) to f (-0.4), but f is e's neighbour in two playlists.
    const r = await served.recommend([4], 2)
    expect(r.ids).toEqual([5, 2])
    expect(r.why[0]).toEqual({
      kind: 'cooc',
      text: 'played near it in 2 playlists',
      song: 4,
      count: 2,
    })
    // c shares no playlist and no tag with e, and points the other way: no better reason than popularity.
    expect(r.why[1].kind).toBe('popular')
    // b after a: neighbours once only, but both are tagged rock.
    const ab = await served.recommend([0], 1)
    expect(ab.ids).toEqual([1])
    expect(ab.why[0]).toEqual({ kind: 'tags', text: 'shares tags rock', tags: ['rock'] })
  })

  it('never returns the context or excluded songs, and ignores unknown context rows', async () => {
    const r = await served.recommend([0, -1, 99], 6, { exclude: new Set([1]) })
    expect(r.ids).toEqual(expected([0], 6, [1]).ids)
    expect(r.ids).not.toContain(0)
    expect(r.ids).not.toContain(1)
  })

  it('answers an unknown context with the most played songs', async () => {
    const r = await served.recommend([42], 2)
    expect(r.ids).toEqual([0, 1])
    expect(r.why.map((w) => w.kind)).toEqual(['popular', 'popular'])
    expect((await served.recommend([0], 2, { explain: false })).why).toEqual([])
  })
})
