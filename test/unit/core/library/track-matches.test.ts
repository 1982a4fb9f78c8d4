// The tracks table: every file with its catalogue song and how it was matched; a fix applies to the track, its playlist entries and "owned".
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { ownedKeys } from '../../../../src-main/core/app/library'
import { CatalogIndex } from '../../../../src-main/core/catalog/match'
import { fixTrackMatch, listTrackMatches } from '../../../../src-main/core/library/track-matches'
import { Db } from '../../../../src-main/core/store/db'
import { songKey } from '../../../../src-shared/song-key'
import { makeTempDir } from '../../../fixtures/temp-dir'

const catalog = CatalogIndex.fromSongs([
  { id: 10, artist: 'Pink', title: 'So What' },
  { id: 11, artist: 'Daft Punk', title: 'One More Time' },
  { id: 12, artist: 'Kings of Leon', title: 'Use Somebody' },
  { id: 13, artist: 'Miles Davis', title: 'So What' },
])

describe('tracks table', () => {
  let tmp: ReturnType<typeof makeTempDir>
  let db: Db
  beforeEach(async () => {
    tmp = makeTempDir()
    db = await Db.open(join(tmp.dir, 'segue.db'))
    const now = new Date().toISOString()
    const rows: [string, string, string, string][] = [
      ['/m/a.mp3', 'Daft Punk', 'One More Time', 'tags'],
      ['/m/Kings of Leon - Use Somebody.mp3', 'Kings of Leon', 'Use Somebody', 'file name'],
      ['/m/p.mp3', 'P!nk', 'So What', 'tags'],
      ['/m/x.mp3', 'Nobody', 'Unknown Song', 'tags'],
    ]
    for (const [path, artist, title, from] of rows)
      await db.run(
        `INSERT INTO tracks (path, size, mtime, artist, title, album, song_key, tags_from, added, updated)
         VALUES (?, 1, 0, ?, ?, 'Album', ?, ?, ?, ?)`,
        [path, artist, title, songKey(artist, title), from, now, now],
      )
    await db.run(
      `INSERT INTO playlists (name, source_path, format, imported, updated) VALUES ('p', '/l/p.m3u', 'm3u', ?, ?)`,
      [now, now],
    )
    await db.run(
      `INSERT INTO playlist_items (playlist_id, position, track_id, artist, title, location, song_key, match, match_reason)
       VALUES (1, 0, 3, 'P!nk', 'So What', '/m/p.mp3', ?, 'library', 'library: same path')`,
      [songKey('P!nk', 'So What')],
    )
  })
  afterEach(async () => {
    await db.close()
    tmp.cleanup()
  })

  it('lists every track with its catalogue song and how it was matched', async () => {
    const rows = await listTrackMatches(db, catalog)
    expect(rows.map((r) => [r.artist, r.key, r.match])).toEqual([
      ['Daft Punk', 'daft punk — one more time', 'exact'],
      ['Kings of Leon', 'kings of leon — use somebody', 'file name'],
      ['Nobody', null, 'none'],
      ['P!nk', 'pink — so what', expect.stringMatching(/exact|fuzzy/)],
    ])
    expect(rows[1].reason).toMatch(/file name/)
    expect(rows[2].reason).toBe('no catalogue song found')
  })

  it('applies a fix to the track, its playlist entries and what the user owns', async () => {
    // The user says their "So What" is Miles Davis's, not Pink's.
    const fixed = await fixTrackMatch(db, catalog, 3, 'miles davis — so what')
    expect(fixed).toMatchObject({
      key: 'miles davis — so what',
      match: 'chosen',
      reason: 'chosen by you',
    })
    const again = (await listTrackMatches(db, catalog)).find((r) => r.id === 3)
    expect(again?.match).toBe('chosen')
    const item = await db.get<{ song_key: string; catalog_id: number }>(
      'SELECT song_key, catalog_id FROM playlist_items WHERE track_id = 3',
    )
    expect(item).toEqual({ song_key: 'miles davis — so what', catalog_id: 13 })
    expect(await ownedKeys(db, catalog)).toContain('miles davis — so what')
    await expect(fixTrackMatch(db, catalog, 3, 'nobody — nothing')).rejects.toThrow(
      /no catalogue song/,
    )
    await expect(fixTrackMatch(db, catalog, 99, 'pink — so what')).rejects.toThrow(/No track/)
  })
})
