// A small planted music world for mix tests: genres of artists with vectors around genre directions, a catalogue, users.
import { songKey } from '../../../../src-shared/song-key'
import { PlaylistPostings } from '../../../../src-main/core/catalog/postings'
import type { CatalogLike } from '../../../../src-main/core/mixes/types'
import {
  buildUserLibrary,
  type TrackRow,
  type UserLibrary,
} from '../../../../src-main/core/mixes/user-library'
import { VectorScorer } from '../../../../src-main/core/mixes/vector-scorer'
import { createRng, type Rng } from '../../../../src-main/core/util/random'

/** One song of the world. */
export interface WorldSong {
  key: string
  artist: string
  title: string
  genre: string
  tags: string[]
  /** 0-based artist number within the genre. */
  artistIndex: number
  /** 0-based song number within the artist. */
  songIndex: number
}

/** Songs, their vectors and genre directions. */
export interface World {
  songs: WorldSong[]
  byKey: Map<string, WorldSong>
  dim: number
  /** Row-major vectors, row i = songs[i]. */
  vectors: Float32Array
  /** Unit direction of each genre. */
  centers: Map<string, Float32Array>
  scorer: VectorScorer
  catalog: FakeCatalog
}

export const GENRES = ['metal', 'jazz', 'pop', 'folk'] as const

/** A catalogue over the world's songs with research playlists given as key lists. */
export class FakeCatalog implements CatalogLike {
  private readonly postings: PlaylistPostings<string>

  constructor(
    private readonly songs: Map<string, WorldSong>,
    readonly playlists: string[][],
  ) {
    this.postings = new PlaylistPostings(playlists)
  }

  get(key: string): { key: string; artist: string; title: string; tags: string[] } | undefined {
    const s = this.songs.get(key)
    return s ? { key: s.key, artist: s.artist, title: s.title, tags: s.tags } : undefined
  }

  together(a: string, b: string): number {
    return this.postings.together(a, b)
  }

  neighbourShares(
    context: readonly string[],
    weights: readonly number[],
    keys: readonly string[],
  ): number[] {
    return this.postings.neighbourShares(context, weights, keys)
  }
}

export function gauss(rng: Rng): number {
  let u = 0
  while (u === 0) u = rng.next()
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * rng.next())
}

export function unitRandom(rng: Rng, dim: number): Float32Array {
  const v = new Float32Array(dim)
  let s = 0
  for (let d = 0; d < dim; d++) {
    v[d] = gauss(rng)
    s += v[d] * v[d]
  }
  for (let d = 0; d < dim; d++) v[d] /= Math.sqrt(s)
  return v
}

/**
 * `artists` artists per genre, `songs` songs each. A song's vector = genre direction + 0.3 ×
 * artist direction + Gaussian noise of total size about 0.45. Tags: the genre plus 'early' or 'late' by artist half.
 * Research playlists: 8 per genre of 8 songs of that genre.
 */
export function makeWorld(seed = 7, artists = 6, songsPer = 5, dim = 24): World {
  const rng = createRng(seed)
  const songs: WorldSong[] = []
  const rows: number[] = []
  const centers = new Map<string, Float32Array>()
  for (const genre of GENRES) {
    const center = unitRandom(rng, dim)
    centers.set(genre, center)
    for (let a = 0; a < artists; a++) {
      const artist = `${cap(genre)} Artist ${a + 1}`
      const offset = unitRandom(rng, dim)
      for (let s = 0; s < songsPer; s++) {
        const title = `${cap(genre)} Song ${a + 1}-${s + 1}`
        songs.push({
          key: songKey(artist, title),
          artist,
          title,
          genre,
          tags: [genre, a < artists / 2 ? 'early' : 'late'],
          artistIndex: a,
          songIndex: s,
        })
        for (let d = 0; d < dim; d++)
          rows.push(center[d] + 0.3 * offset[d] + (0.45 * gauss(rng)) / Math.sqrt(dim))
      }
    }
  }
  const vectors = Float32Array.from(rows)
  const byKey = new Map(songs.map((s) => [s.key, s]))
  const playlists: string[][] = []
  for (const genre of GENRES) {
    const pool = songs.filter((s) => s.genre === genre)
    for (let p = 0; p < 8; p++) {
      const list: string[] = []
      for (let i = 0; i < 8; i++) list.push(pool[rng.nextInt(pool.length)].key)
      playlists.push(list)
    }
  }
  const scorer = new VectorScorer(
    { keys: songs.map((s) => s.key), data: vectors, dim },
    { modelId: 'world-model' },
  )
  return { songs, byKey, dim, vectors, centers, scorer, catalog: new FakeCatalog(byKey, playlists) }
}

/** Library rows for the given songs (ids from 1, paths under /music). */
export function ownedRows(
  songs: readonly WorldSong[],
  plays: (s: WorldSong, i: number) => number = () => 0,
): TrackRow[] {
  return songs.map((s, i) => ({
    id: i + 1,
    path: `/music/${s.artist}/${s.title}.mp3`,
    song_key: s.key,
    artist: s.artist,
    title: s.title,
    genre: s.genre,
    play_count: plays(s, i),
    rating: null,
  }))
}

/**
 * The "metal + jazz" user: owns the first 3 songs of the first 4 artists of metal and of jazz,
 * plays metal more; one playlist lists 4 more metal songs they do not own.
 */
export function metalJazzUser(
  world: World,
  feedback: { key: string; value: 1 | -1 }[] = [],
): UserLibrary {
  const pick = (genre: string): WorldSong[] =>
    world.songs.filter((s) => s.genre === genre && s.artistIndex < 4 && s.songIndex < 3)
  const metal = pick('metal')
  const jazz = pick('jazz')
  const tracks = ownedRows([...metal, ...jazz], (s) => (s.genre === 'metal' ? 20 : 5))
  const listed = world.songs.filter((s) => s.genre === 'metal' && s.songIndex === 4).slice(0, 4)
  return buildUserLibrary({
    tracks,
    playlists: [
      [...metal.slice(0, 3), ...listed].map((s) => ({
        key: s.key,
        artist: s.artist,
        title: s.title,
      })),
    ],
    feedback,
  })
}

/** Cosine of a song's vector with a direction. */
export function cosTo(world: World, key: string, dir: Float32Array): number {
  const v = world.scorer.vector(key)!
  let s = 0
  let n = 0
  for (let d = 0; d < dir.length; d++) {
    s += v[d] * dir[d]
    n += v[d] * v[d]
  }
  return s / Math.sqrt(n)
}

function cap(s: string): string {
  return s[0].toUpperCase() + s.slice(1)
}
