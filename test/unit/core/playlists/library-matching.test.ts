// Library matching that forgives edits: length ranks candidates and never vetoes the only one, rules and confidence reported, swaps shown corrected, owned songs never "new".
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import iconv from 'iconv-lite'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { ownedKeys } from '../../../../src-main/core/app/library'
import { CatalogIndex } from '../../../../src-main/core/catalog/match'
import {
  clock,
  LibraryIndex,
  pickByDuration,
} from '../../../../src-main/core/library/library-index'
import { importPlaylistFile } from '../../../../src-main/core/playlists/import'
import { resolveEntry } from '../../../../src-main/core/playlists/resolve-entry'
import { Db } from '../../../../src-main/core/store/db'
import { songKey } from '../../../../src-shared/song-key'
import { FIXTURE_DIR } from '../../../fixtures/playlists/run-cases'
import { makeTempDir } from '../../../fixtures/temp-dir'

function track(id: number, artist: string, title: string, duration: number | null) {
  return { id, path: `/music/${id}.mp3`, artist, title, duration, song_key: songKey(artist, title) }
}

const library = new LibraryIndex([
  track(1, 'Daft Punk', 'One More Time', 320),
  track(2, 'The Killers', 'Mr. Brightside', 222),
  track(3, 'The Killers', 'Mr. Brightside (Live)', 260),
  track(4, 'P!nk', 'So What', 215),
  track(5, 'Simon & Garfunkel', 'The Boxer', 308),
  track(6, 'Outkast', 'Hey Ya!', null),
])
const catalog = CatalogIndex.fromSongs([
  { id: 10, artist: 'Pink', title: 'So What' },
  { id: 11, artist: 'Daft Punk', title: 'One More Time' },
])
const ctx = { library, catalog, manual: new Map(), baseDir: '/lists' }

describe('length ranks, never vetoes', () => {
  it('takes the only candidate however its length differs, and says by how much', () => {
    const hit = library.find(
      { artist: 'Daft Punk', title: 'One More Time (Radio Edit)', duration: 212 },
      '/',
    )
    expect(hit.trackId).toBe(1)
    expect(hit.reason).toBe(
      "artist+title, ignoring radio edit; your file is 5:20, the playlist's is 3:32",
    )
  })

  it('picks the candidate closest in length among several', () => {
    expect(
      library.find({ artist: 'The Killers', title: 'Mr. Brightside', duration: 259 }, '/'),
    ).toMatchObject({
      trackId: 3,
      reason: 'artist+title, ignoring live and length',
    })
    expect(
      library.find({ artist: 'The Killers', title: 'Mr. Brightside', duration: 221 }, '/').trackId,
    ).toBe(2)
    const far = pickByDuration([track(7, 'a', 'b', 100), track(8, 'a', 'b', 400)], 350)
    expect(far.track.id).toBe(8)
    expect(far.note).toBe("; your file is 6:40, the playlist's is 5:50")
  })

  it('formats lengths as clocks', () => {
    expect(clock(212)).toBe('3:32')
    expect(clock(3725)).toBe('1:02:05')
  })
})

describe('fuzzy library matching and swaps', () => {
  it('finds a file spelled another way, with a confidence', () => {
    const hit = library.find({ artist: 'Pink', title: 'So What' }, '/')
    expect(hit.trackId).toBe(4)
    expect(hit.confidence).toBeLessThan(1)
    expect(hit.reason).toMatch(
      /^loose spelling \(symbols as letters\): "P!nk - So What", \d+ % sure$/,
    )
  })

  it('stores a detected swap in the corrected order', () => {
    const r = resolveEntry({ artist: 'Hey Ya!', title: 'Outkast' }, ctx)
    expect(r).toMatchObject({ track_id: 6, artist: 'Outkast', title: 'Hey Ya!', swapped: true })
    expect(r.match_reason).toContain('swapped')
  })

  it('reports the catalogue rule and the confidence of a fuzzy catalogue match', () => {
    const r = resolveEntry({ artist: 'P!nk', title: 'So What' }, ctx)
    expect(r).toMatchObject({ track_id: 4, catalog_id: 10, song_key: 'pink — so what' })
    expect(r.catalog_reason).toMatch(
      /^catalogue: loose spelling \(symbols as letters\), \d+ % sure$/,
    )
  })

  it('matches the Spotify CSV entry of an owned song whose length differs', () => {
    const r = resolveEntry(
      { artist: 'Daft Punk', title: 'One More Time - Radio Edit', duration: 212.4 },
      ctx,
    )
    expect(r).toMatchObject({ match: 'library', track_id: 1, catalog_id: 11, confidence: 1 })
    expect(r.match_reason).toContain("your file is 5:20, the playlist's is 3:32")
  })
})

describe('owned songs under another spelling are owned', () => {
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

  it('adds the catalogue key a file matches fuzzily, so it is never recommended as new', async () => {
    const now = new Date().toISOString()
    await db.run(
      `INSERT INTO tracks (path, size, mtime, artist, title, song_key, added, updated) VALUES (?, 1, 0, ?, ?, ?, ?, ?)`,
      ['/m/p.mp3', 'P!nk', 'So What', songKey('P!nk', 'So What'), now, now],
    )
    expect(await ownedKeys(db)).toEqual(new Set(['p nk — so what']))
    expect(await ownedKeys(db, catalog)).toEqual(new Set(['p nk — so what', 'pink — so what']))
  })

  it('shows the detected encoding in the report and re-imports in another one', async () => {
    const file = join(tmp.dir, 'ru.m3u')
    writeFileSync(
      file,
      iconv.encode('#EXTINF:200,Кино - Звезда по имени Солнце\n/m/a.mp3\n', 'windows-1251'),
    )
    const detected = await importPlaylistFile(db, file, catalog)
    expect(detected).toMatchObject({ encoding: 'windows-1251', encoding_source: 'detected' })
    expect(detected.items[0]).toMatchObject({ artist: 'Кино', confidence: 1, swapped: false })
    const again = await importPlaylistFile(db, file, catalog, { encoding: 'koi8-r' })
    expect(again).toMatchObject({ encoding: 'koi8-r', encoding_source: 'chosen' })
    expect(again.items[0].artist).not.toBe('Кино')
  })

  it('matches a Spotify CSV (Exportify, German header) to owned files whose lengths differ', async () => {
    const now = new Date().toISOString()
    const add = (path: string, artist: string, title: string, duration: number) =>
      db.run(
        `INSERT INTO tracks (path, size, mtime, artist, title, duration, song_key, added, updated) VALUES (?, 1, 0, ?, ?, ?, ?, ?, ?)`,
        [path, artist, title, duration, songKey(artist, title), now, now],
      )
    await add('/m/hey.mp3', 'OutKast', 'Hey Ya! (Radio Mix / Club Mix)', 249)
    await add('/m/ear.mp3', 'Tyler, The Creator', 'EARFQUAKE (feat. Playboi Carti)', 212)
    const r = await importPlaylistFile(db, join(FIXTURE_DIR, 'exportify/exportify-de.csv'), catalog)
    expect(r.items.map((i) => [i.match, i.track_id])).toEqual([
      ['library', 2],
      ['library', 1],
    ])
    expect(r.items[0].reason).toContain("your file is 3:32, the playlist's is 3:10")
    expect(r.items[1].reason).toContain("your file is 4:09, the playlist's is 3:55")
  })
})
