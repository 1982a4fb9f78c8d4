// Sorts the paths an import is given into listening histories and the rest (music folders, playlists), and imports the histories with a report each.
import { existsSync } from 'node:fs'
import { stat } from 'node:fs/promises'
import { join } from 'node:path'
import type { CatalogIndex } from '../catalog/match'
import type { Db } from '../store/db'
import type { HistoryReport } from './match'
import { sniffHistory } from './read'
import { importHistoryFile, type HistoryImportOptions } from './store'

export interface SortedPaths {
  /** History files, zips and export folders. */
  histories: string[]
  /** Everything else: music folders and playlist files (an iTunes Library.xml is in both lists). */
  rest: string[]
}

/** A folder is a ListenBrainz export (not music) when it holds a `listens/` folder or `feedback.jsonl`. */
function isExportFolder(dir: string): boolean {
  return existsSync(join(dir, 'listens')) || existsSync(join(dir, 'feedback.jsonl'))
}

/** Decides by content which paths are listening histories. Missing paths stay in `rest` (the importer names them). */
export async function sortImportPaths(paths: string[]): Promise<SortedPaths> {
  const out: SortedPaths = { histories: [], rest: [] }
  for (const p of paths) {
    const st = await stat(p).catch(() => undefined)
    if (!st) {
      out.rest.push(p)
      continue
    }
    if (st.isDirectory()) {
      if (isExportFolder(p)) out.histories.push(p)
      else out.rest.push(p)
      continue
    }
    // Only regular files are looked into (a FIFO would block the open, /dev/zero never ends).
    const kind = st.isFile() ? await sniffHistory(p).catch(() => undefined) : undefined
    if (kind === undefined) out.rest.push(p)
    else if (
      kind !== 'zip' &&
      (kind.format === 'itunes-plays' || kind.format === 'playcount-text')
    ) {
      // Its playlists go to the playlist importer, its play counts here (a text export with play
      // counts, e.g. iTunes' "Export Playlist…" text, is a playlist too).
      out.histories.push(p)
      out.rest.push(p)
    } else out.histories.push(p)
  }
  return out
}

/** Imports each history; one that cannot be read gets a report holding the error. */
export async function importHistories(
  db: Db,
  paths: string[],
  catalog: CatalogIndex,
  options: HistoryImportOptions = {},
): Promise<HistoryReport[]> {
  const reports: HistoryReport[] = []
  for (const p of paths) {
    options.signal?.throwIfAborted()
    try {
      reports.push(await importHistoryFile(db, p, catalog, options))
    } catch (e) {
      if (options.signal?.aborted) throw e
      reports.push(failedHistoryReport(p, (e as Error)?.message ?? String(e)))
    }
  }
  return reports
}

export function failedHistoryReport(file: string, message: string): HistoryReport {
  return {
    file,
    formats: [],
    listens: 0,
    distinct_songs: 0,
    songs_library: 0,
    songs_catalog: 0,
    songs_unmatched: 0,
    listens_library: 0,
    listens_catalog: 0,
    listens_unmatched: 0,
    skipped: 0,
    ignored: {},
    first: null,
    last: null,
    tallies: 0,
    feedback: 0,
    feedback_matched: 0,
    errors: [message],
  }
}

/** One line of a history report for people (CLI, logs). */
export function describeHistoryReport(r: HistoryReport): string {
  const pct = (n: number) => (r.listens ? `${Math.round((100 * n) / r.listens)}%` : '0%')
  const parts = [
    `${r.file} (${r.formats.join(', ') || 'unreadable'}):`,
    `${r.listens.toLocaleString('en')} listens of ${r.distinct_songs.toLocaleString('en')} songs`,
    `matched ${r.songs_library} to your files, ${r.songs_catalog} to the catalogue, ${r.songs_unmatched} neither`,
    `(listens: ${pct(r.listens_library)} your files, ${pct(r.listens_catalog)} catalogue, ${pct(r.listens_unmatched)} neither)`,
    `${r.skipped} skipped`,
  ]
  if (r.first && r.last) parts.push(`from ${r.first.slice(0, 10)} to ${r.last.slice(0, 10)}`)
  if (r.tallies) parts.push(`${r.tallies} songs with play counts`)
  if (r.feedback) parts.push(`${r.feedback_matched} of ${r.feedback} loved/hated matched`)
  const ignored = Object.entries(r.ignored)
  if (ignored.length) parts.push(`left out: ${ignored.map(([k, n]) => `${n} ${k}`).join(', ')}`)
  if (r.errors.length) parts.push(`— ${r.errors.join('; ')}`)
  return parts.join(' ')
}
