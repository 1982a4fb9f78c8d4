// Imports a listening history into the database (one transaction per file; re-importing the same path replaces it) and reads listens back in time order.
import { resolve } from 'node:path'
import type { CatalogIndex } from '../catalog/match'
import { LibraryIndex } from '../library/library-index'
import { insertRows } from '../library/sql-batch'
import type { ManualMatch } from '../playlists/resolve-entry'
import type { Db, Param } from '../store/db'
import { HistoryCollector } from './collect'
import { matchHistory, type HistoryReport } from './match'
import { DAY_MS } from './listening-facts'
import { readHistoryPath } from './read'

export interface HistoryImportOptions {
  signal?: AbortSignal
  library?: LibraryIndex
  onProgress?: (phase: 'reading' | 'matching' | 'writing', done: number, total: number) => void
}

const LISTENS_PER_STATEMENT = 5_000

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
      'INSERT INTO history_sources (path, formats, imported, report, tallied) VALUES (?, ?, ?, ?, 1)',
      [file, formats.join(','), now, JSON.stringify(m.report)],
    )
    const t = tallyListens(c)
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
      t.plays[i],
      t.skips[i],
      t.last[i] < 0 ? null : t.last[i],
    ])
    await insertRows(tx, 'history_songs', HISTORY_SONG_COLUMNS, songRows)
    await insertRows(
      tx,
      'history_days',
      ['source_id', 'day', 'listens', 'skips'],
      [...t.days].map(([day, [n, skips]]) => [id, day, n, skips]),
    )
    // Listens in time order, 5,000 a statement as one JSON text written directly (no row arrays);
    // the next text is built while SQLite inserts the last. jsonb_each parses the text once (each
    // row's ->> reads binary JSON; json_each would hand every row over as text to parse again).
    const insertListens = (json: string) =>
      tx.run(
        `INSERT INTO listens (${LISTEN_COLUMNS.join(',')})
         SELECT ?, value->>0, value->>1, value->>2, value->>3 FROM jsonb_each(?)`,
        [id, json],
      )
    let pending: Promise<unknown> | undefined
    for (let i = 0; i < order.length; i += LISTENS_PER_STATEMENT) {
      const end = Math.min(order.length, i + LISTENS_PER_STATEMENT)
      let json = '['
      for (let j = i; j < end; j++) {
        const k = order[j]
        json += `${j === i ? '' : ','}[${c.ts[k]},${c.ms[k]},${c.skipped[k]},${c.song[k]}]`
      }
      await pending
      signal?.throwIfAborted()
      pending = insertListens(`${json}]`).then(() => onProgress?.('writing', end, order.length))
    }
    await pending
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
  'plays',
  'skips',
  'last_play',
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

/** A play (not a skip) by the rule the stored tallies use (listeningFacts' default). */
export const TALLY_MIN_PLAYED_MS = 30_000

/**
 * Per song plays, skips and last play (−1 when never played) and per UTC day [listens, skips], by the
 * rule of migration 6: a play is not skipped and ran 30 s or more or for an unknown time.
 */
export function tallyListens(c: HistoryCollector): {
  plays: Int32Array
  skips: Int32Array
  last: Float64Array
  days: Map<number, [number, number]>
} {
  const plays = new Int32Array(c.songs.length)
  const skips = new Int32Array(c.songs.length)
  const last = new Float64Array(c.songs.length).fill(-1)
  const days = new Map<number, [number, number]>()
  for (let i = 0; i < c.length; i++) {
    const s = c.song[i]
    const ts = c.ts[i]
    const ms = c.ms[i]
    const play = c.skipped[i] === 0 && (ms < 0 || ms >= TALLY_MIN_PLAYED_MS)
    if (play) {
      plays[s]++
      if (ts > last[s]) last[s] = ts
    } else skips[s]++
    const d = Math.floor(ts / DAY_MS)
    let e = days.get(d)
    if (!e) days.set(d, (e = [0, 0]))
    e[0]++
    if (!play) e[1]++
  }
  return { plays, skips, last, days }
}

/**
 * Writes one stored source's tallies from its listens (as migration 6 did for histories stored
 * before it): for listens written without the importer (benches, tests) or to check the importer's.
 */
export async function tallyStoredSource(db: Db, sourceId: number): Promise<void> {
  const play = `(skipped = 0 AND (ms_played < 0 OR ms_played >= ${TALLY_MIN_PLAYED_MS}))`
  await db.transaction(async (tx) => {
    await tx.run(
      'UPDATE history_songs SET plays = 0, skips = 0, last_play = NULL WHERE source_id = ?',
      [sourceId],
    )
    await tx.run(
      `UPDATE history_songs SET plays = t.plays, skips = t.skips, last_play = t.last
         FROM (SELECT song_idx, SUM(${play}) AS plays, SUM(NOT ${play}) AS skips,
                      MAX(CASE WHEN ${play} THEN ts END) AS last
                 FROM listens WHERE source_id = ? GROUP BY song_idx) t
        WHERE history_songs.source_id = ? AND history_songs.idx = t.song_idx`,
      [sourceId, sourceId],
    )
    await tx.run('DELETE FROM history_days WHERE source_id = ?', [sourceId])
    await tx.run(
      `INSERT INTO history_days (source_id, day, listens, skips)
       SELECT source_id, CAST((ts - ((ts % ${DAY_MS}) + ${DAY_MS}) % ${DAY_MS}) / ${DAY_MS} AS INTEGER) AS d,
              COUNT(*), SUM(NOT ${play})
         FROM listens WHERE source_id = ? GROUP BY d`,
      [sourceId],
    )
    await tx.run('UPDATE history_sources SET tallied = 1 WHERE id = ?', [sourceId])
  })
}

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
