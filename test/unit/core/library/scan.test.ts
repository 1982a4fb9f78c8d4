// Library scanning: first scan, incremental rescans (changed, new, deleted, moved), every kind of unreadable file, cancellation.
import { spawn } from 'node:child_process'
import {
  chmodSync,
  mkdirSync,
  renameSync,
  rmSync,
  symlinkSync,
  utimesSync,
  writeFileSync,
} from 'node:fs'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { listFolders, removeFolder } from '../../../../src-main/core/library/folders'
import { scanFolders, type ScanProgress } from '../../../../src-main/core/library/scan'
import { Db } from '../../../../src-main/core/store/db'
import { mp3File } from '../../../fixtures/audio-files'
import { sampleLibrary, writeTree } from '../../../fixtures/library-tree'
import { makeTempDir } from '../../../fixtures/temp-dir'

let tmp: ReturnType<typeof makeTempDir>
let db: Db
let music: string

beforeEach(async () => {
  tmp = makeTempDir()
  music = join(tmp.dir, 'music')
  writeTree(music, sampleLibrary())
  db = await Db.open(join(tmp.dir, 'segue.db'))
})

afterEach(async () => {
  await db.close()
  tmp.cleanup()
})

const rel = (p: string) => p.slice(music.length + 1)

async function tracks(): Promise<
  { id: number; path: string; title: string; artist: string; song_key: string }[]
> {
  const rows = await db.all<{
    id: number
    path: string
    title: string
    artist: string
    song_key: string
  }>('SELECT id, path, title, artist, song_key FROM tracks ORDER BY id')
  return rows.map((r) => ({ ...r, path: rel(r.path) }))
}

describe('scanFolders', () => {
  it('indexes every supported file with its tags, in folder order, and registers the folder', async () => {
    const s = await scanFolders(db, [music])
    expect(s).toMatchObject({
      tracks_added: 6,
      tracks_updated: 0,
      tracks_removed: 0,
      tracks_failed: 0,
      failures: [],
    })
    expect(await tracks()).toEqual([
      {
        id: 1,
        path: 'Björk/Homogenic/Jóga.flac',
        title: 'Jóga',
        artist: 'Björk',
        song_key: 'bjork — joga',
      },
      {
        id: 2,
        path: 'Misc/Daft Punk - One More Time.mp3',
        title: 'One More Time',
        artist: 'Daft Punk',
        song_key: 'daft punk — one more time',
      },
      {
        id: 3,
        path: 'Misc/Outkast - Ms. Jackson.wav',
        title: 'Ms. Jackson',
        artist: 'OutKast',
        song_key: 'outkast — ms jackson',
      },
      {
        id: 4,
        path: 'Radiohead/OK Computer/01 Airbag.mp3',
        title: 'Airbag',
        artist: 'Radiohead',
        song_key: 'radiohead — airbag',
      },
      {
        id: 5,
        path: 'Radiohead/OK Computer/02 Paranoid Android.mp3',
        title: 'Paranoid Android',
        artist: 'Radiohead',
        song_key: 'radiohead — paranoid android',
      },
      {
        id: 6,
        path: '坂本龍一/戦場のメリークリスマス.mp3',
        title: '戦場のメリークリスマス',
        artist: '坂本龍一',
        song_key: '坂本龍一 — 戦場のメリークリスマス',
      },
    ])
    const folders = await listFolders(db)
    expect(folders.map((f) => f.path)).toEqual([music])
    expect(folders[0].last_scan).not.toBeNull()
  })

  it('rescans incrementally: unchanged files are not read, changed ones updated in place, new ones added', async () => {
    await scanFolders(db, [music])
    expect(await scanFolders(db, [music])).toMatchObject({
      tracks_added: 0,
      tracks_updated: 0,
      tracks_unchanged: 6,
    })

    const airbag = join(music, 'Radiohead/OK Computer/01 Airbag.mp3')
    writeFileSync(
      airbag,
      mp3File({ title: 'Airbag (Remastered)', artist: 'Radiohead' }, { seconds: 284 }),
    )
    writeTree(music, [
      {
        path: 'New/Air - La Femme d’Argent.mp3',
        tags: { title: 'La Femme d’Argent', artist: 'Air' },
      },
    ])
    const s = await scanFolders(db, [music])
    expect(s).toMatchObject({
      tracks_added: 1,
      tracks_updated: 1,
      tracks_unchanged: 5,
      tracks_removed: 0,
    })
    const rows = await tracks()
    expect(rows.find((r) => r.id === 4)).toMatchObject({
      title: 'Airbag (Remastered)',
      song_key: 'radiohead — airbag',
    })
    expect(rows.find((r) => r.id === 7)).toMatchObject({
      path: 'New/Air - La Femme d’Argent.mp3',
      artist: 'Air',
    })
  })

  it('notices a changed modification time even when the size is the same', async () => {
    await scanFolders(db, [music])
    const f = join(music, 'Misc/Outkast - Ms. Jackson.wav')
    utimesSync(f, new Date('2001-01-01'), new Date('2001-01-01'))
    expect(await scanFolders(db, [music])).toMatchObject({ tracks_updated: 1, tracks_unchanged: 5 })
  })

  it('removes deleted files and keeps the id of a moved file', async () => {
    await scanFolders(db, [music])
    rmSync(join(music, 'Misc/Daft Punk - One More Time.mp3'))
    mkdirSync(join(music, 'Sorted/Björk'), { recursive: true })
    renameSync(join(music, 'Björk/Homogenic/Jóga.flac'), join(music, 'Sorted/Björk/03 Jóga.flac'))
    const s = await scanFolders(db, [music])
    expect(s).toMatchObject({
      tracks_added: 0,
      tracks_moved: 1,
      tracks_removed: 1,
      tracks_unchanged: 4,
    })
    const rows = await tracks()
    expect(rows.map((r) => [r.id, r.path])).toEqual([
      [1, 'Sorted/Björk/03 Jóga.flac'],
      [3, 'Misc/Outkast - Ms. Jackson.wav'],
      [4, 'Radiohead/OK Computer/01 Airbag.mp3'],
      [5, 'Radiohead/OK Computer/02 Paranoid Android.mp3'],
      [6, '坂本龍一/戦場のメリークリスマス.mp3'],
    ])
  })

  it('keeps the tracks of a folder that is missing this time (an unplugged drive) and says why', async () => {
    await scanFolders(db, [music])
    renameSync(music, `${music}-away`)
    const s = await scanFolders(db, [music])
    expect(s.tracks_removed).toBe(0)
    expect(s.failures).toEqual([
      { path: music, reason: expect.stringContaining('cannot open the folder: no longer exists') },
    ])
    expect(await tracks()).toHaveLength(6)
  })

  it('turns empty, corrupt and truncated files, symlink loops and non-UTF-8 names into failures and goes on', async () => {
    writeFileSync(join(music, 'Misc/empty.mp3'), '')
    writeFileSync(join(music, 'Misc/corrupt.flac'), 'definitely not flac')
    writeFileSync(
      join(music, 'Misc/truncated.mp3'),
      mp3File({ title: 'T', artist: 'A' }).subarray(0, 60),
    )
    symlinkSync('..', join(music, 'Misc/loop'))
    symlinkSync(join(music, 'Misc/self.mp3'), join(music, 'Misc/self.mp3'))
    writeFileSync(
      Buffer.from(`${join(music, 'Misc')}/caf\xe9.mp3`, 'latin1'),
      mp3File({ title: 'x', artist: 'y' }),
    )
    writeFileSync(join(music, 'Misc/notes.txt'), 'ignored: not audio')
    const s = await scanFolders(db, [music])
    expect(s.tracks_added).toBe(6)
    expect(s.tracks_failed).toBe(6)
    expect(s.failures.map((f) => [rel(f.path), f.reason.split(' — ')[0].split(':')[0]])).toEqual([
      ['Misc/caf\\xE9.mp3', 'the name is not valid UTF-8'],
      ['Misc/self.mp3', 'symbolic link loop (too many levels of links)'],
      ['Misc/loop', 'symbolic link loop'],
      ['Misc/corrupt.flac', 'unreadable or corrupt audio file'],
      ['Misc/empty.mp3', 'empty file (0 bytes)'],
      ['Misc/truncated.mp3', 'unreadable or corrupt audio file'],
    ])
  })

  it('reports progress by phase with the current folder and speed', async () => {
    const seen: ScanProgress[] = []
    await scanFolders(db, [music], { onProgress: (p) => seen.push(p), batchSize: 2 })
    const phases = seen.map((p) => p.phase).filter((p, i, a) => a[i - 1] !== p)
    expect(phases).toEqual(['walking', 'reading', 'done'])
    expect(seen.filter((p) => p.phase === 'reading').map((p) => p.filesRead)).toEqual([2, 4, 6])
    expect(
      seen.find((p) => p.phase === 'walking' && p.folder === join(music, 'Radiohead/OK Computer')),
    ).toBeDefined()
    expect(seen[seen.length - 1].filesPerSec).toBeGreaterThan(0)
  })

  it('stops when aborted, keeps the batches committed before, and the next scan finishes the rest', async () => {
    const controller = new AbortController()
    const run = scanFolders(db, [music], {
      batchSize: 2,
      concurrency: 1,
      signal: controller.signal,
      onProgress: (p) => {
        if (p.phase === 'reading' && p.filesRead === 2) controller.abort()
      },
    })
    await expect(run).rejects.toMatchObject({ name: 'AbortError' })
    expect(await tracks()).toHaveLength(2)
    expect(await scanFolders(db, [music])).toMatchObject({ tracks_added: 4, tracks_unchanged: 2 })
  })

  it('forgets a folder and its tracks', async () => {
    await scanFolders(db, [music])
    expect(await removeFolder(db, music)).toBe(6)
    expect(await tracks()).toEqual([])
    expect(await listFolders(db)).toEqual([])
  })
})

describe('permissions (scanning as an unprivileged user)', () => {
  it('reports unreadable folders and files and keeps the tracks it cannot see', async (ctx) => {
    if (process.platform === 'win32') ctx.skip()
    await scanFolders(db, [music])
    await db.close()
    chmodSync(tmp.dir, 0o777)
    chmodSync(join(tmp.dir, 'segue.db'), 0o666)
    writeFileSync(join(music, 'Misc/secret.mp3'), mp3File({ title: 'S', artist: 'A' }))
    chmodSync(join(music, 'Misc/secret.mp3'), 0o000)
    chmodSync(join(music, 'Radiohead'), 0o000)
    const uid = process.getuid?.() === 0 ? 65534 : undefined
    // A child process scanning as an unprivileged user; generous limit for a loaded 2-core machine.
    const child = await runChild(
      join(process.cwd(), 'node_modules/.bin/tsx'),
      [join(process.cwd(), 'test/fixtures/scan-child.ts'), join(tmp.dir, 'segue.db'), music],
      uid,
      240_000,
    )
    chmodSync(join(music, 'Radiohead'), 0o755)
    db = await Db.open(join(tmp.dir, 'segue.db'))
    if (child.error?.code === 'EPERM') {
      ctx.skip() // this machine does not allow switching to an unprivileged user
    }
    expect(
      child.status,
      `awaited the scan child (tsx scan-child.ts as uid ${uid ?? 'self'}) to exit 0; ` +
        `got status ${child.status}, signal ${child.signal}, error ${child.error?.message}, stderr: ${child.stderr}`,
    ).toBe(0)
    const s = JSON.parse(child.stdout)
    expect(s.tracks_removed).toBe(0)
    expect(
      s.failures.map((f: { path: string; reason: string }) => [rel(f.path), f.reason]),
    ).toEqual([
      [
        'Radiohead',
        'cannot list the folder: permission denied — give Segue read access or remove the folder from the library',
      ],
      [
        'Misc/secret.mp3',
        'permission denied — give Segue read access or remove the folder from the library',
      ],
    ])
    expect(await tracks()).toHaveLength(6)
  }, 300_000)
})

interface ChildResult {
  status: number | null
  signal: NodeJS.Signals | null
  stdout: string
  stderr: string
  error?: NodeJS.ErrnoException
}

/** Runs `cmd` to completion (killed after `timeoutMs`), without blocking the test runner meanwhile. */
function runChild(
  cmd: string,
  args: string[],
  uid: number | undefined,
  timeoutMs: number,
): Promise<ChildResult> {
  return new Promise((resolve) => {
    const out: Buffer[] = []
    const err: Buffer[] = []
    let error: NodeJS.ErrnoException | undefined
    let child
    try {
      child = spawn(cmd, args, { uid, gid: uid, cwd: process.cwd(), timeout: timeoutMs })
    } catch (e) {
      resolve({
        status: null,
        signal: null,
        stdout: '',
        stderr: '',
        error: e as NodeJS.ErrnoException,
      })
      return
    }
    child.stdout.on('data', (d: Buffer) => out.push(d))
    child.stderr.on('data', (d: Buffer) => err.push(d))
    child.on('error', (e) => (error = e))
    child.on('close', (status, signal) =>
      resolve({
        status,
        signal,
        stdout: Buffer.concat(out).toString('utf8'),
        stderr: Buffer.concat(err).toString('utf8'),
        error,
      }),
    )
  })
}
