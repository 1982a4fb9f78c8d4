// Issue 15 item 12: a damaged segue.db is named, kept aside and replaced by the last good backup
// (or a fresh database) instead of stopping the app with a bare SQLite code.
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { randomBytes } from 'node:crypto'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { Db } from '../../../../src-main/core/store/db'
import {
  BACKUP_FILE,
  DB_FILE,
  openLibraryDb,
} from '../../../../src-main/core/store/open-library-db'
import { makeTempDir } from '../../../fixtures/temp-dir'

let tmp: ReturnType<typeof makeTempDir>
beforeEach(() => (tmp = makeTempDir('segue-db-')))
afterEach(() => tmp.cleanup())

const setting = (db: Db) =>
  db.get<{ value: string }>("SELECT value FROM settings WHERE key = 'test.key'")

async function withSetting(dir: string, value: string): Promise<void> {
  const { db } = await openLibraryDb(dir)
  await db.transaction((tx) =>
    tx.run(
      "INSERT INTO settings (key, value) VALUES ('test.key', ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
      [value],
    ),
  )
  await db.close()
}

function damage(file: string): Buffer {
  const bytes = readFileSync(file)
  // Overwrite the header and the first pages: SQLite no longer recognises the file.
  randomBytes(8192).copy(bytes, 0)
  writeFileSync(file, bytes)
  return bytes
}

describe('openLibraryDb', () => {
  it('keeps a backup of every good database it opens', async () => {
    await withSetting(tmp.dir, 'one')
    const { db, notice } = await openLibraryDb(tmp.dir)
    expect(notice).toBeUndefined()
    await db.close()
    const backup = await Db.open(join(tmp.dir, BACKUP_FILE))
    expect((await setting(backup))?.value).toBe('one')
    await backup.close()
  })

  it('a damaged file: named, a copy kept, the last good backup restored', async () => {
    await withSetting(tmp.dir, 'saved')
    // The next open refreshes the backup with 'saved' in it.
    await (await openLibraryDb(tmp.dir)).db.close()
    const damaged = damage(join(tmp.dir, DB_FILE))
    const { db, notice } = await openLibraryDb(tmp.dir)
    expect(notice).toContain(join(tmp.dir, DB_FILE))
    expect(notice).toMatch(/is damaged \(SQLITE_NOTADB\)/)
    expect(notice).toMatch(/Restored the backup/)
    const copy = readdirSync(tmp.dir).find((f) => f.startsWith(`${DB_FILE}.damaged-`))!
    expect(notice).toContain(copy)
    expect(readFileSync(join(tmp.dir, copy)).equals(damaged)).toBe(true)
    expect((await setting(db))?.value).toBe('saved')
    await db.close()
  })

  it('a damaged file and no backup: a fresh database, and the notice says so', async () => {
    await withSetting(tmp.dir, 'lost')
    const { rmSync } = await import('node:fs')
    rmSync(join(tmp.dir, BACKUP_FILE))
    damage(join(tmp.dir, DB_FILE))
    const { db, notice } = await openLibraryDb(tmp.dir)
    expect(notice).toMatch(/No usable backup: started a new, empty database/)
    expect(await setting(db)).toBeUndefined()
    await db.close()
    expect(existsSync(join(tmp.dir, BACKUP_FILE))).toBe(false)
  })
})
