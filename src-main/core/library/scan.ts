// Incremental library scan: reads only new and changed files, recognises moves, removes deleted files, commits in batches.
import { resolve } from 'node:path'
import type { Db, Param } from '../store/db'
import { keyOrNull } from '../catalog/match'
import { entrySignature } from '../playlists/signature'
import { addFolders, isUnder, listFolders } from './folders'
import { readTrackTags, type TrackTags } from './read-tags'
import { relinkPlaylistItems, unlinkTracks } from './relink'
import type { ScanFailure } from './scan-failure'
import { forIdSlices, insertRows } from './sql-batch'
import { chosenKeys } from './track-matches'
import { walkFolders, type WalkedFile } from './walk'

/** Progress of a running scan. */
export interface ScanProgress {
  /** walking: listing folders; reading: reading tags of new/changed files; removing: dropping deleted files. */
  phase: 'walking' | 'reading' | 'removing' | 'done'
  /** The folder being listed or read. */
  folder: string
  /** Audio files found so far. */
  filesFound: number
  /** New or changed files to read in total (known once walking is over). */
  filesToRead: number
  /** Of those, read so far. */
  filesRead: number
  /** Reading speed so far. */
  filesPerSec: number
  elapsedMs: number
}

/** How to scan. */
export interface ScanOptions {
  /** Cancels the scan; everything committed before stays, the promise rejects with the signal's reason. */
  signal?: AbortSignal
  /** Receives progress at every folder while walking and after every committed batch. */
  onProgress?: (p: ScanProgress) => void
  /** Files read at the same time; default 8. */
  concurrency?: number
  /** Files per committed transaction; default 500. */
  batchSize?: number
  /** Also collect playlist files with these lower-case extensions (for `importPaths`). */
  playlistExtensions?: ReadonlySet<string>
  /** Link unmatched playlist items to new tracks afterwards; default true. */
  relink?: boolean
}

/** The result, as the CLI prints it for folders. */
export interface ScanSummary {
  tracks_added: number
  tracks_updated: number
  /** Files found at a new path with the same size, length and tags: same track id, new path. */
  tracks_moved: number
  tracks_removed: number
  tracks_unchanged: number
  /** Number of `failures` (files and folders that could not be read). */
  tracks_failed: number
  failures: ScanFailure[]
  seconds: number
}

interface ExistingTrack {
  id: number
  path: string
  size: number
  mtime: number
  title: string | null
  artist: string | null
  album: string | null
  duration: number | null
}

const TRACK_COLUMNS = [
  'path',
  'size',
  'mtime',
  'title',
  'artist',
  'album',
  'album_artist',
  'track_no',
  'disc_no',
  'year',
  'genre',
  'duration',
  'bitrate',
  'mb_track_id',
  'mb_album_id',
  'mb_artist_id',
  'codec',
  'tags_from',
  'song_key',
  'added',
  'updated',
] as const

/** Scans (and registers) music folders. See `ScanOptions` for cancellation and progress. */
export async function scanFolders(
  db: Db,
  folders: string[],
  options: ScanOptions = {},
): Promise<ScanSummary> {
  return (await scanFoldersDetailed(db, folders, options)).summary
}

/** Rescans every registered music folder. */
export async function rescanLibrary(db: Db, options: ScanOptions = {}): Promise<ScanSummary> {
  return scanFolders(
    db,
    (await listFolders(db)).map((f) => f.path),
    options,
  )
}

/** `scanFolders`, also returning the playlist files found (when `playlistExtensions` is set). */
export async function scanFoldersDetailed(
  db: Db,
  folders: string[],
  options: ScanOptions = {},
): Promise<{ summary: ScanSummary; playlistFiles: string[] }> {
  const started = Date.now()
  const roots = [...new Set(folders.map((f) => resolve(f)))]
  const { signal, onProgress } = options
  const batchSize = Math.max(1, options.batchSize ?? 500)
  const concurrency = Math.max(1, options.concurrency ?? 8)
  signal?.throwIfAborted()
  await addFolders(db, roots)

  const progress = (
    phase: ScanProgress['phase'],
    folder: string,
    found: number,
    toRead: number,
    read: number,
  ) => {
    if (!onProgress) return
    const elapsedMs = Date.now() - started
    onProgress({
      phase,
      folder,
      filesFound: found,
      filesToRead: toRead,
      filesRead: read,
      filesPerSec: read > 0 && elapsedMs > 0 ? (read * 1000) / elapsedMs : 0,
      elapsedMs,
    })
  }

  const walk = await walkFolders(roots, {
    signal,
    libraryFolders: (await listFolders(db)).map((f) => f.path),
    playlistExtensions: options.playlistExtensions,
    onFolder: (folder, found) => progress('walking', folder, found, 0, 0),
  })
  const summary: ScanSummary = {
    tracks_added: 0,
    tracks_updated: 0,
    tracks_moved: 0,
    tracks_removed: 0,
    tracks_unchanged: 0,
    tracks_failed: 0,
    failures: [...walk.failures],
    seconds: 0,
  }

  const existing = new Map<string, ExistingTrack>()
  for (const t of await db.all<ExistingTrack>(
    'SELECT id, path, size, mtime, title, artist, album, duration FROM tracks',
  )) {
    if (roots.some((r) => isUnder(t.path, r))) existing.set(t.path, t)
  }
  // A match the user chose for a file outlives new tags in it (the fix is theirs, not the tags').
  const chosen = await chosenKeys(db)
  const row = (f: WalkedFile, t: TrackTags, added: string, updated: string): Param[] => {
    const values = trackRow(f, t, added, updated)
    const key = chosen.get(entrySignature({ location: f.path }) as string)
    if (key) values[TRACK_COLUMNS.indexOf('song_key')] = key
    return values
  }
  const toRead: { file: WalkedFile; old?: ExistingTrack }[] = []
  const seen = new Set<string>()
  for (const f of walk.audio) {
    seen.add(f.path)
    const old = existing.get(f.path)
    if (old && old.size === f.size && old.mtime === f.mtime) summary.tracks_unchanged++
    else toRead.push({ file: f, old })
  }
  // Tracks whose file is gone (unless their folder could not be read this time).
  const keep = new Set(walk.unknownFiles)
  const missing = new Map<number, ExistingTrack>()
  for (const t of existing.values()) {
    if (seen.has(t.path) || keep.has(t.path)) continue
    if (walk.unknownDirs.some((d) => isUnder(t.path, d))) continue
    missing.set(t.id, t)
  }
  const movable = new Map<string, ExistingTrack[]>()
  for (const t of missing.values()) {
    const k = moveKey(t.size, t.duration, t.title, t.artist, t.album)
    const list = movable.get(k)
    if (list) list.push(t)
    else movable.set(k, [t])
  }

  let read = 0
  for (let i = 0; i < toRead.length; i += batchSize) {
    const chunk = toRead.slice(i, i + batchSize)
    const results = await readAll(chunk, concurrency, signal)
    const now = new Date().toISOString()
    const inserts: Param[][] = []
    const updates: { id: number; row: Param[] }[] = []
    const moves: { id: number; file: WalkedFile }[] = []
    for (const r of results) {
      if ('error' in r) {
        summary.failures.push({ path: r.file.path, reason: r.error })
        continue
      }
      const { file, old, tags } = r
      if (old) {
        updates.push({ id: old.id, row: row(file, tags, now, now) })
        continue
      }
      const k = moveKey(file.size, tags.duration, tags.title, tags.artist, tags.album)
      const candidates = movable.get(k)
      const moved = candidates?.shift()
      if (moved) {
        missing.delete(moved.id)
        moves.push({ id: moved.id, file })
      } else inserts.push(row(file, tags, now, now))
    }
    await db.transaction(async (tx) => {
      await insertRows(tx, 'tracks', TRACK_COLUMNS, inserts, 'ON CONFLICT (path) DO NOTHING')
      for (const u of updates) {
        // Keep `added`; rewrite everything else.
        const cols = TRACK_COLUMNS.filter((c) => c !== 'added')
        const values = u.row.filter((_, j) => TRACK_COLUMNS[j] !== 'added')
        await tx.run(`UPDATE tracks SET ${cols.map((c) => `${c} = ?`).join(', ')} WHERE id = ?`, [
          ...values,
          u.id,
        ])
      }
      for (const m of moves) {
        await tx.run('UPDATE tracks SET path = ?, size = ?, mtime = ?, updated = ? WHERE id = ?', [
          m.file.path,
          m.file.size,
          m.file.mtime,
          now,
          m.id,
        ])
      }
    })
    summary.tracks_added += inserts.length
    summary.tracks_updated += updates.length
    summary.tracks_moved += moves.length
    read += results.length
    const last = chunk[Math.min(results.length, chunk.length) - 1]?.file.path ?? ''
    progress('reading', dirOf(last), walk.audio.length, toRead.length, read)
    signal?.throwIfAborted()
  }

  const removed = [...missing.keys()]
  if (removed.length > 0) {
    progress('removing', roots[0] ?? '', walk.audio.length, toRead.length, read)
    await db.transaction(async (tx) => {
      await unlinkTracks(tx, removed)
      await forIdSlices(tx, 'DELETE FROM tracks WHERE id IN (#)', removed)
    })
  }
  summary.tracks_removed = removed.length
  const finished = new Date().toISOString()
  await db.transaction(async (tx) => {
    for (const r of roots) {
      if (!walk.unknownDirs.includes(r))
        await tx.run('UPDATE library_folders SET last_scan = ? WHERE path = ?', [finished, r])
    }
  })
  if ((options.relink ?? true) && summary.tracks_added + summary.tracks_moved > 0)
    await relinkPlaylistItems(db)
  summary.tracks_failed = summary.failures.length
  summary.seconds = (Date.now() - started) / 1000
  progress('done', roots[0] ?? '', walk.audio.length, toRead.length, read)
  return { summary, playlistFiles: walk.playlists }
}

type ReadResult =
  | { file: WalkedFile; old?: ExistingTrack; tags: TrackTags }
  | { file: WalkedFile; old?: ExistingTrack; error: string }

/** Reads tags of a chunk with bounded concurrency, in input order; stops starting new reads once aborted. */
async function readAll(
  chunk: { file: WalkedFile; old?: ExistingTrack }[],
  concurrency: number,
  signal: AbortSignal | undefined,
): Promise<ReadResult[]> {
  const results: ReadResult[] = new Array(chunk.length)
  let next = 0
  const worker = async () => {
    while (next < chunk.length && !signal?.aborted) {
      const i = next++
      const { file, old } = chunk[i]
      try {
        results[i] = { file, old, tags: await readTrackTags(file.path, file.size) }
      } catch (e) {
        results[i] = { file, old, error: (e as Error)?.message ?? String(e) }
      }
    }
  }
  await Promise.all(Array.from({ length: Math.min(concurrency, chunk.length) }, worker))
  // When aborted, keep the contiguous prefix that finished so the next scan resumes cleanly.
  const out: ReadResult[] = []
  for (let i = 0; i < chunk.length && results[i] !== undefined; i++) out.push(results[i])
  return out
}

function trackRow(f: WalkedFile, t: TrackTags, added: string, updated: string): Param[] {
  return [
    f.path,
    f.size,
    f.mtime,
    t.title,
    t.artist,
    t.album,
    t.albumArtist,
    t.trackNo,
    t.discNo,
    t.year,
    t.genre,
    t.duration,
    t.bitrate,
    t.mbTrackId,
    t.mbAlbumId,
    t.mbArtistId,
    t.codec,
    t.tagsFrom,
    keyOrNull(t.artist, t.title),
    added,
    updated,
  ]
}

/** Same size, length (to 0.1 s) and tags: the same file at a new path. */
function moveKey(
  size: number,
  duration: number | null,
  title: string | null,
  artist: string | null,
  album: string | null,
): string {
  return JSON.stringify([
    size,
    duration === null ? null : Math.round(duration * 10),
    title,
    artist,
    album,
  ])
}

function dirOf(path: string): string {
  const i = Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\'))
  return i > 0 ? path.slice(0, i) : path
}
