// Issue 15 items 13, 15: the CLI's exit codes over real processes — nothing imported is 1 with a
// reason per path, bad options are 2, a file given as --dataset is named as such, a busy port is 2.
import { spawn, execFileSync } from 'node:child_process'
import { writeFileSync } from 'node:fs'
import { createServer, type Server } from 'node:net'
import { join } from 'node:path'
import { randomBytes } from 'node:crypto'
import { afterAll, describe, expect, it } from 'vitest'
import { makeTempDir } from '../../fixtures/temp-dir'

const root = join(import.meta.dirname, '../../..')
const tmp = makeTempDir('segue-cli-')
afterAll(() => tmp.cleanup())

function segue(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [join(root, 'bin/segue.mjs'), ...args], {
      cwd: root,
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', (d) => (stdout += String(d)))
    child.stderr.on('data', (d) => (stderr += String(d)))
    child.on('exit', (code) => resolve({ code, stdout, stderr }))
  })
}

describe('segue import', () => {
  it('exits 1 when named paths import nothing, with the reason for each', async () => {
    const fifo = join(tmp.dir, 'pipe.m3u')
    execFileSync('mkfifo', [fifo])
    const junk = join(tmp.dir, 'junk.m3u')
    writeFileSync(junk, randomBytes(8192))
    const r = await segue(['import', '--data', join(tmp.dir, 'data'), '/dev/zero', fifo, junk])
    expect(r.code).toBe(1)
    for (const p of ['/dev/zero', fifo, junk])
      expect(r.stderr).toMatch(
        new RegExp(`nothing imported from ${p.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: \\S`),
      )
    expect(r.stderr).toMatch(/not a regular file/)
    expect(r.stderr).toMatch(/not a text file/)
  })
})

describe('segue eval', () => {
  it('a negative --seed is a bad option: exit 2', async () => {
    const r = await segue(['eval', '--seed', '-1', '--dataset', tmp.dir])
    expect(r.code).toBe(2)
    expect(r.stderr).toMatch(/--seed must be at least 0/)
  })

  it('a file as --dataset says it is not a Yes-format directory (exit 2), not ENOTDIR', async () => {
    const file = join(tmp.dir, 'train.txt')
    writeFileSync(file, '1 2 3\n')
    const r = await segue(['eval', '--dataset', file])
    expect(r.code).toBe(2)
    expect(r.stderr).toMatch(/is not a Yes-format directory/)
    expect(r.stderr).not.toMatch(/ENOTDIR/)
  })
})

describe('segue serve', () => {
  it('on a busy port exits 2 with the message instead of hanging', async () => {
    const blocker: Server = createServer()
    await new Promise<void>((r) => blocker.listen(0, '127.0.0.1', () => r()))
    const port = (blocker.address() as { port: number }).port
    try {
      const r = await segue([
        'serve',
        '--data',
        join(tmp.dir, 'serve-data'),
        '--port',
        String(port),
      ])
      expect(r.code).toBe(2)
      expect(r.stderr).toMatch(new RegExp(`port ${port} .*already in use`))
    } finally {
      blocker.close()
    }
  })
})
