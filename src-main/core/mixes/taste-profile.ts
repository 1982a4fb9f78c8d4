// The user's tastes: their own song vectors clustered into a few weighted taste centroids, each with a label.
import { labelClusters, type SongFacts } from '../cluster/labels'
import { chooseTasteK } from './choose-k'
import { songName, type MixEnv } from './env'
import type { TasteSong } from './user-library'
import { dot, weightedDirection } from './unit-vectors'

/** Parameters of {@link tasteProfile}. */
export interface TasteOptions {
  /** Seed of the clustering (kept apart from the mix seed, so regenerating keeps the same tastes). Default 1. */
  seed?: number
  /** Most tastes considered before tiny ones are dropped. Default 8. */
  maxK?: number
  /** A taste needs at least this many songs … Default 3. */
  minSongs?: number
  /** … and at least this share of the user's total song weight. Default 0.05. */
  minShare?: number
  /** Silhouette a split must reach (see `chooseTasteK`). Default 0.2. */
  minSilhouette?: number
}

/** One taste: a direction in the model and the user's songs around it. */
export interface TasteCentroid {
  /** Position among the kept tastes, heaviest first (0-based). */
  index: number
  /** Unit vector: the weighted mean direction of its songs. */
  direction: Float32Array
  /** Its songs, the most typical (weight × closeness) first. */
  members: TasteSong[]
  /** Summed weight of its songs. */
  weight: number
  /** `weight` over the weight of every song with a vector. */
  share: number
  /** Readable name: top distinctive tags, else top artists. */
  label: string
  topTags: string[]
  topArtists: string[]
}

/** The user's tastes, and how they were found. */
export interface TasteProfile {
  /** Kept tastes, heaviest first. */
  centroids: TasteCentroid[]
  /** Number of clusters fitted (before tiny ones were dropped). */
  k: number
  /** Mean silhouette per k tried. */
  scores: { k: number; silhouette: number }[]
  /** The user's songs that have a vector in the model. */
  songsWithVectors: number
  /** Songs of dropped (tiny) clusters. */
  dropped: number
}

/**
 * Clusters the vectors of the user's taste songs with spherical k-means (k from 2 up to
 * `tasteKLimit`, chosen by `chooseTasteK`; 1 when no split is clear), drops clusters under `minSongs` songs or `minShare` of the weight, and
 * returns the rest as weighted centroids: play counts, ratings, playlist appearances and
 * thumbs-up (the song weights) pull each centroid toward what the user plays most.
 */
export function tasteProfile(env: MixEnv, opts: TasteOptions = {}): TasteProfile {
  if (!env.vectors.available) {
    throw new Error(
      'Taste profiles need song vectors: give the scorer a vector(key) method (see withVectors)',
    )
  }
  const minSongs = opts.minSongs ?? 3
  const minShare = opts.minShare ?? 0.05
  const songs: TasteSong[] = []
  const rows: Float32Array[] = []
  for (const s of env.library.taste) {
    const v = env.vectors.get(s.key)
    if (!v || !(s.weight > 0)) continue
    songs.push(s)
    rows.push(v)
  }
  const empty: TasteProfile = { centroids: [], k: 0, scores: [], songsWithVectors: 0, dropped: 0 }
  if (songs.length === 0) return empty
  const dim = rows[0].length
  const flat = new Float32Array(songs.length * dim)
  rows.forEach((r, i) => flat.set(r, i * dim))
  const maxK = tasteKLimit(songs.length, opts.maxK ?? 8, minSongs)
  const { fit, scores } = chooseTasteK(flat, songs.length, dim, {
    maxK,
    seed: opts.seed ?? 1,
    minSilhouette: opts.minSilhouette,
  })
  const facts: SongFacts[] = songs.map((s) => ({
    tags: songTags(env, s.key),
    artist: songName(env, s.key).artist,
    owned: s.owned,
  }))
  const labels = labelClusters(fit.assignments, fit.k, facts)
  const total = songs.reduce((sum, s) => sum + s.weight, 0)
  const centroids: TasteCentroid[] = []
  let dropped = 0
  for (let c = 0; c < fit.k; c++) {
    const idx: number[] = []
    fit.assignments.forEach((a, i) => {
      if (a === c) idx.push(i)
    })
    const weight = idx.reduce((sum, i) => sum + songs[i].weight, 0)
    if (idx.length < minSongs || weight < minShare * total) {
      dropped += idx.length
      continue
    }
    const direction = weightedDirection(
      idx.map((i) => rows[i]),
      idx.map((i) => songs[i].weight),
    )
    if (!direction) {
      dropped += idx.length
      continue
    }
    const typical = idx
      .map((i) => ({ i, score: songs[i].weight * Math.max(0, dot(rows[i], direction)) }))
      .sort((a, b) => b.score - a.score || (songs[a.i].key < songs[b.i].key ? -1 : 1))
    centroids.push({
      index: 0,
      direction,
      members: typical.map((t) => songs[t.i]),
      weight,
      share: total > 0 ? weight / total : 0,
      label: labels[c].label,
      topTags: labels[c].top_tags,
      topArtists: labels[c].top_artists,
    })
  }
  centroids.sort((a, b) => b.weight - a.weight || (a.members[0].key < b.members[0].key ? -1 : 1))
  centroids.forEach((c, i) => (c.index = i))
  return { centroids, k: fit.k, scores, songsWithVectors: songs.length, dropped }
}

/**
 * Most tastes tried for `n` songs: ⌊√(n / 2)⌋ (the usual rule of thumb for k), at most `maxK`,
 * and no more than `minSongs` songs per taste allow; at least 1.
 */
export function tasteKLimit(n: number, maxK: number, minSongs: number): number {
  return Math.max(1, Math.min(maxK, Math.floor(Math.sqrt(n / 2)), Math.floor(n / minSongs)))
}

/** Catalogue tags of a song, else the genre of the user's file. */
function songTags(env: MixEnv, key: string): string[] {
  const tags = env.catalog.get(key)?.tags ?? []
  if (tags.length > 0) return tags
  const genre = env.library.owned.get(key)?.genre.trim().toLowerCase()
  return genre ? [genre] : []
}
