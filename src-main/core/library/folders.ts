// The music folders the user added: register, list, forget (with their tracks).
import { resolve, sep } from 'node:path'
import type { Db } from '../store/db'
import { unlinkTracks } from './relink'
import { forIdSlices } from './sql-batch'

/** One registered music folder. */
export interface LibraryFolder {
  id: number
  path: string
  added: string
  /** When the last complete scan finished (null before the first). */
  last_scan: string | null
}

/** Registers folders (absolute paths); already registered ones are left as they are. */
export async function addFolders(db: Db, folders: string[]): Promise<void> {
  const now = new Date().toISOString()
  await db.transaction(async (tx) => {
    for (const f of folders) {
      await tx.run(
        'INSERT INTO library_folders (path, added) VALUES (?, ?) ON CONFLICT (path) DO NOTHING',
        [resolve(f), now],
      )
    }
  })
}

export async function listFolders(db: Db): Promise<LibraryFolder[]> {
  return db.all<LibraryFolder>(
    'SELECT id, path, added, last_scan FROM library_folders ORDER BY path',
  )
}

/** Forgets a folder and removes its tracks from the library (files are not touched). Returns tracks removed. */
export async function removeFolder(db: Db, folder: string): Promise<number> {
  const root = resolve(folder)
  const others = (await listFolders(db)).map((f) => f.path).filter((p) => p !== root)
  const rows = await db.all<{ id: number; path: string }>('SELECT id, path FROM tracks')
  // Tracks also under another registered folder stay.
  const ids = rows
    .filter((r) => isUnder(r.path, root) && !others.some((o) => isUnder(r.path, o)))
    .map((r) => r.id)
  await db.transaction(async (tx) => {
    await unlinkTracks(tx, ids)
    await forIdSlices(tx, 'DELETE FROM tracks WHERE id IN (#)', ids)
    await tx.run('DELETE FROM library_folders WHERE path = ?', [root])
  })
  return ids.length
}

/** True when `path` is `dir` or inside it. */
export function isUnder(path: string, dir: string): boolean {
  if (path === dir) return true
  const d = dir.endsWith(sep) || dir.endsWith('/') ? dir : dir + sep
  return path.startsWith(d)
}
