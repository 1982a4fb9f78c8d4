// Playlist neighbours (session kNN): votes against their definition computed directly, on random playlists with repeats and unknown rows.
import { describe, expect, it } from 'vitest'
import {
  PlaylistNeighbours,
  type NeighbourParams,
} from '../../../../src-main/core/recommend/playlist-neighbours'

/** A small deterministic generator (the tests must not depend on Math.random). */
function lcg(seed: number): () => number {
  let x = seed >>> 0
  return () => (x = (Math.imul(x, 1664525) + 1013904223) >>> 0) / 2 ** 32
}

/** The votes by definition: every playlist's similarity, the best `neighbours` kept (ties: lower index), `sim^alpha` to each distinct song. */
function bruteForce(
  playlists: number[][],
  size: number,
  context: number[],
  params: NeighbourParams,
  weights?: number[],
): Float64Array {
  const sims = playlists.map((p) => {
    const songs = new Set(p.filter((s) => s >= 0 && s < size))
    let shared = 0
    context.forEach((c, i) => {
      const w = weights ? weights[i] : 1
      if (c >= 0 && c < size && w > 0 && songs.has(c)) shared += w
    })
    return { songs, sim: shared > 0 ? shared / Math.pow(songs.size, params.lengthPower) : 0 }
  })
  // Equal similarities: the earlier playlist first.
  const hit = sims.filter((x) => x.sim > 0).sort((a, b) => b.sim - a.sim)
  const kept = params.neighbours > 0 ? hit.slice(0, params.neighbours) : hit
  const votes = new Float64Array(size)
  for (const { songs, sim } of kept) for (const s of songs) votes[s] += Math.pow(sim, params.alpha)
  return votes
}

describe('PlaylistNeighbours', () => {
  it('votes as defined: the most similar playlists, each song counted once per playlist', () => {
    const rand = lcg(7)
    const size = 40
    // Lengths 1..12 and songs drawn from a skewed range, so playlists share songs and repeat some.
    const playlists = Array.from({ length: 300 }, () =>
      Array.from({ length: 1 + Math.floor(rand() * 12) }, () => Math.floor(size * rand() * rand())),
    )
    playlists.push([-1, 3, size, 3]) // rows outside the catalogue are skipped
    const nb = PlaylistNeighbours.fromLists(playlists, size)
    expect(nb.playlists).toBe(playlists.length)
    for (const params of [
      { neighbours: 0, lengthPower: 0.5, alpha: 1 },
      { neighbours: 20, lengthPower: 0.5, alpha: 1.5 },
      { neighbours: 5, lengthPower: 0, alpha: 2 },
      { neighbours: 1000, lengthPower: 1, alpha: 1 },
    ]) {
      for (let q = 0; q < 20; q++) {
        const context = Array.from({ length: 1 + Math.floor(rand() * 5) }, () =>
          Math.floor(size * rand()),
        )
        const weights = q % 2 ? context.map(() => rand()) : undefined
        const want = bruteForce(playlists, size, context, params, weights)
        nb.accumulate(context, params, weights)
        const got = Float64Array.from(nb.scores)
        for (let s = 0; s < size; s++) expect(got[s]).toBeCloseTo(want[s], 9)
        const touched = new Set(Array.from(nb.touched.subarray(0, nb.count)))
        for (let s = 0; s < size; s++) expect(touched.has(s)).toBe(got[s] > 0)
        expect(nb.max()).toBeCloseTo(Math.max(0, ...got), 12)
      }
    }
  })

  it('keeps exactly the best playlists when similarities are distinct', () => {
    // Playlist p holds songs 0 and p+1 plus p filler songs: its similarity to [0] falls with its length.
    const playlists = Array.from({ length: 6 }, (_, p) => [
      0,
      10 + p,
      ...Array.from({ length: p }, (_, i) => 20 + i),
    ])
    const nb = PlaylistNeighbours.fromLists(playlists, 30)
    nb.accumulate([0], { neighbours: 2, lengthPower: 1, alpha: 1 })
    // The two shortest playlists (2 and 3 songs) vote; the others do not.
    expect(nb.scores[10]).toBeCloseTo(1 / 2, 12)
    expect(nb.scores[11]).toBeCloseTo(1 / 3, 12)
    for (const s of [12, 13, 14, 15]) expect(nb.scores[s]).toBe(0)
    expect(nb.scores[0]).toBeCloseTo(1 / 2 + 1 / 3, 12)
  })

  it('starts every query from nothing, and clear() empties the scores', () => {
    const nb = PlaylistNeighbours.fromLists(
      [
        [0, 1, 2],
        [3, 4],
      ],
      5,
    )
    const params = { neighbours: 0, lengthPower: 0, alpha: 1 }
    nb.accumulate([0], params)
    expect(Array.from(nb.scores)).toEqual([1, 1, 1, 0, 0])
    nb.accumulate([3], params)
    expect(Array.from(nb.scores)).toEqual([0, 0, 0, 1, 1])
    nb.accumulate([9, -1], params)
    expect(nb.count).toBe(0)
    expect(nb.max()).toBe(0)
    nb.accumulate([1], params)
    nb.clear()
    expect(Array.from(nb.scores)).toEqual([0, 0, 0, 0, 0])
    expect(new PlaylistNeighbours(new Int32Array(0), new Uint32Array(1), 3).playlists).toBe(0)
  })
})
