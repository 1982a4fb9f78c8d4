// The library in memory for matching playlist entries to tracks: by path, then file name + folder, then artist + title (length ranks, never vetoes), then fuzzy spellings.
import { describeFolds, describeLoose, foldRulesBetween } from '../catalog/fold-rules'
import { FuzzySongIndex } from '../catalog/fuzzy-index'
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
  /** True when the playlist had artist and title the other way round. */
  swapped?: boolean
  /** 0–1 for fuzzy matches; 1 for exact ones. */
  confidence?: number
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
  private fuzzy: FuzzySongIndex<LibraryTrackRef> | undefined

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
    const where = path !== undefined ? `no library file at ${path}` : 'no location'
    for (const v of keys) {
      const candidates = this.byKey.get(v.key)
      if (!candidates) continue
      const pick = pickByDuration(candidates, q.duration)
      const swapped = v.reason === 'artist and title swapped'
      const folds =
        artist && title && pick.track.artist && pick.track.title
          ? swapped
            ? foldRulesBetween(title, artist, pick.track.artist, pick.track.title)
            : foldRulesBetween(artist, title, pick.track.artist, pick.track.title)
          : []
      const how = describeFolds(KEY_REASON[v.reason], folds) + pick.note
      return { trackId: pick.track.id, reason: how, swapped, confidence: 1 }
    }
    const first = keys.first
    if (first === undefined) return { reason: `${where} and no artist + title to search by` }
    this.fuzzy ??= new FuzzySongIndex(this.byId.values(), (t) =>
      t.artist && t.title ? { artist: t.artist, title: t.title } : undefined,
    )
    const hits = this.fuzzy.find(artist, title, 5)
    if (hits.length > 0) {
      const top = hits.filter((h) => h.confidence === hits[0].confidence)
      const pick = pickByDuration(
        top.map((h) => h.item),
        q.duration,
      )
      const hit = top.find((h) => h.item === pick.track)!
      const swapped = hit.swapped ? ', artist and title swapped in the playlist' : ''
      return {
        trackId: pick.track.id,
        reason: `${describeLoose(hit.rule, hit.rules)}: "${pick.track.artist} - ${pick.track.title}"${swapped}, ${Math.round(hit.confidence * 100)} % sure${pick.note}`,
        swapped: hit.swapped,
        confidence: hit.confidence,
      }
    }
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

/**
 * Length ranks candidates, it never vetoes one: the candidate closest in length wins (unknown
 * lengths rank after known close ones); when even the closest differs by more than
 * `DURATION_TOLERANCE` it is still taken, and the note says by how much ("your file is 3:32, the
 * playlist's is 4:21") so the user can fix it.
 */
export function pickByDuration(
  candidates: LibraryTrackRef[],
  duration: number | undefined,
): { track: LibraryTrackRef; note: string } {
  if (duration === undefined || !(duration > 0) || candidates.length === 1) {
    const only = candidates[0]
    return { track: only, note: lengthNote(only, duration) }
  }
  let best: LibraryTrackRef | undefined
  let bestDiff = Infinity
  let unknown: LibraryTrackRef | undefined
  for (const c of candidates) {
    if (c.duration === null || !(c.duration > 0)) {
      unknown ??= c
      continue
    }
    const diff = Math.abs(c.duration - duration)
    if (diff < bestDiff) {
      best = c
      bestDiff = diff
    }
  }
  if (best && bestDiff <= DURATION_TOLERANCE) return { track: best, note: ' and length' }
  if (unknown) return { track: unknown, note: '' }
  return { track: best!, note: lengthNote(best!, duration) }
}

function lengthNote(track: LibraryTrackRef, duration: number | undefined): string {
  if (duration === undefined || !(duration > 0) || track.duration === null || !(track.duration > 0))
    return ''
  if (Math.abs(track.duration - duration) <= DURATION_TOLERANCE) return ' and length'
  return `; your file is ${clock(track.duration)}, the playlist's is ${clock(duration)}`
}

/** 212 → "3:32", 3725 → "1:02:05". */
export function clock(seconds: number): string {
  const s = Math.round(seconds)
  const h = Math.floor(s / 3600)
  const m = Math.floor((s % 3600) / 60)
  const ss = String(s % 60).padStart(2, '0')
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${ss}` : `${m}:${ss}`
}
