// Watch mode: a change in a watched folder leads to one incremental rescan that picks it up.
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { scanFolders, type ScanSummary } from '../../../../src-main/core/library/scan'
import { watchLibrary, type LibraryWatcher } from '../../../../src-main/core/library/watch'
import { Db } from '../../../../src-main/core/store/db'
import { sampleLibrary, writeTree } from '../../../fixtures/library-tree'
import { makeTempDir } from '../../../fixtures/temp-dir'

let tmp: ReturnType<typeof makeTempDir>
let db: Db
let watcher: LibraryWatcher | undefined

beforeEach(async () => {
  tmp = makeTempDir()
  writeTree(join(tmp.dir, 'music'), sampleLibrary())
  db = await Db.open(join(tmp.dir, 'segue.db'))
})

afterEach(async () => {
  watcher?.close()
  await db.close()
  tmp.cleanup()
})

describe('watchLibrary', () => {
  it('rescans after files are added and reports the new track', async () => {
    const music = join(tmp.dir, 'music')
    await scanFolders(db, [music])
    const scans: ScanSummary[] = []
    const errors: Error[] = []
    const added = new Promise<void>((resolve) => {
      watcher = watchLibrary(db, [music], {
        debounceMs: 50,
        onError: (e) => errors.push(e),
        onScan: (s) => {
          scans.push(s)
          if (s.tracks_added > 0) resolve()
        },
      })
    })
    writeTree(music, [
      { path: 'New/Deep/Air - Sexy Boy.mp3', tags: { title: 'Sexy Boy', artist: 'Air' } },
    ])
    await added
    expect(errors).toEqual([])
    expect(scans.reduce((n, s) => n + s.tracks_added, 0)).toBe(1)
    expect(await db.get('SELECT artist, title FROM tracks WHERE id = 7')).toEqual({
      artist: 'Air',
      title: 'Sexy Boy',
    })
  })

  it('reports a folder it cannot watch', () => {
    const errors: Error[] = []
    watcher = watchLibrary(db, [join(tmp.dir, 'missing')], { onError: (e) => errors.push(e) })
    expect(errors.map((e) => e.message.split(':')[0])).toEqual([
      `Cannot watch ${join(tmp.dir, 'missing')}`,
    ])
  })
})
