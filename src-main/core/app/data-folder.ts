// Checks the data folder before anything is opened in it: a real, writable folder on a regular file
// system — not /proc or /sys, not read-only — answered within seconds, with the path and what to do.
import { constants } from 'node:fs'
import { access, mkdir, stat, statfs, unlink, writeFile } from 'node:fs/promises'
import { dirname, join, resolve } from 'node:path'

/** The data folder cannot be used; the message names it and says what to do. */
export class DataFolderError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'DataFolderError'
  }
}

/** statfs magic numbers of Linux pseudo file systems (kernel interfaces, not storage). */
const PSEUDO: Record<number, string> = {
  0x9fa0: 'proc',
  0x62656572: 'sysfs',
  0x1cd1: 'devpts',
  0x27e0eb: 'cgroup',
  0x63677270: 'cgroup2',
  0x64626720: 'debugfs',
  0x74726163: 'tracefs',
  0x73636673: 'securityfs',
  0x6165676c: 'pstore',
  0xcafe4a11: 'bpf',
  0x62656570: 'configfs',
  0x65735543: 'fusectl',
  0x42494e4d: 'binfmt_misc',
}

const TIMEOUT_MS = 5000

const choose =
  'choose another data folder (--data DIR on the command line, SEGUE_DATA_DIR for the app)'
const advice = (dir: string) => `${choose} or make ${dir} writable (e.g. chmod u+w "${dir}")`

/**
 * Resolves when `dir` can hold Segue's data (created if missing); else throws a
 * {@link DataFolderError} naming the folder. Gives up after a few seconds on a folder that does not
 * answer (a hung network mount).
 */
export async function checkDataFolder(dir: string): Promise<void> {
  const abs = resolve(dir)
  let timer: NodeJS.Timeout | undefined
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () =>
        reject(
          new DataFolderError(
            `The data folder ${abs} does not answer (checked for ${TIMEOUT_MS / 1000} s): ${advice(abs)}`,
          ),
        ),
      TIMEOUT_MS,
    )
    timer.unref()
  })
  try {
    await Promise.race([check(abs), late])
  } finally {
    clearTimeout(timer)
  }
}

async function check(dir: string): Promise<void> {
  // The nearest part of the path that exists tells which file system the folder is (or would be) on.
  let existing = dir
  for (;;) {
    const info = await stat(existing).catch(() => null)
    if (info) {
      if (existing === dir && !info.isDirectory())
        throw new DataFolderError(`The data folder ${dir} is a file, not a folder: ${choose}`)
      break
    }
    const parent = dirname(existing)
    if (parent === existing) break
    existing = parent
  }
  const fs = await statfs(existing).catch(() => null)
  const pseudo = fs ? PSEUDO[Number(fs.type)] : undefined
  if (pseudo)
    throw new DataFolderError(
      `The data folder ${dir} is on the ${pseudo} pseudo file system (kernel interfaces, not storage): ${choose}`,
    )
  try {
    await mkdir(dir, { recursive: true })
  } catch (e) {
    throw new DataFolderError(
      `The data folder ${dir} cannot be created (${code(e)}): ${advice(dir)}`,
    )
  }
  const probe = join(dir, `.segue-write-check-${process.pid}`)
  try {
    await writeFile(probe, 'ok')
    await unlink(probe)
  } catch (e) {
    throw new DataFolderError(
      `The data folder ${dir} is read-only (${code(e)}): Segue keeps its library and models there — ${advice(dir)}`,
    )
  }
  const db = join(dir, 'segue.db')
  const dbInfo = await stat(db).catch(() => null)
  if (dbInfo) {
    try {
      await access(db, constants.W_OK)
    } catch (e) {
      throw new DataFolderError(
        `The library database ${db} is read-only (${code(e)}): ${advice(dir)}`,
      )
    }
  }
}

function code(e: unknown): string {
  return (e as NodeJS.ErrnoException).code ?? (e as Error).message
}
