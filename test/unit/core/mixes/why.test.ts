// Mix reasons: seeds named once per line, "from your playlists" only for songs in them, no junk tags.
import { describe, expect, it } from 'vitest'
import { mixEnv } from '../../../../src-main/core/mixes/env'
import type { CatalogLike, Scorer } from '../../../../src-main/core/mixes/types'
import type { UserLibrary } from '../../../../src-main/core/mixes/user-library'
import { Explainer, sentence } from '../../../../src-main/core/mixes/why'

const tags: Record<string, string[]> = {
  'a|x': ['jazz', 'genius', '<3'],
  'b|y': ['jazz', 'genius', 'favorites', 'piano'],
  'c|z': ['rock'],
}
const catalog: CatalogLike = {
  get: (key) => (tags[key] ? { key, artist: key[2], title: key[0], tags: tags[key] } : undefined),
  together: (a, b) => ((a === 'b|y' && b === 'a|x') || (a === 'a|x' && b === 'b|y') ? 4 : 0),
  neighbourShares: (_context, _weights, keys) => keys.map(() => 0),
}
const vec: Record<string, Float32Array> = {
  'a|x': Float32Array.from([1, 0]),
  'b|y': Float32Array.from([0.9, 0.1]),
  'c|z': Float32Array.from([0, 1]),
}
const scorer = { query: async () => [], vector: (k: string) => vec[k] } as unknown as Scorer
const library: UserLibrary = {
  owned: new Map(),
  taste: [],
  playlistKeys: new Set(['c|z']),
  names: new Map(),
  thumbsUp: new Set(),
  thumbsDown: new Set(),
}

describe('Explainer', () => {
  const env = mixEnv(scorer, catalog, library)

  it('names the seed once when it is both nearest and shared playlists', () => {
    const { why, evidence } = new Explainer(env, ['a|x']).explain('b|y')
    expect(evidence.together?.count).toBe(4)
    expect(why).toBe('close to "a" by x and in 4 radio playlists with it; shares tags jazz')
    expect(why.split('"a"').length - 1).toBe(1)
    expect(why).not.toMatch(/genius|favorites|<3/)
  })

  it('says "from your playlists" only for a seed that is in one', () => {
    const e = new Explainer(env, ['a|x', 'c|z'])
    expect(e.explain('c|z').why).toBe('from your playlists')
    expect(e.explain('a|x').why).toBe('the song this mix starts from')
  })

  it('joins different seeds with their own names', () => {
    expect(
      sentence({
        nearest: [{ key: 'a', artist: 'A', title: 'One', similarity: 0.9 }],
        together: { key: 'b', artist: 'B', title: 'Two', count: 2 },
        tags: [],
        seed: false,
      }),
    ).toBe('close to "One" by A; in 2 radio playlists with "Two" by B')
  })
})
