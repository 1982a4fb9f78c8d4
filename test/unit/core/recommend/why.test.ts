// Reasons: co-occurrence first (the context song with the most shared playlists), then tags, closeness, popularity.
import { describe, expect, it } from 'vitest'
import { buildCooc } from '../../../../src-main/core/recommend/cooc-matrix'
import { buildTagIndex } from '../../../../src-main/core/recommend/tag-index'
import { explain } from '../../../../src-main/core/recommend/why'

const names = ['Alpha', 'Beta', 'Gamma', 'Delta', 'Epsilon']
const nameOf = (id: number): string => names[id]
const cooc = buildCooc(
  [
    [0, 1, 2],
    [1, 0],
    [2, 1],
    [0, 1],
    [3, 4],
  ],
  5,
  { window: 1, distancePower: 0 },
)
const tags = buildTagIndex([
  { title: '', artist: '', tags: ['rock', '90s', 'grunge'] },
  { title: '', artist: '', tags: ['rock'] },
  { title: '', artist: '', tags: ['pop'] },
  { title: '', artist: '', tags: ['grunge', 'rock'] },
  { title: '', artist: '', tags: ['90s', 'grunge'] },
])

describe('explain', () => {
  it('names the context song played near the recommendation in the most playlists', () => {
    // 1 was next to 0 in 3 playlists and next to 2 in 2.
    const why = explain(1, [2, 0], { nameOf, cooc, tags })
    expect(why).toEqual({
      kind: 'cooc',
      text: 'played near Alpha in 3 playlists',
      song: 0,
      count: 3,
    })
  })

  it('falls back to shared tags, rarest first, when co-occurrence is thin', () => {
    // 4 and 0 were never neighbours; 4 shares 90s and grunge with 0 (both rarer than rock).
    const why = explain(4, [0, 2], { nameOf, cooc, tags })
    expect(why.kind).toBe('tags')
    expect(why.text).toBe('shares tags 90s, grunge')
    expect(why.tags).toEqual(['90s', 'grunge'])
    // One shared playlist is below the default minimum of two.
    expect(explain(2, [0], { nameOf, cooc, tags }).kind).toBe('popular')
    expect(explain(2, [1], { nameOf, cooc, tags }).text).toBe('played near it in 2 playlists')
    expect(explain(2, [1, 4], { nameOf, cooc, tags }).text).toBe('played near Beta in 2 playlists')
    expect(explain(2, [1], { nameOf, cooc, tags }, { minTogether: 3 }).kind).toBe('popular')
    expect(
      explain(
        0,
        [2, 1],
        { nameOf, cooc: buildCooc([[0, 2]], 5, { window: 1, distancePower: 0 }) },
        { minTogether: 1 },
      ).text,
    ).toBe('played near Gamma in 1 playlist')
    // One context song: the page names it, the row says "it".
    expect(
      explain(
        0,
        [2],
        { nameOf, cooc: buildCooc([[0, 2]], 5, { window: 1, distancePower: 0 }) },
        { minTogether: 1 },
      ).text,
    ).toBe('played near it in 1 playlist')
  })

  it('then names the closest context song in the model, else says popular', () => {
    const similarity = (a: number, b: number): number => (a === 3 && b === 2 ? 0.9 : 0.1)
    expect(explain(2, [4, 3], { nameOf, similarity })).toEqual({
      kind: 'embedding',
      text: 'close to Delta in the model',
      song: 3,
    })
    expect(explain(2, [3], { nameOf, similarity }).text).toBe(
      'close to it in the model (similarity 0.90), no shared playlist',
    )
    expect(explain(2, [], { nameOf, plays: () => 7 }).text).toBe(
      'played 7 times in the radio playlists',
    )
    expect(explain(2, [], { nameOf, cooc, tags, similarity })).toEqual({
      kind: 'popular',
      text: 'often played in these playlists',
    })
  })

  it('prefers the song nearest the slot when evidence ties', () => {
    // 1 was next to 0 in 3 playlists and next to 2 in 2; make both count 3 by using a symmetric corpus.
    const even = buildCooc(
      [
        [0, 1],
        [2, 1],
        [0, 1],
        [2, 1],
      ],
      5,
      { window: 1, distancePower: 0 },
    )
    expect(explain(1, [0, 2], { nameOf, cooc: even }).song).toBe(0)
    expect(explain(1, [0, 2], { nameOf, cooc: even }, { slot: 2 }).song).toBe(2)
  })
})

describe('reasons are true and short', () => {
  // A small world with messy Last.fm tags: every reason is checked against the data it cites.
  const songs = [
    ['rock', 'favorites', '<3', '90s'],
    ['rock', 'favorites', 'amazing', 'grunge'],
    ['pop', 'favorites', '77davez-all-tracks'],
    ['grunge', 'rock', 'genius', '90s'],
    ['90s', 'grunge', 'awesome'],
    ['pop', 'dance', 'favorites'],
  ]
  const index = buildTagIndex(songs.map((t) => ({ title: '', artist: '', tags: t })))
  const lists = [
    [0, 1, 2],
    [1, 0],
    [2, 1],
    [0, 1],
    [3, 4],
    [5, 2],
    [5, 2],
  ]
  const co = buildCooc(lists, 6, { window: 1, distancePower: 0 })
  const similarity = (a: number, b: number): number => 1 - Math.abs(a - b) / 10
  const nameOf = (id: number): string => `"Song ${id}"`

  it('never names a junk tag, and every tag named is on the song and on a context song', () => {
    for (let song = 0; song < 6; song++) {
      for (let c = 0; c < 6; c++) {
        if (c === song) continue
        const why = explain(song, [c], { nameOf, tags: index })
        if (why.kind !== 'tags') continue
        for (const t of why.tags ?? []) {
          expect([
            'favorites',
            '<3',
            'amazing',
            'genius',
            'awesome',
            '77davez-all-tracks',
          ]).not.toContain(t)
          expect(songs[song]).toContain(t)
          expect(songs[c]).toContain(t)
        }
      }
    }
  })

  it('cites the true number of shared playlists, names a context song at most once', () => {
    for (let song = 0; song < 6; song++) {
      for (const context of [[0], [1, 2], [3, 4, 5]]) {
        if (context.includes(song)) continue
        const why = explain(song, context, { nameOf, cooc: co, tags: index, similarity })
        const named = context.filter((c) => why.text.includes(nameOf(c)))
        expect(named.length).toBeLessThanOrEqual(1)
        if (context.length === 1) expect(named).toEqual([])
        if (why.kind === 'cooc') {
          const truth = lists.filter((l) =>
            l.some((x, i) => x === song && (l[i - 1] === why.song || l[i + 1] === why.song)),
          ).length
          expect(why.count).toBe(truth)
          expect(why.text).toContain(`in ${truth} playlist`)
        }
      }
    }
  })

  it('gives Similar songs rows their own sentence, not one repeated on every row', () => {
    const rows = [1, 2, 3, 4, 5].map(
      (s) => explain(s, [0], { nameOf, cooc: co, tags: index, similarity }).text,
    )
    expect(new Set(rows).size).toBe(rows.length)
  })
})
