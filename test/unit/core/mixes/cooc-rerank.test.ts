// The co-occurrence re-rank: evidence from research playlists lifts candidates; no evidence keeps the model's order.
import { describe, expect, it } from 'vitest'
import { coocRerank } from '../../../../src-main/core/mixes/cooc-rerank'
import { mixEnv } from '../../../../src-main/core/mixes/env'
import { emptyLibrary } from '../../../../src-main/core/mixes/user-library'
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
