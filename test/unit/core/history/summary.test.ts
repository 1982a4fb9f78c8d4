// The "Your listening" summary on small histories written straight into a temp database.
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { historySummary } from '../../../../src-main/core/history/summary'
import { Db } from '../../../../src-main/core/store/db'
import { makeTempDir } from '../../../fixtures/temp-dir'

let tmp: ReturnType<typeof makeTempDir>
let db: Db

beforeEach(async () => {
  tmp = makeTempDir()
  db = await Db.open(join(tmp.dir, 'segue.db'))
})

afterEach(async () => {
  await db.close()
  tmp.cleanup()
})

type Song = [
  artist: string,
  title: string,
  key: string | null,
  match: 'library' | 'catalog' | 'none',
]

async function addSource(
  path: string,
  songs: Song[],
  listens: [number, number, number, number][],
  report: Record<string, number> = {},
) {
  const { lastID: id } = await db.run(
    "INSERT INTO history_sources (path, formats, imported, report) VALUES (?, 'x', ?, ?)",
    [path, `${path} imported`, JSON.stringify(report)],
  )
  for (const [i, [artist, title, key, match]] of songs.entries())
    await db.run(
      'INSERT INTO history_songs (source_id, idx, artist, title, song_key, match) VALUES (?, ?, ?, ?, ?, ?)',
      [id, i, artist, title, key, match],
    )
  for (const [ts, ms, skipped, song] of listens)
    await db.run(
      'INSERT INTO listens (source_id, ts, ms_played, skipped, song_idx) VALUES (?, ?, ?, ?, ?)',
      [id, ts, ms, skipped, song],
    )
}

const at = (y: number, m: number, d: number) => Date.UTC(y, m - 1, d, 12)
const songs: Song[] = [
  ['Radiohead', 'Airbag', 'radiohead — airbag', 'library'],
  ['Daft Punk', 'Get Lucky', 'daft punk — get lucky', 'catalog'],
  ['Nobody', 'Nothing', null, 'none'],
  ['Radiohead', 'Reckoner', 'radiohead — reckoner', 'catalog'],
]

describe('historySummary', () => {
  it('is empty without a history', async () => {
    const s = await historySummary(db, 'all')
    expect(s).toMatchObject({ first: null, last: null, months: [], topArtists: [], topSongs: [] })
    expect(s.listens.total).toBe(0)
  })

  it('counts plays and skips by month (empty months kept), top lists per period and the matched share', async () => {
    await addSource(
      '/a.json',
      songs,
      [
        [at(2023, 11, 5), 200_000, 0, 1], // Nov 2023: Get Lucky
        [at(2023, 11, 6), 10_000, 1, 1], // skipped
        // December 2023: nothing
        [at(2024, 1, 2), 200_000, 0, 0],
        [at(2024, 1, 3), 20_000, 0, 2], // too short: a skip
        [at(2024, 2, 1), 200_000, 0, 0],
        [at(2024, 2, 9), -1, 0, 3], // unknown length: a play
        [at(2024, 2, 10), 200_000, 0, 2],
      ],
      {
        listens: 7,
        listens_library: 2,
        listens_catalog: 4,
        listens_unmatched: 2,
        distinct_songs: 4,
        songs_library: 1,
        songs_catalog: 2,
        songs_unmatched: 1,
      },
    )
    // A second history with Airbag again (the same key: one song in the top lists).
    await addSource(
      '/b.csv',
      [['radiohead', 'airbag', 'radiohead — airbag', 'catalog']],
      [[at(2024, 2, 20), 200_000, 0, 0]],
      { listens: 1, listens_catalog: 1, distinct_songs: 1, songs_catalog: 1 },
    )
    const all = await historySummary(db, 'all')
    expect(all.first).toBe('2023-11-05')
    expect(all.last).toBe('2024-02-20')
    expect(all.months).toEqual([
      { month: '2023-11', plays: 1, skips: 1 },
      { month: '2023-12', plays: 0, skips: 0 },
      { month: '2024-01', plays: 1, skips: 1 },
      { month: '2024-02', plays: 4, skips: 0 },
    ])
    expect(all.topArtists).toEqual([
      { artist: 'Radiohead', plays: 4 },
      { artist: 'Daft Punk', plays: 1 },
      { artist: 'Nobody', plays: 1 },
    ])
    expect(all.topSongs[0]).toEqual({
      artist: 'Radiohead',
      title: 'Airbag',
      key: 'radiohead — airbag',
      plays: 3,
    })
    // The matched share is the import reports' (summed over histories).
    expect(all.listens).toEqual({ total: 8, library: 2, catalog: 5, none: 2 })
    expect(all.songs).toEqual({ total: 5, library: 1, catalog: 3, none: 1 })

    const month = await historySummary(db, 'month')
    expect([month.from, month.to]).toEqual(['2024-02-01', '2024-02-20'])
    expect(month.topSongs.map((s) => [s.title, s.plays])).toEqual([
      ['Airbag', 2],
      ['Nothing', 1],
      ['Reckoner', 1],
    ])
    expect(month.months).toEqual(all.months) // the chart is always the whole history
    const year = await historySummary(db, 'year')
    expect(year.from).toBe('2024-01-01')
    expect(year.topArtists).toEqual([
      { artist: 'Radiohead', plays: 4 },
      { artist: 'Nobody', plays: 1 },
    ])
    // Cached until the histories change: a new import shows up.
    await addSource(
      '/c.json',
      [['Daft Punk', 'Get Lucky', 'daft punk — get lucky', 'catalog']],
      [
        [at(2024, 2, 21), 200_000, 0, 0],
        [at(2024, 2, 22), 200_000, 0, 0],
        [at(2024, 2, 23), 200_000, 0, 0],
      ],
    )
    const again = await historySummary(db, 'month')
    expect(again.topSongs[0]).toMatchObject({ title: 'Get Lucky', plays: 3 })
    expect(again.months.at(-1)).toEqual({ month: '2024-02', plays: 7, skips: 0 })
  })
})
