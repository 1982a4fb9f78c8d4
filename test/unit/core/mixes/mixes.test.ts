// Daily mixes, Discover, radio, continue and cluster mixes on a planted "metal + jazz" user: content, rules, seeds, why.
import { describe, expect, it } from 'vitest'
import {
  buildMixes,
  continuePlaylist,
  mixForCluster,
  radio,
  type MixContext,
} from '../../../../src-main/core/mixes/api'
import type { Mix } from '../../../../src-main/core/mixes/types'
import { expectMixRules } from './expect-rules'
import { buildUserLibrary } from '../../../../src-main/core/mixes/user-library'
import { makeWorld, metalJazzUser, ownedRows } from './world'

const world = makeWorld()
const genreOf = (key: string): string => world.byKey.get(key)!.genre
const keysOf = (m: Mix): string[] => m.tracks.map((t) => t.key)
const ctxFor = (seed: number, extra: Partial<MixContext> = {}): MixContext => ({
  library: metalJazzUser(world),
  scorer: world.scorer,
  catalog: world.catalog,
  seed,
  ...extra,
})

describe('buildMixes', () => {
  it('makes one daily mix per taste, named from its label, and Discover', async () => {
    const mixes = await buildMixes(ctxFor(1), { size: 12 })
    expect(mixes.map((m) => [m.kind, m.name])).toEqual([
      ['daily', 'Daily Mix 1: Metal · Metal Artist 1, Metal Artist 2'],
      ['daily', 'Daily Mix 2: Jazz · Jazz Artist 1, Jazz Artist 2'],
      ['discover', 'Discover'],
    ])
    const [metal, jazz] = mixes
    expect(metal.tracks).toHaveLength(12)
    expect(metal.tracks.filter((t) => genreOf(t.key) === 'metal').length).toBeGreaterThanOrEqual(11)
    expect(jazz.tracks.filter((t) => genreOf(t.key) === 'jazz').length).toBeGreaterThanOrEqual(11)
    expect(metal.modelId).toBe('world-model')
  })

  it('blends owned songs with close songs the user does not own', async () => {
    const lib = metalJazzUser(world)
    const [metal] = await buildMixes(ctxFor(1), { size: 12 })
    const owned = metal.tracks.filter((t) => t.owned)
    expect(owned.length).toBeGreaterThanOrEqual(6)
    expect(owned.length).toBeLessThanOrEqual(9)
    for (const t of owned) {
      expect(lib.owned.get(t.key)?.trackId).toBe(t.trackId)
      expect(t.path).toBe(lib.owned.get(t.key)?.path)
    }
    for (const t of metal.tracks.filter((x) => !x.owned)) expect(t.trackId).toBeUndefined()
  })

  it('keeps every mix rule in every mix', async () => {
    for (const seed of [1, 2, 3]) {
      for (const m of await buildMixes(ctxFor(seed), { size: 20 })) expectMixRules(m.tracks)
    }
  })

  it('fills Discover only with songs the user neither owns nor lists', async () => {
    const lib = metalJazzUser(world)
    const discover = (await buildMixes(ctxFor(1), { size: 12 })).find((m) => m.kind === 'discover')!
    expect(discover.tracks).toHaveLength(12)
    for (const t of discover.tracks) {
      expect(lib.owned.has(t.key)).toBe(false)
      expect(lib.playlistKeys.has(t.key)).toBe(false)
      expect(['metal', 'jazz']).toContain(genreOf(t.key))
    }
    // Both tastes are represented, the heavier one (metal) at least as much.
    const metal = discover.tracks.filter((t) => genreOf(t.key) === 'metal').length
    expect(metal).toBeGreaterThanOrEqual(6)
    expect(metal).toBeLessThan(12)
  })

  it('says why every song is there', async () => {
    const lib = metalJazzUser(world)
    const [metal] = await buildMixes(ctxFor(1), { size: 12 })
    for (const t of metal.tracks) {
      expect(t.why.length).toBeGreaterThan(0)
      if (t.owned) {
        expect(t.evidence.seed).toBe(true)
        expect(t.why).toBe('one of your songs — played 20 times')
      } else if (lib.playlistKeys.has(t.key)) {
        expect(t.evidence.seed).toBe(true)
        expect(t.why).toBe('from your playlists')
      } else {
        expect(t.evidence.seed).toBe(false)
        expect(t.evidence.nearest.length).toBeGreaterThan(0)
        expect(t.why).toMatch(/^close to ".*" by Metal Artist \d/)
        if (genreOf(t.key) === 'metal') expect(t.evidence.tags).toContain('metal')
      }
      if (t.evidence.together) {
        expect(world.catalog.together(t.key, t.evidence.together.key)).toBe(
          t.evidence.together.count,
        )
      }
    }
    expect(metal.tracks.some((t) => t.evidence.together && t.why.includes('radio playlist'))).toBe(
      true,
    )
  })

  it('is reproducible by seed and fresh with another seed', async () => {
    const a = await buildMixes(ctxFor(1), { size: 12 })
    const b = await buildMixes(ctxFor(1), { size: 12 })
    const c = await buildMixes(ctxFor(2), { size: 12 })
    expect(b.map(keysOf)).toEqual(a.map(keysOf))
    expect(b.map((m) => m.id)).toEqual(a.map((m) => m.id))
    expect(c.map((m) => m.name)).toEqual(a.map((m) => m.name))
    for (let i = 0; i < a.length; i++) expect(keysOf(c[i])).not.toEqual(keysOf(a[i]))
    // Freshness 0: the strict ranking, the same whatever the seed.
    const s1 = await buildMixes(ctxFor(1), { size: 12, freshness: 0 })
    const s2 = await buildMixes(ctxFor(2), { size: 12, freshness: 0 })
    expect(s2.map(keysOf)).toEqual(s1.map(keysOf))
  })

  it('makes daily mixes at least 80 % owned when playable now', async () => {
    const mixes = await buildMixes(ctxFor(4, { playableNow: true }), { size: 12 })
    for (const m of mixes.filter((x) => x.kind === 'daily')) {
      // 4 owned artists × 2 per 10 songs limit the owned songs of a taste to 8 in 10.
      expect(m.tracks.length).toBeGreaterThanOrEqual(8)
      expectMixRules(m.tracks, { playableNow: true })
      expect(m.tracks.some((t) => !t.owned)).toBe(true)
    }
  })

  it('never uses a thumbed-down song', async () => {
    const first = await buildMixes(ctxFor(1), { size: 12 })
    const down = [first[0].tracks[0].key, first[0].tracks[1].key, first[2].tracks[0].key]
    const lib = metalJazzUser(
      world,
      down.map((key) => ({ key, value: -1 as const })),
    )
    expect(lib.taste.some((s) => down.includes(s.key))).toBe(false)
    const again = await buildMixes(ctxFor(1, { library: lib }), { size: 12 })
    for (const m of again) for (const k of down) expect(keysOf(m)).not.toContain(k)
  })

  it('falls back to Discover alone when the scorer has no vectors', async () => {
    const scorer = {
      recommend: world.scorer.recommend.bind(world.scorer),
      has: (k: string) => world.scorer.has(k),
    }
    const mixes = await buildMixes(ctxFor(1, { scorer }), { size: 10 })
    expect(mixes.map((m) => m.kind)).toEqual(['discover'])
    expect(mixes[0].tracks).toHaveLength(10)
    expect(mixes[0].tracks.every((t) => t.evidence.nearest.length === 0)).toBe(true)
  })

  it('makes nothing for a user without songs', async () => {
    const { emptyLibrary } = await import('../../../../src-main/core/mixes/user-library')
    expect(await buildMixes(ctxFor(1, { library: emptyLibrary() }))).toEqual([])
  })
})

describe('radio', () => {
  const seedSong = world.songs.find((s) => s.genre === 'jazz' && s.artistIndex === 5)!

  it('plays songs that go with the seed, never the seed itself', async () => {
    const r = await radio(ctxFor(1), [seedSong.key], 10)
    expect(r.kind).toBe('radio')
    expect(r.name).toBe(`Radio: ${seedSong.title} by ${seedSong.artist}`)
    expect(r.tracks).toHaveLength(10)
    expect(keysOf(r)).not.toContain(seedSong.key)
    expect(r.tracks.filter((t) => genreOf(t.key) === 'jazz').length).toBeGreaterThanOrEqual(9)
    expectMixRules(r.tracks)
    for (const t of r.tracks) expect(t.evidence.nearest[0]?.key).toBe(seedSong.key)
  })

  it('refills without repeats, keeping artist spacing across batches', async () => {
    const first = await radio(ctxFor(1), [seedSong.key], 10)
    const second = await radio(ctxFor(1), [seedSong.key], 10, {
      exclude: keysOf(first),
      offset: 10,
    })
    expect(second.tracks.length).toBe(10)
    for (const k of keysOf(second)) expect(keysOf(first)).not.toContain(k)
    expectMixRules(second.tracks, { before: first.tracks })
    const again = await radio(ctxFor(1), [seedSong.key], 10, { exclude: keysOf(first), offset: 10 })
    expect(keysOf(again)).toEqual(keysOf(second))
  })

  it('mixes several seeds and rejects unknown ones', async () => {
    const metalSeed = world.songs.find((s) => s.genre === 'metal')!
    const r = await radio(ctxFor(1), [seedSong.key, metalSeed.key], 10)
    expect(r.name).toBe(`Radio: ${seedSong.title} + 1 more`)
    await expect(radio(ctxFor(1), ['nobody — nothing'], 10)).rejects.toThrow(/does not know/)
    await expect(radio(ctxFor(1), [], 10)).rejects.toThrow(/at least one seed/)
  })

  it('is mostly owned songs when playable now', async () => {
    const r = await radio(ctxFor(1, { playableNow: true }), [seedSong.key], 10)
    expectMixRules(r.tracks, { playableNow: true })
    expect(r.tracks.length).toBeGreaterThanOrEqual(5)
  })

  it('plays the catalogue as a discovery station before any import, and says so', async () => {
    const empty = buildUserLibrary({ tracks: [], playlists: [] })
    const r = await radio(ctxFor(1, { playableNow: true, library: empty }), [seedSong.key], 10)
    expect(r.tracks).toHaveLength(10)
    expect(r.tracks.every((t) => !t.owned)).toBe(true)
    expect(r.description).toMatch(/import your music to play it/)
  })

  it('with a thin library, plays only the owned songs that fit and fills from the catalogue', async () => {
    // The user owns jazz (fits a jazz radio) and metal (does not): no metal file joins.
    const r = await radio(ctxFor(1, { playableNow: true }), [seedSong.key], 10)
    const ownedGenres = r.tracks.filter((t) => t.owned).map((t) => genreOf(t.key))
    expect(ownedGenres.length).toBeGreaterThan(0)
    expect(ownedGenres.every((g) => g === 'jazz')).toBe(true)
    const metalOnly = buildUserLibrary({
      tracks: ownedRows(world.songs.filter((s) => s.genre === 'metal').slice(0, 6)),
      playlists: [],
    })
    const m = await radio(ctxFor(1, { playableNow: true, library: metalOnly }), [seedSong.key], 10)
    expect(m.tracks).toHaveLength(10)
    expect(m.tracks.filter((t) => t.owned)).toEqual([])
    expect(m.description).toMatch(/library is thin here: 0 of your songs fit/)
  })
})

describe('continuePlaylist', () => {
  const playlist = world.songs
    .filter((s) => s.genre === 'folk' && s.songIndex === 0)
    .map((s) => s.key)

  it('adds songs that fit, none already in the playlist, spaced from its last artists', async () => {
    const m = await continuePlaylist(ctxFor(1), { name: 'Campfire', keys: playlist }, 8)
    expect(m.kind).toBe('continue')
    expect(m.name).toBe('Campfire — continued')
    expect(m.tracks).toHaveLength(8)
    for (const k of keysOf(m)) expect(playlist).not.toContain(k)
    expect(m.tracks.filter((t) => genreOf(t.key) === 'folk').length).toBeGreaterThanOrEqual(7)
    expectMixRules(m.tracks, { before: playlist.map((k) => world.byKey.get(k)!) })
    expect(m.tracks[0].evidence.nearest.length).toBeGreaterThan(0)
  })

  it('refuses a playlist without known songs', async () => {
    await expect(continuePlaylist(ctxFor(1), { name: 'Empty', keys: [] }, 5)).rejects.toThrow(
      /no songs/,
    )
    await expect(continuePlaylist(ctxFor(1), { name: 'Odd', keys: ['x — y'] }, 5)).rejects.toThrow(
      /does not know/,
    )
  })
})

describe('mixForCluster', () => {
  it('makes a mix of a map cluster, named from its label', async () => {
    const folk = world.songs.filter((s) => s.genre === 'folk').map((s) => s.key)
    const m = await mixForCluster(
      ctxFor(1),
      { keys: folk, label: 'folk', topArtists: ['Folk Artist 1'] },
      10,
    )
    expect(m.kind).toBe('cluster')
    expect(m.name).toBe('folk Mix')
    expect(m.tracks).toHaveLength(10)
    expect(m.tracks.filter((t) => genreOf(t.key) === 'folk').length).toBeGreaterThanOrEqual(9)
    expect(m.tracks.every((t) => !t.owned)).toBe(true)
    expectMixRules(m.tracks)
  })
})
