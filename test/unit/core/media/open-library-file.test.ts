// Open-then-check (issue 15 item 5): a folder swapped for a symbolic link while a file is being
// served never yields bytes from outside the library; unreadable files are refused, not thrown.
import { execFileSync, spawn } from 'node:child_process'
import { chmodSync, mkdirSync, readdirSync, symlinkSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import type { Readable } from 'node:stream'
import { afterAll, describe, expect, it } from 'vitest'
import { MediaError } from '../../../../src-main/core/media/media-error'
import { openLibraryFile } from '../../../../src-main/core/media/open-library-file'
import { serveOpenedFile } from '../../../../src-main/core/media/serve-file-range'
import { makeTempDir } from '../../../fixtures/temp-dir'

const tmp = makeTempDir()
afterAll(() => tmp.cleanup())

async function body(stream: Readable | null): Promise<string> {
  if (!stream) return ''
  const chunks: Buffer[] = []
  for await (const c of stream) chunks.push(c as Buffer)
  return Buffer.concat(chunks).toString()
}

const isRoot = process.getuid?.() === 0

describe('openLibraryFile', () => {
  it('serves a file inside the library from its descriptor', async () => {
    const lib = join(tmp.dir, 'plain')
    mkdirSync(lib)
    writeFileSync(join(lib, 'a.mp3'), 'inside')
    const opened = await openLibraryFile(join(lib, 'a.mp3'), [lib])
    expect(await body(serveOpenedFile(opened).stream)).toBe('inside')
  })

  it('never serves outside bytes while a folder is swapped for a link to outside', async () => {
    const root = join(tmp.dir, 'race')
    const lib = join(root, 'lib')
    const outside = join(root, 'outside')
    mkdirSync(join(lib, 'real'), { recursive: true })
    mkdirSync(outside)
    writeFileSync(join(lib, 'real', 'song.mp3'), 'INSIDE')
    writeFileSync(join(outside, 'song.mp3'), 'SECRET')
    // `lib/d` flips between a real folder (inside) and a symbolic link to `outside`, in another process.
    mkdirSync(join(lib, 'd'))
    writeFileSync(join(lib, 'd', 'song.mp3'), 'INSIDE')
    symlinkSync(outside, join(lib, 'd-link'))
    const swapper = spawn(
      process.execPath,
      [
        '-e',
        `const fs = require('fs'), p = require('path'), lib = ${JSON.stringify(lib)}
         for (;;) {
           try { fs.renameSync(p.join(lib, 'd'), p.join(lib, 'd-dir')); fs.renameSync(p.join(lib, 'd-link'), p.join(lib, 'd')) } catch {}
           try { fs.renameSync(p.join(lib, 'd'), p.join(lib, 'd-link')); fs.renameSync(p.join(lib, 'd-dir'), p.join(lib, 'd')) } catch {}
         }`,
      ],
      { stdio: 'ignore' },
    )
    const seen = { INSIDE: 0, SECRET: 0, refused: 0 }
    try {
      for (let i = 0; i < 1500; i++) {
        try {
          const opened = await openLibraryFile(join(lib, 'd', 'song.mp3'), [lib])
          const text = await body(serveOpenedFile(opened).stream)
          seen[text as 'INSIDE' | 'SECRET']++
        } catch (e) {
          expect(e).toBeInstanceOf(MediaError)
          seen.refused++
        }
      }
    } finally {
      swapper.kill('SIGKILL')
    }
    expect(seen.SECRET).toBe(0)
    expect(seen.INSIDE + seen.refused).toBe(1500)
  })

  it('refuses a FIFO without hanging, and leaves no descriptor open', async () => {
    const lib = join(tmp.dir, 'fifo')
    mkdirSync(lib)
    execFileSync('mkfifo', [join(lib, 'pipe.mp3')])
    const before = readdirSync('/proc/self/fd').length
    await expect(openLibraryFile(join(lib, 'pipe.mp3'), [lib])).rejects.toMatchObject({
      code: 'not-a-file',
    })
    expect(readdirSync('/proc/self/fd').length).toBeLessThanOrEqual(before)
  })

  // As root every file is readable, so mode 000 proves nothing: skipped there (stated reason).
  it.skipIf(isRoot)(
    'refuses a file the user cannot read (mode 000) with a MediaError',
    async () => {
      const lib = join(tmp.dir, 'locked')
      mkdirSync(lib)
      writeFileSync(join(lib, 'x.mp3'), 'locked')
      chmodSync(join(lib, 'x.mp3'), 0o000)
      await expect(openLibraryFile(join(lib, 'x.mp3'), [lib])).rejects.toMatchObject({
        code: 'forbidden',
        message: expect.stringContaining('EACCES'),
      })
    },
  )
})
