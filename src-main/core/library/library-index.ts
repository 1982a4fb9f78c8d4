// The library in memory for matching playlist entries to tracks: by path, then file name + folder, then artist + title (+ duration ±3 s).
import { KeyVariants, type KeyVariantReason } from '../catalog/match'
import { pathTail, resolveLocation } from '../playlists/location'
import type { Db } from '../store/db'
import { tagsFromFileName } from './filename-tags'

/** The facts about a library track that matching uses. */
export interface LibraryTrackRef {
  id: number
  path: string
  artist: string | null
  title: string | null
  duration: number | null
  song_key: string | null
}

/** What an entry needs for library matching (a playlist entry fits). */
export interface LibraryQuery {
  /** Normalised location; relative ones are resolved against the playlist's folder. */
  location?: string
  artist?: string
  title?: string
  /** Seconds. */
  duration?: number
}

/** The outcome: a track id and how it was found, or why none was. */
export interface LibraryLookup {
  trackId?: number
  reason: string
}

/** Durations closer than this (seconds) count as the same recording. */
export const DURATION_TOLERANCE = 3

const KEY_REASON: Record<KeyVariantReason, string> = {
  'artist+title': 'artist+title',
  'one credited artist': 'one credited artist + title',
  'artist and title swapped': 'artist and title (swapped in the playlist)',
}

export class LibraryIndex {
  private readonly byId = new Map<number, LibraryTrackRef>()
  private readonly byPath = new Map<string, number>()
  private readonly byLowerPath = new Map<string, number>()
  /** Last two path components → id, or -1 when several tracks share them. */
  private readonly byTail = new Map<string, number>()
  private readonly byKey = new Map<string, LibraryTrackRef[]>()

  constructor(rows: Iterable<LibraryTrackRef>) {
    for (const r of rows) this.add(r)
  }

  /** Loads every track of the database. */
  static async load(db: Db): Promise<LibraryIndex> {
    const rows = await db.all<LibraryTrackRef>(
      'SELECT id, path, artist, title, duration, song_key FROM tracks ORDER BY id',
    )
    return new LibraryIndex(rows)
  }

  get size(): number {
    return this.byId.size
  }

  get(id: number): LibraryTrackRef | undefined {
    return this.byId.get(id)
  }

  /**
   * Finds the track an entry refers to; `baseDir` resolves relative locations. `variants` may pass
   * the entry's `KeyVariants(artist, title)` when the caller has them already.
   */
  find(q: LibraryQuery, baseDir: string, variants?: KeyVariants): LibraryLookup {
    let path: string | undefined
    if (q.location) {
      path = resolveLocation(q.location, baseDir)
      if (path !== undefined) {
        const exact = this.byPath.get(path)
        if (exact !== undefined) return { trackId: exact, reason: 'same path' }
        const lower = this.byLowerPath.get(path.toLowerCase())
        if (lower !== undefined && lower >= 0)
          return { trackId: lower, reason: 'same path (ignoring case)' }
        const tail = this.byTail.get(pathTail(path))
        if (
          tail !== undefined &&
          tail >= 0 &&
          this.agrees(tail, variants ?? new KeyVariants(q.artist, q.title))
        ) {
          return { trackId: tail, reason: 'same file name and folder (library moved)' }
        }
      }
    }
    let artist = q.artist
    let title = q.title
    let keys = variants
    if ((!artist || !title) && path !== undefined) {
      const fromName = tagsFromFileName(path)
      artist ||= fromName.artist
      title ||= fromName.title
      keys = undefined
    }
    keys ??= new KeyVariants(artist, title)
    let durationMiss: string | undefined
    for (const v of keys) {
      const candidates = this.byKey.get(v.key)
      if (!candidates) continue
      const pick = pickByDuration(candidates, q.duration)
      if (pick.track) {
        const how = KEY_REASON[v.reason] + (pick.checked ? ' and duration' : '')
        return { trackId: pick.track.id, reason: how }
      }
      durationMiss ??= pick.why
    }
    const where = path !== undefined ? `no library file at ${path}` : 'no location'
    if (durationMiss) return { reason: `${where}; ${durationMiss}` }
    const first = keys.first
    if (first === undefined) return { reason: `${where} and no artist + title to search by` }
    return { reason: `${where}; no library track tagged "${first.key}"` }
  }

  /** False when the entry names a song and the track is tagged as a different one. */
  private agrees(id: number, variants: KeyVariants): boolean {
    const key = this.byId.get(id)?.song_key
    if (!key || variants.first === undefined) return true
    for (const v of variants) if (v.key === key) return true
    return false
  }

  private add(r: LibraryTrackRef): void {
    this.byId.set(r.id, r)
    this.byPath.set(r.path, r.id)
    const lower = r.path.toLowerCase()
    this.byLowerPath.set(lower, this.byLowerPath.has(lower) ? -1 : r.id)
    const tail = pathTail(r.path)
    this.byTail.set(tail, this.byTail.has(tail) ? -1 : r.id)
    if (r.song_key) {
      const list = this.byKey.get(r.song_key)
      if (list) list.push(r)
      else this.byKey.set(r.song_key, [r])
    }
  }
}

/** Picks the candidate closest in duration (within tolerance); unknown durations are accepted after known close ones. */
function pickByDuration(
  candidates: LibraryTrackRef[],
  duration: number | undefined,
): { track?: LibraryTrackRef; checked: boolean; why?: string } {
  if (duration === undefined || !(duration > 0)) return { track: candidates[0], checked: false }
  let best: LibraryTrackRef | undefined
  let bestDiff = Infinity
  let unknown: LibraryTrackRef | undefined
  let nearestMiss = Infinity
  for (const c of candidates) {
    if (c.duration === null || !(c.duration > 0)) {
      unknown ??= c
      continue
    }
    const diff = Math.abs(c.duration - duration)
    if (diff <= DURATION_TOLERANCE && diff < bestDiff) {
      best = c
      bestDiff = diff
    } else if (diff > DURATION_TOLERANCE) nearestMiss = Math.min(nearestMiss, diff)
  }
  if (best) return { track: best, checked: true }
  if (unknown) return { track: unknown, checked: false }
  return {
    checked: true,
    why: `a library track has the same artist + title but its length differs by ${Math.round(nearestMiss)} s (more than ${DURATION_TOLERANCE} s)`,
  }
}
