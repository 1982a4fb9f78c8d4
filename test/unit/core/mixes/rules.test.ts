// The shared mix rules on constructed candidate lists: each rule alone, then all of them on seeded random lists.
import { describe, expect, it } from 'vitest'
import { applyMixRules, RuleState, type RuleSong } from '../../../../src-main/core/mixes/rules'
import { createRng } from '../../../../src-main/core/util/random'
import { expectMixRules } from './expect-rules'

const song = (key: string, artist: string, owned = true): RuleSong => ({ key, artist, owned })

describe('applyMixRules', () => {
  it('drops duplicate keys, keeping the first', () => {
    const out = applyMixRules([song('a', 'A'), song('b', 'B'), song('a', 'A'), song('c', 'C')], {
      n: 10,
    })
    expect(out.map((s) => s.key)).toEqual(['a', 'b', 'c'])
  })

  it('never puts the same artist back to back, taking the next candidate that fits', () => {
    const out = applyMixRules(
      [song('a1', 'A'), song('a2', 'A'), song('b1', 'B'), song('a3', 'A')],
      { n: 3 },
    )
    expect(out.map((s) => s.key)).toEqual(['a1', 'b1', 'a2'])
  })

  it('treats "The X" and "X feat. Y" as the same artist', () => {
    const out = applyMixRules(
      [song('a1', 'The Kinks'), song('a2', 'Kinks feat. Someone'), song('b1', 'B')],
      { n: 2 },
    )
    expect(out.map((s) => s.key)).toEqual(['a1', 'b1'])
  })

  it('allows at most 2 songs of an artist in any 10 consecutive songs', () => {
    const cands = [
      ...['a1', 'a2', 'a3', 'a4'].map((k) => song(k, 'A')),
      ...'bcdefghijklmn'.split('').map((c) => song(c, c.toUpperCase())),
    ]
    const out = applyMixRules(cands, { n: 14 })
    const positions = out.flatMap((s, i) => (s.artist === 'A' ? [i] : []))
    // a1 at 0, a2 at 2 (after b); a3 only once a1 left the window (10), a4 once a2 did (12).
    expect(positions).toEqual([0, 2, 10, 12])
    expectMixRules(out)
  })

  it('honours a custom spacing', () => {
    const cands = [
      song('a1', 'A'),
      song('a2', 'A'),
      song('b', 'B'),
      song('c', 'C'),
      song('a3', 'A'),
    ]
    const out = applyMixRules(cands, { n: 5, maxPerArtist: 1, artistWindow: 3 })
    expect(out.map((s) => s.key)).toEqual(['a1', 'b', 'c', 'a2'])
  })

  it('leaves out excluded and thumbed-down songs', () => {
    const cands = ['a', 'b', 'c', 'd'].map((k) => song(k, k.toUpperCase()))
    const out = applyMixRules(cands, { n: 4, exclude: ['b'], thumbsDown: new Set(['d']) })
    expect(out.map((s) => s.key)).toEqual(['a', 'c'])
  })

  it('counts the songs before the mix for artist spacing', () => {
    const cands = [song('a1', 'A'), song('b1', 'B'), song('a2', 'A')]
    const out = applyMixRules(cands, {
      n: 3,
      before: [{ artist: 'A' }, { artist: 'C' }, { artist: 'A' }],
    })
    // A already twice in the window and last: no A song fits until the window moves on.
    expect(out.map((s) => s.key)).toEqual(['b1'])
  })

  it('with "playable now" keeps every prefix at least 80 % owned', () => {
    const cands = [
      song('u1', 'U1', false),
      song('u2', 'U2', false),
      ...Array.from({ length: 12 }, (_, i) => song(`o${i}`, `O${i}`)),
    ]
    const out = applyMixRules(cands, { n: 10, playableNow: true })
    expect(out.map((s) => s.key)).toEqual([
      'o0',
      'o1',
      'o2',
      'o3',
      'u1',
      'o4',
      'o5',
      'o6',
      'o7',
      'u2',
    ])
    expectMixRules(out, { playableNow: true })
  })

  it('stops short rather than break "playable now" when owned songs run out', () => {
    const cands = [
      song('o1', 'O1'),
      song('u1', 'U1', false),
      song('u2', 'U2', false),
      song('u3', 'U3', false),
    ]
    const out = applyMixRules(cands, { n: 4, playableNow: true })
    expect(out.map((s) => s.key)).toEqual(['o1'])
  })

  it('stops when no candidate fits any more', () => {
    const out = applyMixRules([song('a1', 'A'), song('a2', 'A'), song('a3', 'A')], { n: 3 })
    expect(out.map((s) => s.key)).toEqual(['a1'])
  })

  it('rejects a bad size', () => {
    expect(() => applyMixRules([], { n: -1 })).toThrow(/whole number/)
    expect(() => new RuleState({ n: 1, maxPerArtist: 0 })).toThrow(/maxPerArtist/)
  })

  it('keeps every rule on random candidate lists', () => {
    const rng = createRng(42)
    for (let trial = 0; trial < 200; trial++) {
      const artists = 1 + rng.nextInt(8)
      const cands = Array.from({ length: 5 + rng.nextInt(60) }, () =>
        song(`k${rng.nextInt(50)}`, `Artist ${rng.nextInt(artists)}`, rng.next() < 0.6),
      )
      const exclude = [`k${rng.nextInt(50)}`, `k${rng.nextInt(50)}`]
      const playableNow = rng.next() < 0.5
      const before = Array.from({ length: rng.nextInt(4) }, () => ({
        artist: `Artist ${rng.nextInt(artists)}`,
      }))
      const rules = { n: 1 + rng.nextInt(30), exclude, playableNow, before }
      const out = applyMixRules(cands, rules)
      expectMixRules(out, { exclude, playableNow, before })
      // A short mix means nothing left could have come next.
      if (out.length < rules.n) {
        const replay = new RuleState<RuleSong>(rules)
        for (const s of out) replay.add(s)
        expect(cands.some((c) => replay.fits(c))).toBe(false)
      }
    }
  })
})
