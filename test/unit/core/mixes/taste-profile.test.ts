// Taste centroids: a planted "metal + jazz" user gets two tastes (not one average), a one-taste user one, tiny tastes are dropped.
import { describe, expect, it } from 'vitest'
import { mixEnv } from '../../../../src-main/core/mixes/env'
import { tasteKLimit, tasteProfile } from '../../../../src-main/core/mixes/taste-profile'
import { dot, weightedDirection } from '../../../../src-main/core/mixes/unit-vectors'
import { buildUserLibrary, emptyLibrary } from '../../../../src-main/core/mixes/user-library'
import { VectorScorer } from '../../../../src-main/core/mixes/vector-scorer'
import { createRng } from '../../../../src-main/core/util/random'
import { cosTo, FakeCatalog, gauss, makeWorld, metalJazzUser, ownedRows, unitRandom } from './world'

const world = makeWorld()

describe('tasteProfile', () => {
  it('finds two tastes for a metal + jazz user, each near its genre', () => {
    const env = mixEnv(world.scorer, world.catalog, metalJazzUser(world))
    const p = tasteProfile(env)
    expect(p.centroids.map((c) => c.label)).toEqual([
      'Metal · Metal Artist 1, Metal Artist 2',
      'Jazz · Jazz Artist 1, Jazz Artist 2',
    ])
    const [metal, jazz] = p.centroids
    const metalDir = world.centers.get('metal')!
    const jazzDir = world.centers.get('jazz')!
    expect(dot(metal.direction, metalDir)).toBeGreaterThan(0.85)
    expect(dot(jazz.direction, jazzDir)).toBeGreaterThan(0.85)
    expect(dot(metal.direction, jazzDir)).toBeLessThan(0.4)
    // One average of all the songs would sit between the genres, far from both.
    const all = env.library.taste.map((s) => env.vectors.get(s.key)!)
    const average = weightedDirection(all)!
    expect(dot(average, metalDir)).toBeLessThan(dot(metal.direction, metalDir) - 0.15)
    expect(dot(average, jazzDir)).toBeLessThan(dot(jazz.direction, jazzDir) - 0.15)
    // Every member belongs to its centroid's genre; metal (played more) comes first.
    expect(metal.members.every((m) => world.byKey.get(m.key)!.genre === 'metal')).toBe(true)
    expect(jazz.members.every((m) => world.byKey.get(m.key)!.genre === 'jazz')).toBe(true)
    expect(metal.members).toHaveLength(16)
    expect(metal.weight).toBeGreaterThan(jazz.weight)
    expect(metal.share + jazz.share).toBeCloseTo(1, 10)
    expect(p.scores[0]).toMatchObject({ k: 2 })
    expect(p.scores[0].silhouette).toBeGreaterThan(0.5)
  })

  it('puts the taste played most first', () => {
    const metal = world.songs.filter((s) => s.genre === 'metal' && s.songIndex < 3)
    const jazz = world.songs.filter((s) => s.genre === 'jazz' && s.songIndex < 3)
    const lib = buildUserLibrary({
      tracks: ownedRows([...metal, ...jazz], (s) => (s.genre === 'jazz' ? 50 : 0)),
      playlists: [],
    })
    const p = tasteProfile(mixEnv(world.scorer, world.catalog, lib))
    expect(p.centroids.map((c) => c.label.split(' ')[0])).toEqual(['Jazz', 'Metal'])
    expect(p.centroids[0].share).toBeGreaterThan(0.6)
  })

  it('finds one taste for songs around one direction', () => {
    const rng = createRng(3)
    const dim = 24
    const center = unitRandom(rng, dim)
    const keys = Array.from({ length: 40 }, (_, i) => `blob — song ${i}`)
    const data = new Float32Array(keys.length * dim)
    for (let i = 0; i < keys.length; i++) {
      for (let d = 0; d < dim; d++)
        data[i * dim + d] = center[d] + (0.45 * gauss(rng)) / Math.sqrt(dim)
    }
    const scorer = new VectorScorer({ keys, data, dim })
    const lib = buildUserLibrary({
      tracks: keys.map((k, i) => ({
        id: i + 1,
        path: `/m/${i}.mp3`,
        song_key: k,
        artist: `A${i % 7}`,
        title: `${i}`,
        genre: null,
        play_count: 0,
        rating: null,
      })),
      playlists: [],
    })
    const p = tasteProfile(mixEnv(scorer, new FakeCatalog(new Map(), []), lib))
    expect(p.k).toBe(1)
    expect(p.centroids).toHaveLength(1)
    expect(p.centroids[0].members).toHaveLength(40)
    expect(dot(p.centroids[0].direction, center)).toBeGreaterThan(0.95)
    expect(p.scores.every((s) => s.silhouette < 0.15)).toBe(true)
  })

  it('drops a taste of too few songs', () => {
    const lib = metalJazzUser(world)
    const pop = world.songs.filter((s) => s.genre === 'pop').slice(0, 2)
    const withPop = buildUserLibrary({
      tracks: [
        ...[...lib.owned.values()].map((o) => ({
          id: o.trackId,
          path: o.path,
          song_key: o.key,
          artist: o.artist,
          title: o.title,
          genre: o.genre,
          play_count: o.playCount,
          rating: null,
        })),
        ...ownedRows(pop).map((r, i) => ({ ...r, id: 100 + i })),
      ],
      playlists: [],
    })
    const p = tasteProfile(mixEnv(world.scorer, world.catalog, withPop), { maxK: 3 })
    expect(p.k).toBe(3)
    expect(p.dropped).toBe(2)
    expect(p.centroids.map((c) => c.label.split(' ')[0])).toEqual(['Metal', 'Jazz'])
    for (const c of p.centroids)
      expect(c.members.some((m) => pop.some((s) => s.key === m.key))).toBe(false)
  })

  it('weighs ratings: a 5-star song pulls its centroid toward it', () => {
    const metal = world.songs.filter(
      (s) => s.genre === 'metal' && s.songIndex < 3 && s.artistIndex < 4,
    )
    const star = metal[0]
    const rows = ownedRows(metal).map((r) =>
      r.song_key === star.key ? { ...r, rating: 100, play_count: 200 } : r,
    )
    const one = { maxK: 1 }
    const plain = tasteProfile(
      mixEnv(
        world.scorer,
        world.catalog,
        buildUserLibrary({ tracks: ownedRows(metal), playlists: [] }),
      ),
      one,
    )
    const rated = tasteProfile(
      mixEnv(world.scorer, world.catalog, buildUserLibrary({ tracks: rows, playlists: [] })),
      one,
    )
    const starDir = world.scorer.vector(star.key)!
    const near = (d: Float32Array): number => cosTo(world, star.key, d)
    expect(plain.centroids).toHaveLength(1)
    expect(near(rated.centroids[0].direction)).toBeGreaterThan(
      near(plain.centroids[0].direction) + 0.02,
    )
    expect(rated.centroids[0].members[0].key).toBe(star.key)
    expect(starDir.length).toBe(world.dim)
  })

  it('is empty for a user without songs, and needs vectors', () => {
    expect(tasteProfile(mixEnv(world.scorer, world.catalog, emptyLibrary())).centroids).toEqual([])
    const noVectors = { recommend: world.scorer.recommend.bind(world.scorer) }
    expect(() => tasteProfile(mixEnv(noVectors, world.catalog, metalJazzUser(world)))).toThrow(
      /vector/,
    )
  })

  it('limits k by the square-root rule and the smallest taste', () => {
    expect(tasteKLimit(28, 8, 3)).toBe(3)
    expect(tasteKLimit(500, 8, 3)).toBe(8)
    expect(tasteKLimit(5, 8, 3)).toBe(1)
  })
})
