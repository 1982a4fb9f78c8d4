// The user's music inside the app: import as a job (folders + playlist files), the last import report, owned songs, match fixes.
import type { ImportReport, PlaylistEntryView, PlaylistSummary } from '../../../src-shared/contract'
import { CatalogIndex } from '../catalog/match'
import type { YesSong } from '../catalog/yes'
import type { JobContext } from '../jobs/runner'
import { listFolders } from '../library/folders'
import { importHistories, sortImportPaths } from '../history/import-paths'
import { importPaths, type ImportPathsResult } from '../playlists/import'
import type { PlaylistItem, PlaylistSummary as StoredSummary } from '../playlists/store'
import type { Db } from '../store/db'

const LAST_IMPORT = 'lastImport'

export function catalogIndex(songs: readonly YesSong[]): CatalogIndex {
  return CatalogIndex.fromSongs(songs)
}

/** Imports any mix of folders and playlist files; the report is kept for the Library view. */
export async function importIntoLibrary(
  db: Db,
  paths: string[],
  catalog: CatalogIndex,
  ctx: JobContext,
  options: { encoding?: string } = {},
): Promise<ImportReport> {
  // Listening histories (by content) take their own path; an iTunes Library.xml goes both ways.
  const sorted = await sortImportPaths(paths)
  const rest = sorted.rest
  const result: ImportPathsResult =
    rest.length === 0 && sorted.histories.length > 0
      ? { playlists: [] }
      : await importPaths(db, rest, catalog, {
          encoding: options.encoding,
          signal: ctx.signal,
          onScanProgress: (p) =>
            ctx.report(
              p.filesToRead ? (0.7 * p.filesRead) / p.filesToRead : 0.05,
              p.phase === 'walking'
                ? `Looking for music in ${p.folder} (${p.filesFound} files)`
                : `Reading tags: ${p.filesRead} of ${p.filesToRead} (${Math.round(p.filesPerSec)} files/s)`,
            ),
          onProgress: (p) =>
            ctx.report(
              0.7 + (0.3 * p.done) / Math.max(1, p.total),
              `Playlist ${p.file}: ${p.phase} ${p.done}/${p.total}`,
            ),
        })
  const histories = await importHistories(db, sorted.histories, catalog, {
    signal: ctx.signal,
    onProgress: (phase, done, total) =>
      ctx.report(0.95, `Listening history: ${phase} ${total ? `${done}/${total}` : ''}`.trim()),
  })
  const report: ImportReport = {
    finished: new Date().toISOString(),
    folders: result.scan
      ? [
          {
            folder: result.scan.folders.join(', '),
            tracks_added: result.scan.tracks_added,
            tracks_updated: result.scan.tracks_updated,
            tracks_failed: result.scan.tracks_failed,
            tracks_removed: result.scan.tracks_removed,
            failures: result.scan.failures.map((f) => ({ path: f.path, reason: f.reason })),
          },
        ]
      : [],
    playlists: result.playlists.map((p) => ({
      file: p.file,
      format: p.format,
      ...(p.encoding ? { encoding: p.encoding, encoding_source: p.encoding_source } : {}),
      entries: p.entries,
      matched_library: p.matched_library,
      matched_catalog: p.matched_catalog,
      unmatched: p.unmatched,
      errors: p.errors,
    })),
    histories,
  }
  await db.transaction((tx) =>
    tx.run(
      'INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value',
      [LAST_IMPORT, JSON.stringify(report)],
    ),
  )
  return report
}

export async function librarySummary(db: Db) {
  const tracks = (await db.get<{ n: number }>('SELECT COUNT(*) AS n FROM tracks'))?.n ?? 0
  const playlists = (await db.get<{ n: number }>('SELECT COUNT(*) AS n FROM playlists'))?.n ?? 0
  const folders = (await listFolders(db)).map((f) => f.path)
  const last = await db.get<{ value: string }>('SELECT value FROM settings WHERE key = ?', [
    LAST_IMPORT,
  ])
  return {
    tracks,
    playlists,
    folders,
    lastImport: last ? (JSON.parse(last.value) as ImportReport) : null,
  }
}

/**
 * Song keys of the user's own files: what "owned" means everywhere. With the catalogue, a file
 * spelled another way ("P!nk", "Ke$ha - TiK ToK") also owns the catalogue song it matches, so that
 * song is never recommended back as a new find.
 */
export async function ownedKeys(db: Db, catalog?: CatalogIndex): Promise<Set<string>> {
  const rows = await db.all<{ k: string; artist: string | null; title: string | null }>(
    'SELECT song_key AS k, artist, title FROM tracks WHERE song_key IS NOT NULL',
  )
  const owned = new Set(rows.map((r) => r.k))
  if (catalog && catalog.size > 0) {
    for (const r of rows) {
      if (catalog.has(r.k) || !r.artist || !r.title) continue
      const m = catalog.find(r.artist, r.title)
      if (m) owned.add(m.key)
    }
  }
  return owned
}

export function toSummary(p: StoredSummary): PlaylistSummary {
  return {
    id: p.id,
    name: p.name,
    format: p.format,
    source: p.source_path,
    updated: p.updated,
    entries: p.entries,
    matched_library: p.matched_library,
    matched_catalog: p.matched_catalog,
    unmatched: p.unmatched,
  }
}

export function toEntry(i: PlaylistItem): PlaylistEntryView {
  return {
    position: i.position,
    artist: i.artist ?? '',
    title: i.title ?? '',
    location: i.location,
    match: i.match,
    reason: i.match_reason,
    key: i.song_key,
    trackId: i.track_id,
  }
}
