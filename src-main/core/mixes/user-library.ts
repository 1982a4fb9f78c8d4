// What the user has and likes, read once per mix request: owned files, playlist songs, play counts, ratings, thumbs.
import type { Db } from '../store/db'

/** One library file as mixes see it. */
export interface OwnedTrack {
  trackId: number
  key: string
  artist: string
  title: string
  path: string
  /** Times played (summed over files of the same song). */
  playCount: number
  /** Best rating 1–100 of the song's files, or null when unrated. */
  rating: number | null
  /** Genre tag of the file ('' when none). */
  genre: string
}

/** A song of the user's taste (owned or listed in one of their playlists), with how much it counts. */
export interface TasteSong {
  key: string
  artist: string
  title: string
  owned: boolean
  /** Relative weight ≥ 0 (see {@link songWeight}). */
  weight: number
}

/** Everything mixes know about the user. */
export interface UserLibrary {
  /** The file that plays each owned song key (the most played one when there are several). */
  owned: Map<string, OwnedTrack>
  /** Owned and playlist songs, thumbs-down left out, by key. */
  taste: TasteSong[]
  /** Keys in any of the user's playlists. */
  playlistKeys: Set<string>
  /** Artist and title of every song the user has or lists (from tags or playlist entries). */
  names: Map<string, { artist: string; title: string }>
  thumbsUp: Set<string>
  thumbsDown: Set<string>
}

/** A `tracks` row with the columns mixes read. */
export interface TrackRow {
  id: number
  path: string
  song_key: string
  artist: string | null
  title: string | null
  genre: string | null
  play_count: number | null
  rating: number | null
}

/** One playlist entry with its key. */
export interface PlaylistSongRow {
  key: string
  artist?: string | null
  title?: string | null
}

/** The raw facts a {@link UserLibrary} is made from. */
export interface UserLibraryInput {
  /** Library files with a song key. */
  tracks: readonly TrackRow[]
  /** The user's playlists as entries with keys, in order. */
  playlists: readonly (readonly PlaylistSongRow[])[]
  /** Thumbs: +1 up, −1 down. */
  feedback?: readonly { key: string; value: 1 | -1 }[]
}

/**
 * How much a song says about the user's taste:
 * `(1 + ln(1 + plays) + ½ ln(1 + playlists containing it)) × rating factor × (1.5 if thumbs-up)`,
 * where the rating factor is `0.25 + 1.5 · rating / 100` (1 when unrated): a 5-star song counts
 * 1.75×, a 1-star song 0.55×.
 */
export function songWeight(
  plays: number,
  playlists: number,
  rating: number | null,
  thumbsUp: boolean,
): number {
  const base = 1 + Math.log1p(Math.max(0, plays)) + 0.5 * Math.log1p(Math.max(0, playlists))
  const r = rating !== null && rating > 0 ? 0.25 + (1.5 * Math.min(rating, 100)) / 100 : 1
  return base * r * (thumbsUp ? 1.5 : 1)
}

/** Builds the user's library from raw rows (the database reader and tests both use it). */
export function buildUserLibrary(input: UserLibraryInput): UserLibrary {
  const thumbsUp = new Set<string>()
  const thumbsDown = new Set<string>()
  for (const f of input.feedback ?? []) {
    if (f.value === 1) thumbsUp.add(f.key)
    else if (f.value === -1) thumbsDown.add(f.key)
    else throw new Error(`Feedback for "${f.key}" must be 1 or -1, got ${String(f.value)}`)
  }

  const owned = new Map<string, OwnedTrack>()
  const plays = new Map<string, number>()
  const names = new Map<string, { artist: string; title: string }>()
  for (const t of input.tracks) {
    if (!t.song_key) continue
    const track: OwnedTrack = {
      trackId: t.id,
      key: t.song_key,
      artist: t.artist ?? '',
      title: t.title ?? '',
      path: t.path,
      playCount: t.play_count ?? 0,
      rating: t.rating !== null && t.rating > 0 ? t.rating : null,
      genre: t.genre ?? '',
    }
    plays.set(track.key, (plays.get(track.key) ?? 0) + track.playCount)
    const prev = owned.get(track.key)
    if (!prev) owned.set(track.key, track)
    else {
      const rating = maxRating(prev.rating, track.rating)
      const better =
        track.playCount > prev.playCount ||
        (track.playCount === prev.playCount && track.trackId < prev.trackId)
      owned.set(track.key, { ...(better ? track : prev), rating })
    }
    if (track.artist || track.title)
      names.set(track.key, { artist: track.artist, title: track.title })
  }

  const playlistCount = new Map<string, number>()
  const playlistKeys = new Set<string>()
  for (const p of input.playlists) {
    const inThis = new Set<string>()
    for (const e of p) {
      if (!e.key) continue
      inThis.add(e.key)
      if (!names.has(e.key) && (e.artist || e.title)) {
        names.set(e.key, { artist: e.artist ?? '', title: e.title ?? '' })
      }
    }
    for (const k of inThis) {
      playlistKeys.add(k)
      playlistCount.set(k, (playlistCount.get(k) ?? 0) + 1)
    }
  }

  const keys = [...new Set([...owned.keys(), ...playlistKeys])]
    .filter((k) => !thumbsDown.has(k))
    .sort()
  const taste: TasteSong[] = keys.map((key) => {
    const o = owned.get(key)
    const name = names.get(key) ?? splitKey(key)
    return {
      key,
      artist: name.artist,
      title: name.title,
      owned: o !== undefined,
      weight: songWeight(
        plays.get(key) ?? 0,
        playlistCount.get(key) ?? 0,
        o?.rating ?? null,
        thumbsUp.has(key),
      ),
    }
  })
  return { owned, taste, playlistKeys, names, thumbsUp, thumbsDown }
}

/** Reads the user's library, playlists and thumbs from the app database. */
export async function loadUserLibrary(db: Db): Promise<UserLibrary> {
  const tracks = await db.all<TrackRow>(
    `SELECT id, path, song_key, artist, title, genre, play_count, rating
     FROM tracks WHERE song_key IS NOT NULL ORDER BY id`,
  )
  const items = await db.all<{
    playlist_id: number
    song_key: string
    artist: string | null
    title: string | null
  }>(
    `SELECT playlist_id, song_key, artist, title FROM playlist_items
     WHERE song_key IS NOT NULL ORDER BY playlist_id, position`,
  )
  const playlists: PlaylistSongRow[][] = []
  let current = -1
  for (const it of items) {
    if (it.playlist_id !== current) {
      playlists.push([])
      current = it.playlist_id
    }
    playlists[playlists.length - 1].push({ key: it.song_key, artist: it.artist, title: it.title })
  }
  const feedback = await db.all<{ key: string; value: 1 | -1 }>(
    'SELECT song_key AS key, value FROM feedback ORDER BY song_key',
  )
  return buildUserLibrary({ tracks, playlists, feedback })
}

/** A library with nothing in it (e.g. to evaluate mixes on research playlists). */
export function emptyLibrary(): UserLibrary {
  return buildUserLibrary({ tracks: [], playlists: [] })
}

/** Artist and title read back from a key `artist — title` (the normalised forms). */
export function splitKey(key: string): { artist: string; title: string } {
  const at = key.indexOf(' — ')
  return at < 0
    ? { artist: '', title: key }
    : { artist: key.slice(0, at), title: key.slice(at + 3) }
}

function maxRating(a: number | null, b: number | null): number | null {
  if (a === null) return b
  if (b === null) return a
  return Math.max(a, b)
}
