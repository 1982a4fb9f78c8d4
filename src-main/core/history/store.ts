// Imports a listening history into the database (one transaction per file; re-importing the same path replaces it) and reads listens back in time order.
import { resolve } from 'node:path'
import type { CatalogIndex } from '../catalog/match'
import { LibraryIndex } from '../library/library-index'
import { insertRows } from '../library/sql-batch'
import type { ManualMatch } from '../playlists/resolve-entry'
import type { Db, Param } from '../store/db'
import { HistoryCollector } from './collect'
import { matchHistory, type HistoryReport } from './match'
import { readHistoryPath } from './read'

export interface HistoryImportOptions {
  signal?: AbortSignal
  library?: LibraryIndex
  onProgress?: (phase: 'reading' | 'matching' | 'writing', done: number, total: number) => void
}

const SLICE = 20_000

/** Reads, matches and stores one history file, zip or folder; throws when it is no history at all. */
export async function importHistoryFile(
  db: Db,
  path: string,
  catalog: CatalogIndex,
  options: HistoryImportOptions = {},
): Promise<HistoryReport> {
  const file = resolve(path)
  const { signal, onProgress } = options
  onProgress?.('reading', 0, 0)
  const c = new HistoryCollector()
  const parts = await readHistoryPath(file, c)
  signal?.throwIfAborted()
  const library = options.library ?? (await LibraryIndex.load(db))
  const manual = new Map<string, ManualMatch>()
  for (const m of await db.all<ManualMatch & { signature: string }>(
    'SELECT signature, song_key, track_id FROM manual_matches',
  ))
    manual.set(m.signature, { song_key: m.song_key, track_id: m.track_id })
  const formats = [...new Set(parts.map((p) => p.format))]
  const m = matchHistory(c, { library, catalog, manual, baseDir: file }, file, formats, (d, t) =>
    onProgress?.('matching', d, t),
  )
  signal?.throwIfAborted()
  const order = c.order()
  const now = new Date().toISOString()
  await db.transaction(async (tx) => {
    await tx.run('DELETE FROM history_sources WHERE path = ?', [file])
    const { lastID: id } = await tx.run(
      'INSERT INTO history_sources (path, formats, imported, report) VALUES (?, ?, ?, ?)',
      [file, formats.join(','), now, JSON.stringify(m.report)],
    )
    const songRows: Param[][] = m.songs.map((r, i) => [
      id,
      i,
      c.songs[i].artist,
      c.songs[i].title,
      c.songs[i].album ?? null,
      r.song_key,
      r.track_id,
      r.catalog_id,
      r.match,
      r.match_reason,
    ])
    await insertRows(tx, 'history_songs', HISTORY_SONG_COLUMNS, songRows)
    for (let i = 0; i < order.length; i += SLICE) {
      signal?.throwIfAborted()
      const rows: Param[][] = []
      for (let j = i; j < Math.min(order.length, i + SLICE); j++) {
        const k = order[j]
        rows.push([id, c.ts[k], c.ms[k], c.skipped[k], c.song[k]])
      }
      await insertRows(tx, 'listens', LISTEN_COLUMNS, rows)
      onProgress?.('writing', Math.min(order.length, i + SLICE), order.length)
    }
    await insertRows(
      tx,
      'history_tallies',
      TALLY_COLUMNS,
      m.tallies.map(({ tally: t, resolved: r }) => [
        id,
        r.artist,
        r.title,
        r.song_key,
        r.track_id,
        t.plays,
        t.skips,
        t.lastPlayed ?? null,
        t.rating ?? null,
        t.loved ? 1 : 0,
      ]),
    )
    // Loved / hated from the service, unless you already said otherwise in Segue.
    await insertRows(
      tx,
      'feedback',
      ['song_key', 'value', 'updated'],
      m.feedback.map((f) => [f.song_key, f.score, now]),
      'ON CONFLICT (song_key) DO NOTHING',
    )
    signal?.throwIfAborted()
  })
  return m.report
}

const HISTORY_SONG_COLUMNS = [
  'source_id',
  'idx',
  'artist',
  'title',
  'album',
  'song_key',
  'track_id',
  'catalog_id',
  'match',
  'match_reason',
]
const LISTEN_COLUMNS = ['source_id', 'ts', 'ms_played', 'skipped', 'song_idx']
const TALLY_COLUMNS = [
  'source_id',
  'artist',
  'title',
  'song_key',
  'track_id',
  'plays',
  'skips',
  'last_played',
  'rating',
  'loved',
]

/** Listens of every imported history, in time order, as columns (song_key null when the song has none). */
export interface StoredListens {
  ts: Float64Array
  ms: Int32Array
  skipped: Uint8Array
  /** Index into `keys`, −1 without a song key. */
  song: Int32Array
  keys: string[]
}

export async function loadListens(db: Db): Promise<StoredListens> {
  const rows = await db.all<{ ts: number; ms: number; sk: number; key: string | null }>(
    `SELECT l.ts AS ts, l.ms_played AS ms, l.skipped AS sk, s.song_key AS key
       FROM listens l JOIN history_songs s ON s.source_id = l.source_id AND s.idx = l.song_idx
      ORDER BY l.ts`,
  )
  const keys: string[] = []
  const index = new Map<string, number>()
  const out: StoredListens = {
    ts: new Float64Array(rows.length),
    ms: new Int32Array(rows.length),
    skipped: new Uint8Array(rows.length),
    song: new Int32Array(rows.length),
    keys,
  }
  rows.forEach((r, i) => {
    out.ts[i] = r.ts
    out.ms[i] = r.ms
    out.skipped[i] = r.sk
    let k = -1
    if (r.key !== null) {
      k = index.get(r.key) ?? -1
      if (k < 0) {
        k = keys.length
        keys.push(r.key)
        index.set(r.key, k)
      }
    }
    out.song[i] = k
  })
  return out
}

/** The reports of every imported history, newest first. */
export async function historyReports(db: Db): Promise<HistoryReport[]> {
  const rows = await db.all<{ report: string }>(
    'SELECT report FROM history_sources ORDER BY imported DESC, id DESC',
  )
  return rows.map((r) => JSON.parse(r.report) as HistoryReport)
}
