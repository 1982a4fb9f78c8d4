// The media guard: files inside the library folders are served, `..`, symlinks out, other folders and drives are refused.
import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs'
import path, { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { MediaError } from '../../../../src-main/core/media/media-error'
import { inside, resolveMediaPath } from '../../../../src-main/core/media/resolve-media-path'
import { Db } from '../../../../src-main/core/store/db'
import { makeTempDir } from '../../../fixtures/temp-dir'

let tmp: ReturnType<typeof makeTempDir>
let db: Db
let music: string
let outside: string

async function track(p: string): Promise<number> {
  const r = await db.run(
    "INSERT INTO tracks (path, size, mtime, added, updated) VALUES (?, 1, 0, '2024-01-01', '2024-01-01')",
    [p],
  )
  return r.lastID
}

async function refusal(id: number): Promise<MediaError> {
  try {
    await resolveMediaPath(db, id)
  } catch (e) {
    expect(e).toBeInstanceOf(MediaError)
    return e as MediaError
  }
  throw new Error(`track ${id} was served`)
}

beforeEach(async () => {
  tmp = makeTempDir()
  music = join(tmp.dir, 'music')
  outside = join(tmp.dir, 'outside')
  mkdirSync(join(music, 'album'), { recursive: true })
  mkdirSync(outside)
  mkdirSync(join(tmp.dir, 'music2'))
  writeFileSync(join(music, 'album', 'song.mp3'), 'ID3 inside')
  writeFileSync(join(outside, 'secret.mp3'), 'secret')
  writeFileSync(join(tmp.dir, 'music2', 'other.mp3'), 'other')
  db = await Db.open(join(tmp.dir, 'segue.db'))
  await db.run("INSERT INTO library_folders (path, added) VALUES (?, '2024-01-01')", [music])
})

afterEach(async () => {
  await db.close()
  tmp.cleanup()
})

describe('resolveMediaPath', () => {
  it('serves a file inside a library folder as its real path', async () => {
    const id = await track(join(music, 'album', 'song.mp3'))
    expect(await resolveMediaPath(db, id)).toBe(join(tmp.dir, 'music', 'album', 'song.mp3'))
  })

  it('follows a symlink that stays inside the library', async () => {
    symlinkSync(join(music, 'album', 'song.mp3'), join(music, 'link.mp3'))
    const id = await track(join(music, 'link.mp3'))
    expect(await resolveMediaPath(db, id)).toBe(join(music, 'album', 'song.mp3'))
  })

  it('serves from a library folder that is itself a symlink', async () => {
    const alias = join(tmp.dir, 'alias')
    symlinkSync(music, alias)
    await db.run("INSERT INTO library_folders (path, added) VALUES (?, '2024-01-01')", [alias])
    await db.run('DELETE FROM library_folders WHERE path = ?', [music])
    const id = await track(join(alias, 'album', 'song.mp3'))
    expect(await resolveMediaPath(db, id)).toBe(join(music, 'album', 'song.mp3'))
  })

  it('refuses a symlink pointing out of the library', async () => {
    symlinkSync(join(outside, 'secret.mp3'), join(music, 'album', 'escape.mp3'))
    const e = await refusal(await track(join(music, 'album', 'escape.mp3')))
    expect(e.code).toBe('forbidden')
    expect(e.status).toBe(403)
    expect(e.message).toMatch(/symbolic link.*outside your library folders/)
  })

  it('refuses a symlinked folder pointing out of the library', async () => {
    symlinkSync(outside, join(music, 'sneaky'))
    const e = await refusal(await track(join(music, 'sneaky', 'secret.mp3')))
    expect(e.code).toBe('forbidden')
  })

  it('refuses a path with ".." even when it lands inside', async () => {
    const e1 = await refusal(await track(`${music}/album/../../outside/secret.mp3`))
    expect(e1.message).toMatch(/contains "\.\."/)
    const e2 = await refusal(await track(`${music}/album/../album/song.mp3`))
    expect(e2.code).toBe('forbidden')
  })

  it('refuses files outside every folder, including a sibling folder sharing the prefix', async () => {
    const e1 = await refusal(await track(join(outside, 'secret.mp3')))
    expect(e1.message).toMatch(/outside your library folders/)
    const e2 = await refusal(await track(join(tmp.dir, 'music2', 'other.mp3')))
    expect(e2.code).toBe('forbidden')
  })

  it('refuses relative paths, missing files, folders, unknown ids and bad ids', async () => {
    expect((await refusal(await track('music/album/song.mp3'))).message).toMatch(/not absolute/)
    const missing = await refusal(await track(join(music, 'gone.mp3')))
    expect([missing.code, missing.status]).toEqual(['missing', 404])
    expect(missing.message).toMatch(/no longer exists: rescan/)
    expect((await refusal(await track(join(music, 'album')))).code).toBe('not-a-file')
    const unknown = await refusal(12345)
    expect([unknown.code, unknown.message]).toEqual([
      'not-found',
      'No track with id 12345 in the library',
    ])
    expect((await refusal(0)).code).toBe('bad-request')
    expect((await refusal(1.5)).status).toBe(400)
  })

  it('refuses everything when no library folder is registered', async () => {
    const id = await track(join(music, 'album', 'song.mp3'))
    await db.run('DELETE FROM library_folders')
    expect((await refusal(id)).message).toMatch(/No library folders/)
  })
})

describe('inside', () => {
  it('compares whole path segments', () => {
    expect(inside('/m/a.mp3', '/m')).toBe(true)
    expect(inside('/m', '/m')).toBe(true)
    expect(inside('/m2/a.mp3', '/m')).toBe(false)
    expect(inside('/m/..x/a.mp3', '/m')).toBe(true)
    expect(inside('/a.mp3', '/m')).toBe(false)
  })

  it('never lets a path on another drive or share in, and ignores case where asked', () => {
    expect(inside('D:\\music\\a.mp3', 'C:\\music', true, path.win32)).toBe(false)
    expect(inside('c:\\Music\\a.mp3', 'C:\\music', true, path.win32)).toBe(true)
    expect(inside('\\\\server\\share\\a.mp3', 'C:\\music', true, path.win32)).toBe(false)
  })
})
