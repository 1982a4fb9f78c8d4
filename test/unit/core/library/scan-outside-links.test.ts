// Issue 15 item 5: a symbolic link in a music folder whose target lies outside every library folder
// is not indexed (the player would refuse it); links between registered folders still are.
import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { scanFolders } from '../../../../src-main/core/library/scan'
import { Db } from '../../../../src-main/core/store/db'
import { mp3File } from '../../../fixtures/audio-files'
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

const paths = async () =>
  (await db.all<{ path: string }>('SELECT path FROM tracks ORDER BY path')).map((r) => r.path)

describe('scanning symbolic links', () => {
  it('leaves out file and folder links that lead outside the library, with a reason', async () => {
    const music = join(tmp.dir, 'music')
    const outside = join(tmp.dir, 'private')
    mkdirSync(music)
    mkdirSync(join(outside, 'album'), { recursive: true })
    writeFileSync(join(music, 'own.mp3'), mp3File({ title: 'Own', artist: 'Me' }))
    writeFileSync(join(outside, 'secret.mp3'), mp3File({ title: 'Secret', artist: 'Them' }))
    writeFileSync(join(outside, 'album', 'b.mp3'), mp3File({ title: 'B', artist: 'Them' }))
    symlinkSync(join(outside, 'secret.mp3'), join(music, 'link.mp3'))
    symlinkSync(join(outside, 'album'), join(music, 'linked-album'))
    const s = await scanFolders(db, [music])
    expect(await paths()).toEqual([join(music, 'own.mp3')])
    const reasons = Object.fromEntries(s.failures.map((f) => [f.path, f.reason]))
    expect(reasons[join(music, 'link.mp3')]).toMatch(/outside your library folders/)
    expect(reasons[join(music, 'linked-album')]).toMatch(/outside your library folders/)
  })

  it('keeps links into another registered library folder', async () => {
    const a = join(tmp.dir, 'a')
    const b = join(tmp.dir, 'b')
    mkdirSync(a)
    mkdirSync(b)
    writeFileSync(join(b, 'x.mp3'), mp3File({ title: 'X', artist: 'B' }))
    symlinkSync(join(b, 'x.mp3'), join(a, 'x-link.mp3'))
    await scanFolders(db, [b])
    await scanFolders(db, [a])
    expect(await paths()).toEqual([join(a, 'x-link.mp3'), join(b, 'x.mp3')])
  })
})
