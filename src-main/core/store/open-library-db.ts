// Opens segue.db whatever state it is in: a damaged file is named, kept aside, and replaced by the
// last good backup (playlists, fixes, settings) or a fresh database; every good open refreshes the backup.
import { copyFile, rename, rm, stat } from 'node:fs/promises'
import { join } from 'node:path'
import { Db } from './db'

export const DB_FILE = 'segue.db'
export const BACKUP_FILE = 'segue.db.backup'

/** The database and, when it had to be repaired, what happened (to show the user). */
export interface OpenedLibraryDb {
  db: Db
  notice?: string
}

/** SQLite codes of a file that is not (or no longer) a usable database. */
const DAMAGED = /SQLITE_(CORRUPT|NOTADB)|malformed|not a database/i

export async function openLibraryDb(dataDir: string): Promise<OpenedLibraryDb> {
  const file = join(dataDir, DB_FILE)
  const backup = join(dataDir, BACKUP_FILE)
  const damage = await tryOpen(file)
  if ('db' in damage) {
    await refreshBackup(damage.db, backup)
    return { db: damage.db }
  }
  const kept = join(dataDir, `${DB_FILE}.damaged-${new Date().toISOString().replace(/[:.]/g, '-')}`)
  await rename(file, kept)
  for (const side of ['-wal', '-shm']) await rm(file + side, { force: true })
  const head = `The library database ${file} is damaged (${damage.reason}); a copy is kept as ${kept}`
  const saved = await stat(backup).catch(() => null)
  if (saved) {
    await copyFile(backup, file)
    const restored = await tryOpen(file)
    if ('db' in restored)
      return {
        db: restored.db,
        notice: `${head}. Restored the backup of ${saved.mtime.toISOString()} (playlists, fixes and settings as they were then); rescan your music folders to bring the library up to date.`,
      }
    await rm(file, { force: true })
  }
  const db = await Db.open(file)
  return {
    db,
    notice: `${head}. No usable backup: started a new, empty database — import your music folders and playlists again.`,
  }
}

async function tryOpen(file: string): Promise<{ db: Db } | { reason: string }> {
  let db: Db
  try {
    db = await Db.open(file)
  } catch (e) {
    const message = `${(e as NodeJS.ErrnoException).code ?? ''} ${(e as Error).message}`
    if (DAMAGED.test(message)) return { reason: (e as NodeJS.ErrnoException).code ?? 'unreadable' }
    throw e
  }
  const check = await db.get<{ quick_check: string }>('PRAGMA quick_check').catch((e: Error) => ({
    quick_check: e.message,
  }))
  if (check?.quick_check === 'ok') return { db }
  await db.close().catch(() => {})
  return { reason: `integrity check: ${String(check?.quick_check).slice(0, 120)}` }
}

/** A consistent copy (VACUUM INTO) beside the database, swapped in only when complete. */
async function refreshBackup(db: Db, backup: string): Promise<void> {
  const tmp = `${backup}.tmp`
  try {
    await rm(tmp, { force: true })
    await db.run('VACUUM INTO ?', [tmp])
    await rename(tmp, backup)
  } catch {
    // A backup is a help, never a reason not to start.
    await rm(tmp, { force: true }).catch(() => {})
  }
}
