// Each baseline behaves as defined on a toy corpus small enough to check by hand.
import { describe, expect, it } from 'vitest'
import { CoocRecommender } from '../../../../src-main/core/recommend/baselines/cooc'
import { PopularRecommender } from '../../../../src-main/core/recommend/baselines/popular'
import { RandomRecommender } from '../../../../src-main/core/recommend/baselines/random'
import { TagRecommender } from '../../../../src-main/core/recommend/baselines/tags'
import { createRecommender, RECOMMENDER_NAMES } from '../../../../src-main/core/recommend/registry'
import {
  createSharedModels,
  type FitContext,
  type SongInfo,
} from '../../../../src-main/core/recommend/types'

const song = (tags: string[]): SongInfo => ({ title: 't', artist: 'a', tags })
// 0..5 are played; 6 is never played but tagged like 0; 7 has no tags.
const songs = [
  song(['rock', '90s']),
  song(['rock']),
  song(['pop']),
  song(['pop', 'dance']),
  song(['rock', '90s', 'grunge']),
  song([]),
  song(['rock', '90s']),
  song([]),
]
const train = [
  [0, 1, 0, 1, 4],
  [2, 3, 2, 3],
  [1, 4, 5],
  [3, 2, 5, 0],
]
// Counts: 0:3, 1:3, 2:3, 3:3, 4:2, 5:2.
const ctx = (window = 1): FitContext => ({ songs, seed: 42, window, shared: createSharedModels() })

describe('popular', () => {
  it('returns the most played songs, ties to the lower id, whatever the context', async () => {
    const r = new PopularRecommender()
    await r.fit(train, ctx())
    expect((await r.recommend([5], 3)).ids).toEqual([0, 1, 2])
    expect((await r.recommend([], 5, { exclude: new Set([1, 2]) })).ids).toEqual([0, 3, 4, 5])
    expect((await r.recommend([0], 10)).ids).toEqual([0, 1, 2, 3, 4, 5])
  })
})

describe('random', () => {
  it('draws distinct catalogue songs (played or not), the same sequence for the same seed', async () => {
    const a = new RandomRecommender()
    const b = new RandomRecommender()
    await a.fit(train, ctx())
    await b.fit(train, ctx())
    const ra = [await a.recommend([0], 8), await a.recommend([0], 3)]
    const rb = [await b.recommend([0], 8), await b.recommend([0], 3)]
    expect(ra).toEqual(rb)
    expect([...ra[0].ids].sort()).toEqual([0, 1, 2, 3, 4, 5, 6, 7])
    expect(new Set(ra[1].ids).size).toBe(3)
    const ex = await a.recommend([], 8, { exclude: new Set([0, 7]) })
    expect(ex.ids.sort()).toEqual([1, 2, 3, 4, 5, 6])
  })
})

describe('tags', () => {
  it('scores by IDF-weighted overlap with the context profile, ties by popularity', async () => {
    const r = new TagRecommender()
    await r.fit(train, ctx())
    // Context [4] has rock, 90s, grunge. idf over the 6 tagged songs: rock ln(6/4), 90s ln(6/3), grunge ln(6/1).
    // Song 4 itself scores all three; 0 and 6 score rock+90s (0 is played more, so first); 1 scores rock.
    const res = await r.recommend([4], 4)
    expect(res.ids).toEqual([4, 0, 6, 1])
    expect(res.scores[1]).toBeCloseTo(Math.log(6 / 4) + Math.log(6 / 3), 12)
    expect(res.scores[3]).toBeCloseTo(Math.log(6 / 4), 12)
  })

  it('weighs tags by the share of context songs that carry them and fills up with popular songs', async () => {
    const r = new TagRecommender()
    await r.fit(train, ctx())
    // Context [2, 3]: pop (2 of 2 songs) and dance (1 of 2). 3 has both; 2 has pop.
    const res = await r.recommend([2, 3], 4)
    expect(res.ids).toEqual([3, 2, 0, 1])
    expect(res.scores[0]).toBeCloseTo(Math.log(6 / 2) + 0.5 * Math.log(6 / 1), 12)
    expect(res.scores.slice(2)).toEqual([0, 0])
    // No tags in the context: the most popular songs.
    expect((await r.recommend([5, 7], 2)).ids).toEqual([0, 1])
  })
})

describe('cooc', () => {
  it('sums the windowed co-occurrence counts of the context songs', async () => {
    const r = new CoocRecommender()
    await r.fit(train, ctx(1))
    // Neighbours (window 1): of 0 -> 1 x3 (pl0), 5 x1 (pl3); of 4 -> 1 x2 (pl0, pl2), 5 x1 (pl2).
    expect(await r.recommend([0], 5)).toEqual({ ids: [1, 5], scores: [3, 1] })
    expect(await r.recommend([0, 4], 5)).toEqual({ ids: [1, 5], scores: [5, 2] })
    // Of 5 -> 4, 2 and 0 once each: ties go to the more played (0 and 2, 3 plays; lower id first), then 4.
    expect(await r.recommend([5], 3)).toEqual({ ids: [0, 2, 4], scores: [1, 1, 1] })
  })

  it('falls back to popular songs for a context without evidence', async () => {
    const r = new CoocRecommender()
    await r.fit(train, ctx(1))
    expect((await r.recommend([7], 2)).ids).toEqual([0, 1])
    expect((await r.recommend([0], 5, { exclude: new Set([1]) })).ids).toEqual([5])
  })
})

describe('registry', () => {
  it('makes every listed recommender and rejects others with the valid names', () => {
    for (const n of RECOMMENDER_NAMES) expect(createRecommender(n).name).toBe(n)
    expect(RECOMMENDER_NAMES).toEqual([
      'random',
      'popular',
      'tags',
      'cooc',
      'rp3beta',
      'rp3beta-playlist',
      'ease',
      'clusters',
      'song2vec',
      'served',
      'ranker',
      'als',
      'autoencoder',
      'served-als',
      'served-autoencoder',
    ])
    expect(() => createRecommender('glove')).toThrow(
      'Unknown recommender "glove": use one or more of random, popular, tags, cooc, rp3beta, rp3beta-playlist, ease, clusters, song2vec, served, ranker, als, autoencoder, served-als, served-autoencoder',
    )
  })
})
