// A history through matching (the playlist importer's resolveEntry), the database and back as sessions.
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { CatalogIndex } from '../../../../src-main/core/catalog/match'
import { importHistoryFile, loadListens } from '../../../../src-main/core/history/store'
import { sessionsOf } from '../../../../src-main/core/history/sessions'
import { scanFolders } from '../../../../src-main/core/library/scan'
import { Db } from '../../../../src-main/core/store/db'
import * as gen from '../../../fixtures/history-gen'
import { sampleLibrary, writeTree } from '../../../fixtures/library-tree'
import { makeTempDir } from '../../../fixtures/temp-dir'

const catalog = CatalogIndex.fromSongs([
  { id: 10, artist: 'Radiohead', title: 'Airbag' },
  { id: 30, artist: 'Daft Punk', title: 'Get Lucky' },
  { id: 31, artist: 'Daft Punk', title: 'One More Time' },
])

let tmp: ReturnType<typeof makeTempDir>
let db: Db

beforeEach(async () => {
  tmp = makeTempDir()
  writeTree(join(tmp.dir, 'music'), sampleLibrary())
  db = await Db.open(join(tmp.dir, 'segue.db'))
  await scanFolders(db, [join(tmp.dir, 'music')])
})

afterEach(async () => {
  await db.close()
  tmp.cleanup()
})

const A = { artist: 'Radiohead', title: 'Airbag' } // your file and the catalogue
const P = { artist: 'Radiohead', title: 'Paranoid Android' } // your file only
const G = { artist: 'Daft Punk', title: 'Get Lucky' } // catalogue only
const O = { artist: 'Daft Punk', title: 'One More Time' } // catalogue, and a file named for it
const N = { artist: 'Nobody', title: 'Nothing' } // neither

function play(song: gen.GenSong, ts: number, msPlayed = 200_000, skipped = false): gen.GenPlay {
  return { ...song, ts, msPlayed, durationMs: 200_000, skipped }
}

const t0 = Date.UTC(2024, 2, 1, 9, 0)
const min = 60_000
const plays = [
  play(A, t0),
  play(A, t0 + 4 * min), // immediate repeat
  play(G, t0 + 8 * min, 10_000, true), // skipped
  play(P, t0 + 9 * min),
  play(N, t0 + 13 * min, 20_000), // too short
  play(O, t0 + 14 * min),
  // 2 h later: a new session
  play(G, t0 + 140 * min),
  play(A, t0 + 144 * min),
]

describe('importHistoryFile', () => {
  it('matches through the playlist path and reports listens, songs, matches, skips and dates', async () => {
    const file = join(tmp.dir, 'Streaming_History_Audio_2024.json')
    writeFileSync(file, gen.spotifyExtended(plays))
    const r = await importHistoryFile(db, file, catalog)
    expect(r).toMatchObject({
      formats: ['spotify-extended'],
      listens: 8,
      distinct_songs: 5,
      songs_library: 3,
      songs_catalog: 3,
      songs_unmatched: 1,
      listens_library: 5,
      listens_catalog: 6,
      listens_unmatched: 1,
      skipped: 1,
      ignored: { 'podcast episode': 1 },
      first: new Date(t0).toISOString(),
      last: new Date(t0 + 144 * min).toISOString(),
    })
    const songs = await db.all<{ title: string; match: string; track_id: number | null }>(
      'SELECT title, match, track_id FROM history_songs ORDER BY idx',
    )
    expect(songs.map((s) => [s.title, s.match])).toEqual([
      ['Airbag', 'library'],
      ['Get Lucky', 'catalog'],
      ['Paranoid Android', 'library'],
      ['Nothing', 'none'],
      ['One More Time', 'library'],
    ])
  })

  it('re-importing the same file replaces it; sessions come back split, cleaned and collapsed', async () => {
    const file = join(tmp.dir, 'history.json')
    writeFileSync(file, gen.spotifyExtended(plays))
    await importHistoryFile(db, file, catalog)
    await importHistoryFile(db, file, catalog)
    const l = await loadListens(db)
    expect(l.ts.length).toBe(8)
    const s = sessionsOf(l)
    const key = (x: gen.GenSong) => l.keys.find((k) => k.includes(x.title.toLowerCase()))!
    expect(s.sessions).toEqual([
      [key(A), key(P), key(O)],
      [key(G), key(A)],
    ])
    expect(s.skips.get(key(G))).toBe(1)
    expect(s.skips.get(key(N))).toBe(1)
    expect(s.dropped).toEqual({ skipped: 1, short: 1, repeats: 1, unkeyed: 0 })
    // A longer gap setting joins the two sessions.
    expect(sessionsOf(l, { gapMinutes: 180 }).sessions.length).toBe(1)
  })

  it('ListenBrainz feedback becomes loved / hated songs without overriding yours', async () => {
    await db.run(
      "INSERT INTO feedback (song_key, value, updated) VALUES ('daft punk — get lucky', 1, 'x')",
    )
    const heard = plays.filter((p) => !p.skipped)
    const file = join(tmp.dir, 'lb.zip')
    writeFileSync(
      file,
      gen.zip([
        { name: 'listens/2024/3.jsonl', data: gen.listenBrainzLines(plays) },
        {
          name: 'feedback.jsonl',
          data: gen.listenBrainzFeedback([
            { song: A, score: 1 },
            { song: G, score: -1 },
          ]),
        },
      ]),
    )
    const r = await importHistoryFile(db, file, catalog)
    expect(r.listens).toBe(heard.length)
    expect(r.feedback_matched).toBe(2)
    const fb = await db.all<{ song_key: string; value: number }>(
      'SELECT song_key, value FROM feedback ORDER BY song_key',
    )
    expect(fb).toEqual([
      { song_key: 'daft punk — get lucky', value: 1 },
      { song_key: 'radiohead — airbag', value: 1 },
    ])
  })

  it('iTunes Library.xml play counts are stored as tallies matched to your files', async () => {
    const file = join(tmp.dir, 'Library.xml')
    writeFileSync(file, gen.itunesPlays(plays))
    const r = await importHistoryFile(db, file, catalog)
    expect(r.listens).toBe(0)
    expect(r.tallies).toBe(5)
    const t = await db.get<{ plays: number; track_id: number | null }>(
      "SELECT plays, track_id FROM history_tallies WHERE title = 'Airbag'",
    )
    expect(t?.plays).toBe(3)
    expect(t?.track_id).not.toBeNull()
  })
})

describe('sessionCorpus', () => {
  it('gives the cleaned sessions, repeated by weight, and nothing at weight 0', async () => {
    const { sessionCorpus } = await import('../../../../src-main/core/history/corpus')
    const file = join(tmp.dir, 'h.json')
    writeFileSync(file, gen.spotifyExtended(plays))
    expect(await sessionCorpus(db)).toEqual([])
    await importHistoryFile(db, file, catalog)
    const once = await sessionCorpus(db, 1)
    expect(once.map((s) => s.length)).toEqual([3, 2])
    expect(await sessionCorpus(db, 2)).toEqual([...once, ...once])
    expect(await sessionCorpus(db, 0)).toEqual([])
  })
})

describe('listening facts', () => {
  it('counts full plays, skips and the last play per song, and words the reason', async () => {
    const { listeningFacts, listeningReason } =
      await import('../../../../src-main/core/history/listening-facts')
    const file = join(tmp.dir, 'facts.json')
    writeFileSync(file, gen.spotifyExtended(plays))
    await importHistoryFile(db, file, catalog)
    const facts = await listeningFacts(db)
    const airbag = facts.get('radiohead — airbag')!
    expect(airbag).toEqual({ plays: 3, skips: 0, lastPlayed: t0 + 144 * min })
    expect(facts.get('daft punk — get lucky')).toMatchObject({ plays: 1, skips: 1 })
    expect(listeningReason(airbag, Date.UTC(2024, 11, 1))).toBe(
      'you played this 3 times, last in March',
    )
    expect(listeningReason(facts.get('daft punk — get lucky'), Date.UTC(2025, 5, 1))).toBe(
      'you played this once, last in March 2024 (skipped once)',
    )
    expect(listeningReason(undefined)).toBeUndefined()
  })
})
