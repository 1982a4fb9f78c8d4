// The co-occurrence re-rank: evidence from research playlists lifts candidates; no evidence keeps the model's order.
import { describe, expect, it } from 'vitest'
import { coocRerank } from '../../../../src-main/core/mixes/cooc-rerank'
import { mixEnv } from '../../../../src-main/core/mixes/env'
import { emptyLibrary } from '../../../../src-main/core/mixes/user-library'
import { SERVED_PARAMS } from '../../../../src-main/core/recommend/defaults'
import { FakeCatalog, makeWorld } from './world'

const world = makeWorld()

describe('coocRerank', () => {
  it('orders by log(share + floor) + 0.2 · model score', () => {
    const catalog = new FakeCatalog(new Map(), [
      ['s', 'x'],
      ['s', 'x'],
      ['s', 'y'],
      ['t', 'z'],
    ])
    const env = mixEnv(world.scorer, catalog, emptyLibrary())
    // x: 2 playlists with s, y: 1, z: 1 with t (weight 0.5), w: none.
    const out = coocRerank(env, ['s', 't'], [1, 0.5], ['w', 'z', 'y', 'x'], [0.9, 0.8, 0.7, 0.1])
    expect(out).toEqual(['x', 'y', 'z', 'w'])
    const f = (share: number, score: number) => Math.log(share + 1e-3) + 0.2 * score
    expect(f(2 / 3.5, 0.1)).toBeGreaterThan(f(1 / 3.5, 0.7))
  })

  it('adds the votes of the playlists most like the context, as the served pipeline does', () => {
    // x and y share one playlist each with s; y's is short (closer to the context), x's long.
    const catalog = new FakeCatalog(new Map(), [
      ['s', 'x', 'a', 'b', 'c', 'd'],
      ['s', 'y'],
    ])
    const env = mixEnv(world.scorer, catalog, emptyLibrary())
    const out = coocRerank(env, ['s'], [1], ['x', 'y'], [0.9, 0.8])
    expect(out).toEqual(['y', 'x'])
    const { weight, floor, lengthPower, alpha } = SERVED_PARAMS.playlists
    const vote = (len: number) => Math.pow(1 / Math.pow(len, lengthPower), alpha)
    const f = (score: number, v: number) =>
      Math.log(1 / 2 + SERVED_PARAMS.coocFloor) +
      SERVED_PARAMS.embeddingWeight * score +
      weight * Math.log(v + floor)
    // The best vote is the context song's own (both playlists hold s).
    const best = vote(6) + vote(2)
    expect(f(0.8, vote(2) / best)).toBeGreaterThan(f(0.9, vote(6) / best))
    const shares = catalog.neighbourShares(['s'], [1], ['x', 'y'])
    expect(shares[0]).toBeCloseTo(vote(6) / best, 12)
    expect(shares[1]).toBeCloseTo(vote(2) / best, 12)
  })

  it('keeps the model order without evidence, and uses only the last context songs', () => {
    const catalog = new FakeCatalog(new Map(), [['old', 'b']])
    const env = mixEnv(world.scorer, catalog, emptyLibrary())
    expect(coocRerank(env, ['q'], [1], ['a', 'b'], [2, 1])).toEqual(['a', 'b'])
    expect(coocRerank(env, ['old', 'new'], [1, 1], ['a', 'b'], [2, 1], { maxContext: 1 })).toEqual([
      'a',
      'b',
    ])
    expect(coocRerank(env, ['old', 'new'], [1, 1], ['a', 'b'], [2, 1], { maxContext: 2 })).toEqual([
      'b',
      'a',
    ])
  })
})
