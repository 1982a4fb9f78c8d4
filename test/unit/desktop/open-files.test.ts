// "Open with Segue": playlist paths from argv (plain, relative, file:// URLs) and the queue that imports them once no other import runs.
import { mkdtempSync, rmSync, writeFileSync, mkdirSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { afterAll, describe, expect, it } from 'vitest'
import { OpenFilesQueue, playlistPaths } from '../../../src-main/desktop/open-files'

const dir = mkdtempSync(join(tmpdir(), 'segue-open-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))
for (const f of ['a.m3u', 'b.M3U8', 'c.pls', 'd.xspf', 'e.mp3', 'f with space.m3u'])
  writeFileSync(join(dir, f), '#EXTM3U\n')
mkdirSync(join(dir, 'folder.m3u'))

describe('playlistPaths', () => {
  it('keeps existing associated files, resolved against the working directory', () => {
    const args = ['a.m3u', join(dir, 'b.M3U8'), './c.pls', 'd.xspf', 'e.mp3', 'missing.m3u']
    expect(playlistPaths(args, dir)).toEqual([
      join(dir, 'a.m3u'),
      join(dir, 'b.M3U8'),
      join(dir, 'c.pls'),
      join(dir, 'd.xspf'),
    ])
  })

  it('reads file:// URLs (desktop entries pass %U) and ignores other URLs', () => {
    const url = pathToFileURL(join(dir, 'f with space.m3u')).toString()
    expect(url).toContain('%20')
    expect(playlistPaths([url, 'https://example.com/x.m3u'], '/')).toEqual([
      join(dir, 'f with space.m3u'),
    ])
  })

  it('ignores switches, folders, duplicates and Electron’s own arguments', () => {
    const args = ['--inspect=a.m3u', '--no-sandbox', '.', 'folder.m3u', 'a.m3u', 'a.m3u']
    expect(playlistPaths(args, dir)).toEqual([join(dir, 'a.m3u')])
  })
})

describe('OpenFilesQueue', () => {
  it('waits for ready, then imports everything opened so far in one batch', () => {
    const started: string[][] = []
    const q = new OpenFilesQueue((p) => started.push([...p]))
    q.add(['/a.m3u'])
    q.add(['/b.pls', '/a.m3u'])
    expect(started).toEqual([])
    q.ready()
    expect(started).toEqual([['/a.m3u', '/b.pls']])
    expect(q.waiting).toEqual([])
    q.add(['/c.xspf'])
    expect(started).toEqual([['/a.m3u', '/b.pls'], ['/c.xspf']])
  })

  it('keeps the paths while another import runs and starts them on flush', () => {
    let busy = true
    const started: string[][] = []
    const q = new OpenFilesQueue((p) => {
      if (busy) throw new Error('Importing your music is already running')
      started.push([...p])
    })
    q.ready()
    q.add(['/a.m3u'])
    expect(q.waiting).toEqual(['/a.m3u'])
    expect(q.flush()).toBe(false)
    busy = false
    expect(q.flush()).toBe(true)
    expect(started).toEqual([['/a.m3u']])
    expect(q.flush()).toBe(false)
  })
})
