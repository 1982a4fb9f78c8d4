// Importing playlists into the database: matching with reasons, re-import in place, manual fixes, export, corpus, folders.
import { mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { CatalogIndex } from '../../../../src-main/core/catalog/match'
import { scanFolders } from '../../../../src-main/core/library/scan'
import { importPaths, importPlaylistFile } from '../../../../src-main/core/playlists/import'
import { setManualMatch } from '../../../../src-main/core/playlists/manual-match'
import { readM3u } from '../../../../src-main/core/playlists/m3u'
import {
  exportPlaylist,
  getPlaylist,
  listPlaylists,
  userCorpus,
} from '../../../../src-main/core/playlists/store'
import { readXspf } from '../../../../src-main/core/playlists/xspf'
import { Db } from '../../../../src-main/core/store/db'
import { sampleLibrary, writeTree } from '../../../fixtures/library-tree'
import * as S from '../../../fixtures/playlist-samples'
import { makeTempDir } from '../../../fixtures/temp-dir'

const catalog = CatalogIndex.fromSongs([
  { id: 10, artist: 'Radiohead', title: 'Airbag' },
  { id: 18, artist: 'Outkast', title: 'Ms. Jackson' },
  { id: 30, artist: 'Daft Punk', title: 'Get Lucky' },
  { id: 31, artist: 'Daft Punk', title: 'One More Time' },
])

let tmp: ReturnType<typeof makeTempDir>
let db: Db
let music: string
let lists: string

beforeEach(async () => {
  tmp = makeTempDir()
  music = join(tmp.dir, 'music')
  lists = join(tmp.dir, 'lists')
  mkdirSync(lists)
  writeTree(music, sampleLibrary())
  db = await Db.open(join(tmp.dir, 'segue.db'))
  await scanFolders(db, [music])
})

afterEach(async () => {
  await db.close()
  tmp.cleanup()
})

const ROAD = [
  '#EXTM3U',
  '#EXTINF:284,Radiohead - Airbag',
  '../music/Radiohead/OK Computer/01 Airbag.mp3',
  '#EXTINF:305,Björk - Jóga',
  '/elsewhere/Jóga.flac',
  '#EXTINF:369,Daft Punk - Get Lucky',
  'spotify:track:69kOkLUCkxIZYexIgSG8rq',
  '#EXTINF:100,Nobody - Nothing',
  '/x/y.mp3',
  '#EXTINF:100,Radiohead - Paranoid Android',
  '/x/pa.mp3',
  'C:\\Users\\me\\Music\\Misc\\Outkast - Ms. Jackson.wav',
].join('\n')

function write(name: string, text: string): string {
  const p = join(lists, name)
  writeFileSync(p, text)
  return p
}

describe('importPlaylistFile', () => {
  it('matches entries to the library and the catalogue and explains each one', async () => {
    const file = write('road.m3u8', ROAD)
    const r = await importPlaylistFile(db, file, catalog)
    expect(r).toMatchObject({
      file,
      format: 'm3u',
      encoding: 'utf-8',
      entries: 6,
      matched_library: 4,
      matched_catalog: 3,
      unmatched: 1,
      errors: [],
      playlists: [
        { id: 1, name: 'road', entries: 6, matched_library: 4, matched_catalog: 3, unmatched: 1 },
      ],
    })
    expect(r.items.map((i) => [i.match, i.track_id, i.song_key, i.reason])).toEqual([
      ['library', 4, 'radiohead — airbag', 'library: same path; catalogue: artist+title'],
      [
        'library',
        1,
        'bjork — joga',
        'library: artist+title and length; catalogue: "bjork — joga" is not in the catalogue',
      ],
      [
        'catalog',
        null,
        'daft punk — get lucky',
        'library: no location; no library track tagged "daft punk — get lucky"; catalogue: artist+title',
      ],
      [
        'none',
        null,
        'nobody — nothing',
        'library: no library file at /x/y.mp3; no library track tagged "nobody — nothing"; catalogue: "nobody — nothing" is not in the catalogue',
      ],
      [
        // Length ranks candidates but never vetoes the only one: the report says how they differ.
        'library',
        5,
        'radiohead — paranoid android',
        'library: artist+title; your file is 6:23, the playlist\'s is 1:40; catalogue: "radiohead — paranoid android" is not in the catalogue',
      ],
      [
        'library',
        3,
        'outkast — ms jackson',
        'library: same file name and folder (library moved); catalogue: artist+title, ignoring case',
      ],
    ])
  })

  it('updates the same playlist when the file is imported again', async () => {
    const file = write('road.m3u8', ROAD)
    const first = await importPlaylistFile(db, file, catalog)
    writeFileSync(file, '#EXTM3U\n#EXTINF:1,Daft Punk - Get Lucky\nx.mp3\n')
    const second = await importPlaylistFile(db, file, catalog)
    expect(second.playlists[0].id).toBe(first.playlists[0].id)
    const all = await listPlaylists(db)
    expect(all.map((p) => [p.id, p.name, p.entries, p.matched_catalog])).toEqual([
      [1, 'road', 1, 1],
    ])
  })

  it('imports an iTunes library: user playlists, play counts and ratings; drops playlists the file no longer has', async () => {
    const airbag = join(music, 'Radiohead/OK Computer/01 Airbag.mp3')
    const xml = S.itunesLibraryXml().replace(
      'file://localhost/Users/me/Music/Radiohead/OK%20Computer/01%20Airbag.mp3',
      pathToFileURL(airbag).href.replace('file://', 'file://localhost'),
    )
    const file = write('Library.xml', xml)
    const r = await importPlaylistFile(db, file, catalog)
    expect(r.format).toBe('itunes-xml')
    expect(
      r.playlists.map((p) => [p.name, p.entries, p.matched_library, p.matched_catalog]),
    ).toEqual([
      ['Parties / Friday', 2, 1, 1],
      ['Calm', 1, 1, 0],
    ])
    expect(r.tracks_with_play_data).toBe(1)
    expect(r.errors).toContain('skipped 2 built-in playlist(s): "Library", "Music"')
    expect(await db.get('SELECT play_count, rating FROM tracks WHERE id = 4')).toEqual({
      play_count: 12,
      rating: 80,
    })
    const sources = (await listPlaylists(db)).map((p) => p.source_path.slice(file.length))
    expect(sources.sort()).toEqual(['#AB12', '#CD34'])

    writeFileSync(
      file,
      xml.replace(/<dict><key>Name<\/key><string>Calm<\/string>.*?<\/dict>\n/s, ''),
    )
    const again = await importPlaylistFile(db, file, catalog)
    expect(again.playlists.map((p) => p.name)).toEqual(['Parties / Friday'])
    expect((await listPlaylists(db)).map((p) => p.name)).toEqual(['Parties / Friday'])
  })

  it('imports every other format', async () => {
    const files = [
      write('a.pls', S.PLS),
      write('b.xspf', S.XSPF),
      write('Playlist1.json', S.SPOTIFY_PLAYLISTS),
      write('YourLibrary.json', S.SPOTIFY_LIBRARY),
      write('c.csv', S.EXPORTIFY_CSV),
    ]
    const reports = []
    for (const f of files) reports.push(await importPlaylistFile(db, f, catalog))
    expect(
      reports.map((r) => [r.format, r.entries, r.matched_library, r.matched_catalog, r.unmatched]),
    ).toEqual([
      ['pls', 3, 0, 0, 3],
      ['xspf', 3, 1, 1, 2],
      ['spotify-json', 3, 0, 1, 2],
      ['spotify-json', 2, 2, 1, 0],
      ['csv', 3, 0, 1, 2],
    ])
    expect((await listPlaylists(db)).map((p) => p.name)).toEqual([
      'a',
      'c',
      'Liked Songs (Spotify)',
      'Mixed & Matched',
      'Workout',
      'Workout',
    ])
  })

  it('remembers a manual match and applies it again on re-import', async () => {
    const file = write('road.m3u8', ROAD)
    await importPlaylistFile(db, file, catalog)
    const before = (await getPlaylist(db, 1))!
    const nobody = before.items[3]
    expect(await setManualMatch(db, nobody, 'daft punk — one more time', catalog)).toBe(1)
    const pa = before.items[4]
    expect(await setManualMatch(db, pa, 5)).toBe(1)
    const check = async () => {
      const items = (await getPlaylist(db, 1))!.items
      expect([items[3].match, items[3].song_key, items[3].catalog_id]).toEqual([
        'catalog',
        'daft punk — one more time',
        31,
      ])
      expect([items[4].match, items[4].track_id, items[4].match_reason.split(';')[0]]).toEqual([
        'library',
        5,
        'library: chosen by you',
      ])
    }
    await check()
    await importPlaylistFile(db, file, catalog)
    await check()
    await expect(setManualMatch(db, nobody, 'not a key', catalog)).rejects.toThrow(
      'is not a song key',
    )
    await expect(setManualMatch(db, nobody, 999)).rejects.toThrow('No library track with id 999')
  })

  it('exports a playlist as M3U8 and XSPF that read back with library paths', async () => {
    const file = write('road.m3u8', ROAD)
    await importPlaylistFile(db, file, catalog)
    const m3u = readM3u(await exportPlaylist(db, 1, 'm3u8'))
    const xspf = readXspf(await exportPlaylist(db, 1, 'xspf'))
    for (const p of [m3u, xspf]) {
      expect(p.name).toBe('road')
      expect(p.entries.map((e) => e.location)).toEqual([
        join(music, 'Radiohead/OK Computer/01 Airbag.mp3'),
        join(music, 'Björk/Homogenic/Jóga.flac'),
        'spotify:track:69kOkLUCkxIZYexIgSG8rq',
        '/x/y.mp3',
        join(music, 'Radiohead/OK Computer/02 Paranoid Android.mp3'),
        join(music, 'Misc/Outkast - Ms. Jackson.wav'),
      ])
      expect(p.entries[1]).toMatchObject({ artist: 'Björk', title: 'Jóga', duration: 305 })
    }
    await expect(exportPlaylist(db, 99, 'm3u8')).rejects.toThrow('No playlist with id 99')
  })

  it('gives the user corpus as song-key sequences', async () => {
    await importPlaylistFile(db, write('road.m3u8', ROAD), catalog)
    await importPlaylistFile(db, write('b.xspf', S.XSPF), catalog)
    expect(await userCorpus(db)).toEqual([
      [
        'radiohead — airbag',
        'bjork — joga',
        'daft punk — get lucky',
        'nobody — nothing',
        'radiohead — paranoid android',
        'outkast — ms jackson',
      ],
      ['radiohead — airbag', 'simon and garfunkel — the boxer live', 'cafe — entities'],
    ])
  })

  it('links entries to files scanned later and unlinks them when the files go', async () => {
    const file = write('later.m3u', `#EXTINF:10,New Artist - New Song\n../music/New/new.mp3\n`)
    await importPlaylistFile(db, file, catalog)
    expect((await getPlaylist(db, 1))!.items[0].match).toBe('none')
    writeTree(music, [
      { path: 'New/new.mp3', tags: { title: 'New Song', artist: 'New Artist' }, seconds: 10 },
    ])
    await scanFolders(db, [music])
    let item = (await getPlaylist(db, 1))!.items[0]
    expect([item.match, item.track_id, item.match_reason]).toEqual([
      'library',
      7,
      'library: same path; catalogue: "new artist — new song" is not in the catalogue',
    ])
    rmSync(join(music, 'New'), { recursive: true })
    await scanFolders(db, [music])
    item = (await getPlaylist(db, 1))!.items[0]
    expect([item.match, item.track_id, item.match_reason]).toEqual([
      'none',
      null,
      'library: file removed; catalogue: "new artist — new song" is not in the catalogue',
    ])
  })

  it('leaves no trace of an import cancelled while writing', async () => {
    const file = write('road.m3u8', ROAD)
    const controller = new AbortController()
    const run = importPlaylistFile(db, file, catalog, {
      signal: controller.signal,
      onProgress: (p) => {
        if (p.phase === 'writing' && p.done > 0) controller.abort()
      },
    })
    await expect(run).rejects.toMatchObject({ name: 'AbortError' })
    expect(await listPlaylists(db)).toEqual([])
    expect(await db.get('SELECT count(*) AS n FROM playlist_items')).toEqual({ n: 0 })
  })

  it('refuses files it cannot read, with a clear message', async () => {
    await expect(importPlaylistFile(db, write('x.doc', 'hello'), catalog)).rejects.toThrow(
      'not a playlist format',
    )
    await expect(importPlaylistFile(db, join(lists, 'missing.m3u'), catalog)).rejects.toThrow(
      'Cannot read playlist',
    )
  })
})

describe('importPaths', () => {
  it('scans folders, imports the playlists inside them and the files given, and reports broken ones', async () => {
    write('inside.m3u', '../music/Misc/Outkast - Ms. Jackson.wav\n')
    renameSync(join(lists, 'inside.m3u'), join(music, 'inside.m3u'))
    writeFileSync(
      join(music, 'Misc', 'mix.m3u8'),
      '#EXTM3U\n#EXTINF:1,Radiohead - Airbag\n../Radiohead/OK Computer/01 Airbag.mp3\n',
    )
    const broken = write('broken.xspf', '<playlist><trackList><track><title>x</title>')
    const csv = write('c.csv', S.EXPORTIFY_CSV)
    const r = await importPaths(db, [music, broken, csv], catalog)
    expect(r.scan).toMatchObject({ folders: [music], tracks_added: 0, tracks_unchanged: 6 })
    expect(
      r.playlists.map((p) => [
        p.file.slice(tmp.dir.length),
        p.format,
        p.entries,
        p.matched_library,
      ]),
    ).toEqual([
      ['/lists/broken.xspf', 'xspf', 1, 0],
      ['/lists/c.csv', 'csv', 3, 0],
      ['/music/inside.m3u', 'm3u', 1, 1],
      ['/music/Misc/mix.m3u8', 'm3u', 1, 1],
    ])
    expect(r.playlists[0].errors).toEqual([
      'broken: the file ends inside a <track> — the file is cut short',
    ])
    const bad = write('bad.json', '{"nope": true}')
    const r2 = await importPaths(db, [bad], catalog)
    expect(r2.scan).toBeUndefined()
    expect(r2.playlists[0]).toMatchObject({
      format: 'unknown',
      entries: 0,
      errors: [expect.stringContaining('Not a Spotify export')],
    })
    await expect(importPaths(db, [join(tmp.dir, 'nope')], catalog)).rejects.toThrow(
      'no such file or folder',
    )
  })
})
