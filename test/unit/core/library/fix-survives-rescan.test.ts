// A match the user chose for a file survives a rescan after the file changed (new tags, new size): the fix is theirs, not the tags'.
import { mkdirSync, utimesSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { CatalogIndex } from '../../../../src-main/core/catalog/match'
import { scanFolders } from '../../../../src-main/core/library/scan'
import { fixTrackMatch } from '../../../../src-main/core/library/track-matches'
import { Db } from '../../../../src-main/core/store/db'
import { mp3File } from '../../../fixtures/audio-files'
import { makeTempDir } from '../../../fixtures/temp-dir'

const catalog = CatalogIndex.fromSongs([
  { id: 1, artist: 'Pink', title: 'So What' },
  { id: 2, artist: 'Miles Davis', title: 'So What' },
])

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

const keyOf = async (path: string) =>
  (await db.get<{ song_key: string }>('SELECT song_key FROM tracks WHERE path = ?', [path]))
    ?.song_key

describe('a chosen match and a rescan', () => {
  it('keeps the chosen song when the file changed, and other files still follow their tags', async () => {
    const music = join(tmp.dir, 'music')
    const mine = join(music, 'so-what.mp3')
    const other = join(music, 'other.mp3')
    mkdirSync(music)
    writeFileSync(mine, mp3File({ title: 'So What', artist: 'Pink' }))
    writeFileSync(other, mp3File({ title: 'So What', artist: 'Pink' }))
    await scanFolders(db, [music])
    expect(await keyOf(mine)).toBe('pink — so what')
    const id = (await db.get<{ id: number }>('SELECT id FROM tracks WHERE path = ?', [mine]))!.id
    await fixTrackMatch(db, catalog, id, 'miles davis — so what')

    // Both files get new tags (a tag editor ran over the folder): new bytes, new size, new mtime.
    for (const path of [mine, other]) {
      writeFileSync(path, mp3File({ title: 'So What (Remastered)', artist: 'P!nk', album: 'X' }))
      utimesSync(path, new Date(), new Date(Date.now() + 5000))
    }
    const summary = await scanFolders(db, [music])
    expect(summary.tracks_updated).toBe(2)
    expect(await keyOf(mine)).toBe('miles davis — so what')
    expect(await keyOf(other)).not.toBe('miles davis — so what')
    const tags = await db.get<{ title: string }>('SELECT title FROM tracks WHERE path = ?', [mine])
    expect(tags?.title).toBe('So What (Remastered)')
  })
})
