// Imports playlist files (and folders) into the database atomically: one transaction per file, same playlist id on re-import.
import { stat } from 'node:fs/promises'
import { dirname, resolve } from 'node:path'
import type { CatalogIndex } from '../catalog/match'
import { LibraryIndex } from '../library/library-index'
import { scanFoldersDetailed, type ScanOptions, type ScanSummary } from '../library/scan'
import { insertRows } from '../library/sql-batch'
import type { Db, Param } from '../store/db'
import { PLAYLIST_EXTENSIONS_IN_FOLDERS } from './detect'
import { readPlaylistFile, type ReadPlaylistOptions } from './read'
import { resolveEntry, type ManualMatch, type ResolvedEntry } from './resolve-entry'
import type { ParsedPlaylistFile, PlaylistEntry, PlaylistFormat } from './types'

/** Progress of one file's import. */
export interface ImportProgress {
  file: string
  phase: 'reading' | 'matching' | 'writing' | 'done'
  /** Items handled in this phase so far. */
  done: number
  /** Items in the file. */
  total: number
}

/** How to import. */
export interface ImportOptions extends ReadPlaylistOptions {
  /** Cancels; a cancelled file leaves the database as it was before it. */
  signal?: AbortSignal
  /** Receives progress while matching and while writing (inside the transaction). */
  onProgress?: (p: ImportProgress) => void
  /** A library index to reuse across files (loaded from the database when absent). */
  library?: LibraryIndex
}

/** Per-entry outcome in a report. */
export interface ImportedItem {
  playlist: string
  position: number
  artist: string | null
  title: string | null
  location: string | null
  match: 'library' | 'catalog' | 'none'
  track_id: number | null
  song_key: string | null
  reason: string
  /** 0–1: how sure the match is (below 1 for fuzzy matches). */
  confidence: number
  /** True when the playlist had artist and title the other way round (shown corrected). */
  swapped: boolean
}

/** Counts for one playlist of a file. */
export interface ImportedPlaylist {
  id: number
  name: string
  entries: number
  matched_library: number
  matched_catalog: number
  unmatched: number
}

/**
 * The report per playlist file (CLI `import --json`). `matched_library` and `matched_catalog` count
 * independently (an entry can be both); `unmatched` counts entries matched by neither.
 */
export interface ImportReport {
  file: string
  format: PlaylistFormat | 'unknown'
  /** The text encoding the file was read in ("utf-8", "windows-1251"…); re-import with `encoding` to override. */
  encoding?: string
  /** How it was decided: "chosen", "bom", "declared" (#EXTENC / XML), "utf-8", "utf-16", "detected", "default". */
  encoding_source?: string
  entries: number
  matched_library: number
  matched_catalog: number
  unmatched: number
  errors: string[]
  playlists: ImportedPlaylist[]
  /** Library tracks whose play count or rating came from the file (iTunes / Music library). */
  tracks_with_play_data: number
  items: ImportedItem[]
}

const ITEM_COLUMNS = [
  'playlist_id',
  'position',
  'track_id',
  'artist',
  'title',
  'album',
  'duration',
  'location',
  'song_key',
  'catalog_id',
  'match',
  'match_reason',
  'catalog_reason',
  'signature',
] as const

const WRITE_SLICE = 1000

/** Reads, matches and stores one playlist file. Throws (with a clear message) when the file cannot be read at all. */
export async function importPlaylistFile(
  db: Db,
  path: string,
  catalog: CatalogIndex,
  options: ImportOptions = {},
): Promise<ImportReport> {
  const file = resolve(path)
  const { signal, onProgress } = options
  signal?.throwIfAborted()
  onProgress?.({ file, phase: 'reading', done: 0, total: 0 })
  const parsed = await readPlaylistFile(file, options)
  signal?.throwIfAborted()
  const library = options.library ?? (await LibraryIndex.load(db))
  const manual = new Map<string, ManualMatch>()
  for (const m of await db.all<ManualMatch & { signature: string }>(
    'SELECT signature, song_key, track_id FROM manual_matches',
  )) {
    manual.set(m.signature, { song_key: m.song_key, track_id: m.track_id })
  }
  const ctx = { library, catalog, manual, baseDir: dirname(file) }
  const total = parsed.playlists.reduce((n, p) => n + p.entries.length, 0)

  const resolved: { sourcePath: string; name: string; items: ResolvedEntry[] }[] = []
  let done = 0
  const multi = parsed.playlists.length !== 1 || parsed.playlists[0].sourceId !== undefined
  const used = new Set<string>()
  for (const p of parsed.playlists) {
    const items: ResolvedEntry[] = []
    for (const e of p.entries) {
      items.push(resolveEntry(e, ctx))
      if (++done % 5000 === 0) {
        signal?.throwIfAborted()
        onProgress?.({ file, phase: 'matching', done, total })
      }
    }
    const base = multi ? `${file}#${p.sourceId ?? p.name}` : file
    let sourcePath = base
    for (let n = 2; used.has(sourcePath); n++) sourcePath = `${base}~${n}`
    used.add(sourcePath)
    resolved.push({ sourcePath, name: p.name, items })
  }
  const playData = playDataFor(parsed, library, ctx.baseDir)
  // The parsed entries are no longer needed (large library files hold tens of thousands).
  const warnings = { file: parsed.warnings, playlists: parsed.playlists.map((p) => p.warnings) }
  const format = parsed.format
  const encoding = parsed.encoding
  const encodingSource = parsed.encodingSource
  parsed.library = undefined
  parsed.playlists.length = 0

  const now = new Date().toISOString()
  const ids = await db.transaction(async (tx) => {
    const kept: number[] = []
    let written = 0
    onProgress?.({ file, phase: 'writing', done: 0, total })
    for (const p of resolved) {
      const existing = await tx.get<{ id: number }>(
        'SELECT id FROM playlists WHERE source_path = ?',
        [p.sourcePath],
      )
      let id: number
      if (existing) {
        id = existing.id
        await tx.run('UPDATE playlists SET name = ?, format = ?, updated = ? WHERE id = ?', [
          p.name,
          format,
          now,
          id,
        ])
        await tx.run('DELETE FROM playlist_items WHERE playlist_id = ?', [id])
      } else {
        const r = await tx.run(
          'INSERT INTO playlists (name, source_path, format, imported, updated) VALUES (?, ?, ?, ?, ?)',
          [p.name, p.sourcePath, format, now, now],
        )
        id = r.lastID
      }
      kept.push(id)
      for (let i = 0; i < p.items.length; i += WRITE_SLICE) {
        signal?.throwIfAborted()
        const rows = p.items.slice(i, i + WRITE_SLICE).map((it, j) => itemRow(id, i + j, it))
        await insertRows(tx, 'playlist_items', ITEM_COLUMNS, rows)
        written += rows.length
        onProgress?.({ file, phase: 'writing', done: written, total })
      }
    }
    // Playlists this file held before but no longer does.
    const stale = await tx.all<{ id: number }>(
      'SELECT id FROM playlists WHERE (source_path = ? OR substr(source_path, 1, ?) = ?)',
      [file, file.length + 1, `${file}#`],
    )
    for (const s of stale)
      if (!kept.includes(s.id)) await tx.run('DELETE FROM playlists WHERE id = ?', [s.id])
    await applyPlayData(tx, playData)
    signal?.throwIfAborted() // last chance: a cancel now still rolls everything back
    return kept
  })

  const report: ImportReport = {
    file,
    format,
    ...(encoding ? { encoding, encoding_source: encodingSource } : {}),
    entries: 0,
    matched_library: 0,
    matched_catalog: 0,
    unmatched: 0,
    errors: [...warnings.file],
    playlists: [],
    tracks_with_play_data: playData.length,
    items: [],
  }
  resolved.forEach((p, i) => {
    const pw = warnings.playlists[i]
    if (pw.length > 0) report.errors.push(...pw.map((w) => `${p.name}: ${w}`))
    const counts: ImportedPlaylist = {
      id: ids[i],
      name: p.name,
      entries: 0,
      matched_library: 0,
      matched_catalog: 0,
      unmatched: 0,
    }
    p.items.forEach((it, position) => {
      counts.entries++
      if (it.track_id !== null) counts.matched_library++
      if (it.catalog_id !== null) counts.matched_catalog++
      if (it.track_id === null && it.catalog_id === null) counts.unmatched++
      report.items.push({
        playlist: p.name,
        position,
        artist: it.artist,
        title: it.title,
        location: it.location,
        match: it.match,
        track_id: it.track_id,
        song_key: it.song_key,
        reason: it.match_reason,
        confidence: it.confidence,
        swapped: it.swapped,
      })
    })
    report.entries += counts.entries
    report.matched_library += counts.matched_library
    report.matched_catalog += counts.matched_catalog
    report.unmatched += counts.unmatched
    report.playlists.push(counts)
  })
  onProgress?.({ file, phase: 'done', done: total, total })
  return report
}

/** Result of `importPaths`. */
export interface ImportPathsResult {
  /** The scan of the folders given (absent when only files were given). */
  scan?: ScanSummary & { folders: string[] }
  /** One report per playlist file: those given, then those found inside the folders. */
  playlists: ImportReport[]
}

/** Options for `importPaths`: import options plus the scan's own. */
export interface ImportPathsOptions extends ImportOptions {
  /** Progress of the folder scan. */
  onScanProgress?: ScanOptions['onProgress']
}

/**
 * Imports any mix of music folders and playlist files: folders are scanned (and the .m3u/.m3u8/.pls/
 * .xspf files inside them imported); files are imported. A path that does not exist is an Error
 * before anything is written; a playlist file that cannot be read gets a report with `errors`.
 */
export async function importPaths(
  db: Db,
  paths: string[],
  catalog: CatalogIndex,
  options: ImportPathsOptions = {},
): Promise<ImportPathsResult> {
  const folders: string[] = []
  const files: string[] = []
  for (const p of paths) {
    const abs = resolve(p)
    const st = await stat(abs).catch((e: NodeJS.ErrnoException) => {
      throw new Error(
        `Cannot import ${abs}: ${e.code === 'ENOENT' ? 'no such file or folder' : e.message}`,
      )
    })
    if (st.isDirectory()) folders.push(abs)
    else files.push(abs)
  }
  const result: ImportPathsResult = { playlists: [] }
  const found: string[] = []
  if (folders.length > 0) {
    const { summary, playlistFiles } = await scanFoldersDetailed(db, folders, {
      signal: options.signal,
      onProgress: options.onScanProgress,
      playlistExtensions: PLAYLIST_EXTENSIONS_IN_FOLDERS,
    })
    result.scan = { ...summary, folders }
    found.push(...playlistFiles)
  }
  const library = await LibraryIndex.load(db)
  const todo = [...new Set([...files, ...found])]
  for (const f of todo) {
    options.signal?.throwIfAborted()
    try {
      result.playlists.push(await importPlaylistFile(db, f, catalog, { ...options, library }))
    } catch (e) {
      if (options.signal?.aborted) throw e
      result.playlists.push(failedReport(f, (e as Error)?.message ?? String(e)))
    }
  }
  return result
}

function failedReport(file: string, message: string): ImportReport {
  return {
    file,
    format: 'unknown',
    entries: 0,
    matched_library: 0,
    matched_catalog: 0,
    unmatched: 0,
    errors: [message],
    playlists: [],
    tracks_with_play_data: 0,
    items: [],
  }
}

function itemRow(playlistId: number, position: number, it: ResolvedEntry): Param[] {
  return [
    playlistId,
    position,
    it.track_id,
    it.artist,
    it.title,
    it.album,
    it.duration,
    it.location,
    it.song_key,
    it.catalog_id,
    it.match,
    it.match_reason,
    it.catalog_reason,
    it.signature,
  ]
}

/** Play counts and ratings of a library export, for the library tracks they resolve to. */
function playDataFor(
  parsed: ParsedPlaylistFile,
  library: LibraryIndex,
  baseDir: string,
): { id: number; plays: number | null; rating: number | null }[] {
  if (!parsed.library || library.size === 0) return []
  const byId = new Map<number, { id: number; plays: number | null; rating: number | null }>()
  for (const e of parsed.library as PlaylistEntry[]) {
    if (e.playCount === undefined && e.rating === undefined) continue
    const hit = library.find(e, baseDir)
    if (hit.trackId === undefined) continue
    const prev = byId.get(hit.trackId)
    byId.set(hit.trackId, {
      id: hit.trackId,
      plays: Math.max(prev?.plays ?? 0, e.playCount ?? 0) || null,
      rating: e.rating ?? prev?.rating ?? null,
    })
  }
  return [...byId.values()]
}

async function applyPlayData(
  db: Db,
  rows: { id: number; plays: number | null; rating: number | null }[],
): Promise<void> {
  const per = 5000
  for (let i = 0; i < rows.length; i += per) {
    const json = JSON.stringify(rows.slice(i, i + per).map((r) => [r.id, r.plays, r.rating]))
    await db.run(
      `WITH v(id, plays, rating) AS (SELECT value->>0, value->>1, value->>2 FROM json_each(?))
       UPDATE tracks SET play_count = max(tracks.play_count, coalesce(v.plays, 0)), rating = coalesce(v.rating, tracks.rating)
       FROM v WHERE tracks.id = v.id`,
      [json],
    )
  }
}
