// Issue 15 items 11, 14: a data folder that cannot hold Segue's data is refused at start with its
// path and what to do — read-only (real permissions), a file, or on /proc — not after a long job.
import { spawn } from 'node:child_process'
import { chmodSync, mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { checkDataFolder, DataFolderError } from '../../../../src-main/core/app/data-folder'
import { makeTempDir } from '../../../fixtures/temp-dir'

const root = join(import.meta.dirname, '../../../..')
const tmp = makeTempDir('segue-datadir-')
afterAll(() => tmp.cleanup())
const isRoot = process.getuid?.() === 0

function segue(
  args: string[],
  as?: { uid: number; gid: number },
): Promise<{ code: number | null; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [join(root, 'bin/segue.mjs'), ...args], {
      cwd: root,
      stdio: ['ignore', 'ignore', 'pipe'],
      ...(as ? { uid: as.uid, gid: as.gid, env: { ...process.env, HOME: tmp.dir } } : {}),
    })
    let stderr = ''
    child.stderr.on('data', (d) => (stderr += String(d)))
    child.on('exit', (code) => resolve({ code, stderr }))
  })
}

describe('checkDataFolder', () => {
  it('accepts (and creates) a writable folder', async () => {
    await checkDataFolder(join(tmp.dir, 'fresh', 'data'))
  })

  it('refuses a folder on /proc (a pseudo file system) at once', async () => {
    await expect(checkDataFolder('/proc/self/x')).rejects.toThrow(DataFolderError)
    await expect(checkDataFolder('/proc/self/x')).rejects.toThrow(/\/proc\/self\/x.*proc pseudo/)
  })

  it('refuses a file given as the folder', async () => {
    const file = join(tmp.dir, 'a-file')
    writeFileSync(file, 'x')
    await expect(checkDataFolder(file)).rejects.toThrow(/is a file, not a folder/)
  })

  // As root every folder is writable: the permission check is then made by a child running as
  // "nobody" (uid 65534) below; this in-process variant needs an ordinary user.
  it.skipIf(isRoot)('refuses a read-only folder (mode 555), naming it', async () => {
    const dir = join(tmp.dir, 'ro-user')
    mkdirSync(dir)
    chmodSync(dir, 0o555)
    await expect(checkDataFolder(dir)).rejects.toThrow(
      new RegExp(`${dir} is read-only \\(EACCES\\)`),
    )
    chmodSync(dir, 0o755)
  })
})

describe('the CLI on an unusable data folder exits 2 with the path', () => {
  it('--data /proc/self/x', async () => {
    const r = await segue(['import', '--data', '/proc/self/x', '/etc/hostname'])
    expect(r.code).toBe(2)
    expect(r.stderr).toMatch(/The data folder \/proc\/self\/x is on the proc pseudo file system/)
  })

  it('a read-only data folder (a real permission: a folder of root, the CLI run as nobody)', async () => {
    const dir = join(tmp.dir, 'ro')
    mkdirSync(dir, { recursive: true })
    chmodSync(tmp.dir, 0o755)
    chmodSync(dir, 0o755)
    const nobody = { uid: 65534, gid: 65534 }
    const r = isRoot
      ? await segue(['import', '--data', dir, '/etc/hostname'], nobody)
      : (chmodSync(dir, 0o555), await segue(['import', '--data', dir, '/etc/hostname']))
    expect(r.code).toBe(2)
    expect(r.stderr).toContain(`The data folder ${dir} is read-only (EACCES)`)
    expect(r.stderr).toMatch(/choose another data folder|chmod u\+w/)
  })
})
