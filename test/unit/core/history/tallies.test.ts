// Per-song and per-day listening tallies (migration 6): written at import, by the migration for histories stored before it, and read by the summary.
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import sqlite3 from 'sqlite3'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { CatalogIndex } from '../../../../src-main/core/catalog/match'
import { importHistoryFile, tallyStoredSource } from '../../../../src-main/core/history/store'
import { historySummary } from '../../../../src-main/core/history/summary'
import { Db } from '../../../../src-main/core/store/db'
import { migrations } from '../../../../src-main/core/store/migrations'
import * as gen from '../../../fixtures/history-gen'
import { makeTempDir } from '../../../fixtures/temp-dir'

let tmp: ReturnType<typeof makeTempDir>

beforeEach(() => {
  tmp = makeTempDir()
})

afterEach(() => {
  tmp.cleanup()
})

const DAY = 86_400_000
const at = (y: number, m: number, d: number, h = 12) => Date.UTC(y, m - 1, d, h)

/** A database file at schema version 5 (before the tallies), holding `sql`. */
async function version5Db(file: string, sql: string): Promise<void> {
  const raw = new sqlite3.Database(file)
  const exec = (s: string) =>
    new Promise<void>((res, rej) => raw.exec(s, (e) => (e ? rej(e) : res())))
  await exec('CREATE TABLE schema_version (version INTEGER NOT NULL)')
  for (const m of migrations.filter((m) => m.version <= 5))
    await exec(`${m.sql}; INSERT INTO schema_version (version) VALUES (${m.version});`)
  await exec(sql)
  await new Promise<void>((res, rej) => raw.close((e) => (e ? rej(e) : res())))
}

/** Every summary period, computed from the tallies and again from the listens alone. */
async function bothWays(db: Db) {
  const periods = ['all', 'year', 'month'] as const
  const tallied = []
  for (const p of periods) tallied.push(await historySummary(db, p))
  await db.run('UPDATE history_sources SET tallied = 0')
  const counted = []
  for (const p of periods) counted.push(await historySummary(db, p))
  return { tallied, counted }
}

const songRows = (db: Db) =>
  db.all(
    'SELECT source_id, idx, plays, skips, last_play FROM history_songs ORDER BY source_id, idx',
  )
const dayRows = (db: Db) =>
  db.all('SELECT source_id, day, listens, skips FROM history_days ORDER BY source_id, day')

describe('listening tallies', () => {
  it('the migration tallies histories stored before it, and the summary reads the same from them', async () => {
    const file = join(tmp.dir, 'segue.db')
    const listens: [number, number, number, number, number][] = [
      // source, ts, ms played (−1 unknown), skipped, song
      [1, at(2023, 11, 5), 200_000, 0, 0],
      [1, at(2023, 11, 6), 10_000, 1, 0], // skipped
      [1, at(2024, 1, 2), 30_000, 0, 1], // exactly 30 s: a play
      [1, at(2024, 1, 3), 29_999, 0, 1], // too short: a skip
      [1, at(2024, 1, 31, 23) + 59 * 60_000, -1, 0, 1], // unknown length, last minute of January
      [1, at(2024, 2, 1, 0), 200_000, 0, 0], // first hour of February
      [1, at(2024, 2, 9), 5_000, 1, 2], // the song's only listen, a skip
      [2, at(2024, 2, 20), 200_000, 0, 0],
      [2, at(2024, 2, 21), 200_000, 0, 0],
    ]
    await version5Db(
      file,
      `INSERT INTO history_sources (id, path, formats, imported, report) VALUES
         (1, '/a.json', 'spotify-extended', 'a', '{"listens":7}'), (2, '/b.csv', 'lastfm-csv', 'b', '{"listens":2}');
       INSERT INTO history_songs (source_id, idx, artist, title, song_key, match) VALUES
         (1, 0, 'Radiohead', 'Airbag', 'radiohead — airbag', 'catalog'),
         (1, 1, 'Daft Punk', 'Get Lucky', 'daft punk — get lucky', 'catalog'),
         (1, 2, 'Nobody', 'Nothing', NULL, 'none'),
         (2, 0, 'radiohead', 'airbag', 'radiohead — airbag', 'catalog');
       INSERT INTO listens (source_id, ts, ms_played, skipped, song_idx) VALUES
         ${listens.map((l) => `(${l.join(', ')})`).join(', ')};`,
    )
    const db = await Db.open(file)
    try {
      expect(await db.get('SELECT MAX(version) AS v FROM schema_version')).toEqual({ v: 6 })
      expect(await db.all('SELECT id, tallied FROM history_sources ORDER BY id')).toEqual([
        { id: 1, tallied: 1 },
        { id: 2, tallied: 1 },
      ])
      expect(await songRows(db)).toEqual([
        { source_id: 1, idx: 0, plays: 2, skips: 1, last_play: at(2024, 2, 1, 0) },
        { source_id: 1, idx: 1, plays: 2, skips: 1, last_play: at(2024, 1, 31, 23) + 59 * 60_000 },
        { source_id: 1, idx: 2, plays: 0, skips: 1, last_play: null },
        { source_id: 2, idx: 0, plays: 2, skips: 0, last_play: at(2024, 2, 21) },
      ])
      const d = (y: number, m: number, day: number) => at(y, m, day, 0) / DAY
      expect(await dayRows(db)).toEqual([
        { source_id: 1, day: d(2023, 11, 5), listens: 1, skips: 0 },
        { source_id: 1, day: d(2023, 11, 6), listens: 1, skips: 1 },
        { source_id: 1, day: d(2024, 1, 2), listens: 1, skips: 0 },
        { source_id: 1, day: d(2024, 1, 3), listens: 1, skips: 1 },
        { source_id: 1, day: d(2024, 1, 31), listens: 1, skips: 0 },
        { source_id: 1, day: d(2024, 2, 1), listens: 1, skips: 0 },
        { source_id: 1, day: d(2024, 2, 9), listens: 1, skips: 1 },
        { source_id: 2, day: d(2024, 2, 20), listens: 1, skips: 0 },
        { source_id: 2, day: d(2024, 2, 21), listens: 1, skips: 0 },
      ])
      // The same as tallying each source afresh from its listens.
      const songs = await songRows(db)
      const days = await dayRows(db)
      await tallyStoredSource(db, 1)
      await tallyStoredSource(db, 2)
      expect(await songRows(db)).toEqual(songs)
      expect(await dayRows(db)).toEqual(days)

      const { tallied, counted } = await bothWays(db)
      expect(tallied).toEqual(counted)
      expect(tallied[0].months).toEqual([
        { month: '2023-11', plays: 1, skips: 1 },
        { month: '2023-12', plays: 0, skips: 0 },
        { month: '2024-01', plays: 2, skips: 1 },
        { month: '2024-02', plays: 3, skips: 1 },
      ])
      expect(tallied[0].topSongs.map((s) => [s.title, s.plays])).toEqual([
        ['Airbag', 4],
        ['Get Lucky', 2],
      ])
    } finally {
      await db.close()
    }
  })

  it('an import writes the tallies its listens give, and every summary period reads the same from them', async () => {
    const db = await Db.open(join(tmp.dir, 'segue.db'))
    try {
      const songs = Array.from({ length: 40 }, (_, i) => ({
        artist: `Artist ${i % 7}`,
        title: `Song ${i}`,
      }))
      const sessions = Array.from({ length: 60 }, (_, s) =>
        Array.from({ length: 12 }, (_, k) => songs[(s * 5 + k * k) % songs.length]),
      )
      const plays = gen.generatePlays(sessions, {
        seed: 3,
        skipRate: 0.25,
        start: Date.UTC(2023, 5, 1),
        minGapHours: 20,
      })
      // Some plays cut short without a skip, and the same song spelt in another case.
      plays.forEach((p, i) => {
        if (i % 9 === 0) p.msPlayed = 12_000
        if (i % 11 === 0) p.msPlayed = 30_000
        if (i % 17 === 0) p.msPlayed = 29_999
        if (i % 13 === 0) p.artist = p.artist.toUpperCase()
      })
      const path = join(tmp.dir, 'Streaming_History_Audio_2023.json')
      writeFileSync(path, gen.spotifyExtended(plays))
      const catalog = CatalogIndex.fromSongs([{ id: 1, artist: 'Artist 1', title: 'Song 1' }])
      const report = await importHistoryFile(db, path, catalog)
      expect(report.listens).toBe(plays.length)
      const written = { songs: await songRows(db), days: await dayRows(db) }
      expect(written.songs.length).toBe(report.distinct_songs)
      expect(written.days.reduce((n, d) => n + (d.listens as number), 0)).toBe(plays.length)
      await tallyStoredSource(db, 1)
      expect({ songs: await songRows(db), days: await dayRows(db) }).toEqual(written)

      const { tallied, counted } = await bothWays(db)
      expect(tallied).toEqual(counted)
      expect(tallied[0].topSongs.length).toBe(10)
      expect(tallied[0].months.length).toBeGreaterThan(3)
      // Another rule than the tallies' is counted from the listens.
      await db.run('UPDATE history_sources SET tallied = 1')
      const strict = await historySummary(db, 'all', 10, 200_000)
      await db.run('UPDATE history_sources SET tallied = 0')
      expect(strict).toEqual(await historySummary(db, 'all', 10, 200_000))
      // Re-importing the same file replaces its tallies (the old source's rows go with it).
      await importHistoryFile(db, path, catalog)
      expect(await db.get('SELECT COUNT(*) AS n FROM history_days')).toEqual({
        n: written.days.length,
      })
    } finally {
      await db.close()
    }
  })
})
