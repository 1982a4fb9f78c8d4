// The quality evaluation on a planted research set: Continue and Radio beat popularity, rules raise artist diversity.
import { describe, expect, it } from 'vitest'
import { evaluateMixes, quality } from '../../../../src-main/core/mixes/quality'
import { ResearchCatalog } from '../../../../src-main/core/mixes/research-catalog'
import { VectorScorer } from '../../../../src-main/core/mixes/vector-scorer'
import type { SongInfo } from '../../../../src-main/core/recommend/types'
import { createRng } from '../../../../src-main/core/util/random'
import { gauss, unitRandom } from './world'

/** 4 genres × 6 artists × 4 songs; playlists stay inside one genre; artist runs like radio logs. */
function plantedResearch(): {
  songs: SongInfo[]
  vectors: Float32Array
  train: number[][]
  heldout: number[][]
} {
  const rng = createRng(11)
  const dim = 16
  const songs: SongInfo[] = []
  const rows: number[] = []
  const genreSongs: number[][] = []
  for (let g = 0; g < 4; g++) {
    const c = unitRandom(rng, dim)
    genreSongs.push([])
    for (let a = 0; a < 6; a++) {
      for (let s = 0; s < 4; s++) {
        genreSongs[g].push(songs.length)
        songs.push({ title: `g${g} a${a} s${s}`, artist: `Artist ${g}-${a}`, tags: [`genre${g}`] })
        for (let d = 0; d < dim; d++) rows.push(c[d] + (0.4 * gauss(rng)) / Math.sqrt(dim))
      }
    }
  }
  const playlist = (): number[] => {
    const pool = genreSongs[rng.nextInt(4)]
    return Array.from({ length: 12 }, () => pool[rng.nextInt(pool.length)])
  }
  // Genre 0 is the most played overall, so popularity favours it.
  const train = Array.from({ length: 200 }, () => playlist())
  for (let i = 0; i < 60; i++)
    train.push(Array.from({ length: 12 }, () => genreSongs[0][rng.nextInt(24)]))
  return {
    songs,
    vectors: Float32Array.from(rows),
    train,
    heldout: Array.from({ length: 40 }, () => playlist()),
  }
}

describe('evaluateMixes', () => {
  it('scores Continue and Radio above popularity, with the rules keeping artists varied', async () => {
    const { songs, vectors, train, heldout } = plantedResearch()
    const scorer = new VectorScorer({
      keys: songs.map((_, i) => String(i)),
      data: vectors,
      dim: 16,
    })
    const r = await evaluateMixes({ train, heldout, songs, scorer, topn: 10, seed: 5 })
    expect(r.playlists).toBe(40)
    expect(Object.keys(r.continuation)).toEqual([
      'continue',
      'continue (fresh)',
      'model ranking (no rules)',
      'cooc',
      'popular',
    ])
    expect(Object.keys(r.radio)).toEqual([
      'radio',
      'model ranking (no rules)',
      'cooc (last song)',
      'popular',
    ])
    for (const m of [...Object.values(r.continuation), ...Object.values(r.radio)]) {
      expect(m.lists).toBe(40)
      expect(m.ndcg).toBeGreaterThanOrEqual(0)
      expect(m.ndcg).toBeLessThanOrEqual(1)
    }
    expect(r.continuation.continue.ndcg).toBeGreaterThan(r.continuation.popular.ndcg + 0.1)
    expect(r.radio.radio.ndcg).toBeGreaterThan(r.radio.popular.ndcg + 0.1)
    expect(r.continuation.continue.hitRate).toBe(1)
    // At most 2 songs per artist in 10: at least 5 artists in every 10 songs.
    expect(r.continuation.continue.distinctArtists).toBeGreaterThanOrEqual(5)
    expect(r.continuation.continue.distinctArtists).toBeGreaterThan(
      r.continuation['model ranking (no rules)'].distinctArtists,
    )
    // Lists of one genre are more alike than popularity's mix of genres.
    expect(r.continuation.continue.intraListSimilarity).toBeGreaterThan(
      r.continuation.popular.intraListSimilarity,
    )
    expect(r.reference.distinctArtists).toBeGreaterThan(0)
  })
})

describe('quality', () => {
  it('averages nDCG, hit rate and diversity over lists', () => {
    const artistOf = (id: number) => ({ artist: `A${id % 2}` })
    const q = quality(
      [
        [1, 2],
        [3, 4],
      ],
      [new Set([1]), new Set([9])],
      2,
      artistOf,
      () => undefined,
    )
    expect(q).toEqual({
      ndcg: 0.5,
      hitRate: 0.5,
      distinctArtists: 10,
      intraListSimilarity: 0,
      lists: 2,
    })
  })
})

describe('ResearchCatalog', () => {
  it('names songs by id and counts playlists together', () => {
    const songs: SongInfo[] = [
      { title: 'T0', artist: 'A0', tags: ['x'] },
      { title: 'T1', artist: 'A1', tags: [] },
      { title: 'T2', artist: 'A2', tags: [] },
    ]
    const c = new ResearchCatalog(songs, [
      [0, 1, 0],
      [1, 2],
      [0, 1],
    ])
    expect(c.get('0')).toEqual({ key: '0', artist: 'A0', title: 'T0', tags: ['x'] })
    expect(c.get('7')).toBeUndefined()
    expect(c.get('a — b')).toBeUndefined()
    expect(c.together('0', '1')).toBe(2)
    expect(c.together('0', '2')).toBe(0)
  })
})
