// Open first, then check what was opened: a symbolic link swapped in after the path check cannot
// make the player read a file outside the library, because the check is on the open descriptor.
import { constants } from 'node:fs'
import { open, realpath, stat, type FileHandle } from 'node:fs/promises'
import type { Db } from '../store/db'
import { MediaError } from './media-error'
import { checkLibraryPath, inside, type ResolveOptions } from './resolve-media-path'

/** A library file opened for reading: the descriptor, its checked real path and its size. */
export interface OpenedLibraryFile {
  handle: FileHandle
  path: string
  size: number
}

// O_NONBLOCK: a FIFO swapped in for the file cannot hang the open (it is refused as not a file).
const FLAGS = constants.O_RDONLY | (constants.O_NONBLOCK ?? 0)

/**
 * Opens `stored` when it passes {@link checkLibraryPath}, then proves the descriptor is that file:
 * it must be a regular file, the path must still resolve inside a library folder, and that
 * resolved file must be the very file open (same device and inode). On Linux the descriptor's own
 * path (`/proc/self/fd/N`) is checked against the folders too. Any mismatch closes the descriptor
 * and throws a {@link MediaError} ('forbidden'); an unreadable file is 'forbidden' with its code.
 */
export async function openLibraryFile(
  stored: string,
  folders: readonly string[],
  opts: ResolveOptions = {},
): Promise<OpenedLibraryFile> {
  const ci = opts.caseInsensitive ?? process.platform === 'win32'
  const checked = await checkLibraryPath(stored, folders, opts)
  let handle: FileHandle
  try {
    handle = await open(checked, FLAGS)
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code
    if (code === 'ENOENT')
      throw new MediaError('missing', `The file "${stored}" no longer exists: rescan the library`)
    throw new MediaError(
      'forbidden',
      `"${stored}" cannot be read (${code ?? (e as Error).message})`,
    )
  }
  try {
    const opened = await handle.stat()
    if (!opened.isFile()) throw new MediaError('not-a-file', `"${stored}" is not a regular file`)
    const realFolders = await realFolderList(folders)
    const swapped = () =>
      new MediaError(
        'forbidden',
        `"${stored}" changed while it was being opened (a symbolic link swapped in?) — refused`,
      )
    let again: string
    try {
      again = await realpath(checked)
    } catch {
      throw swapped()
    }
    if (!realFolders.some((f) => inside(again, f, ci))) throw swapped()
    const now = await stat(again).catch(() => null)
    if (!now || now.dev !== opened.dev || now.ino !== opened.ino) throw swapped()
    if (process.platform === 'linux') {
      const fdPath = await realpath(`/proc/self/fd/${handle.fd}`).catch(() => null)
      if (fdPath !== null && !realFolders.some((f) => inside(fdPath, f, ci))) throw swapped()
    }
    return { handle, path: checked, size: opened.size }
  } catch (e) {
    await handle.close().catch(() => {})
    throw e
  }
}

/** {@link openLibraryFile} for track `trackId` of the library database. */
export async function openTrackFile(
  db: Db,
  trackId: number,
  opts: ResolveOptions = {},
): Promise<OpenedLibraryFile> {
  if (!Number.isSafeInteger(trackId) || trackId < 1) {
    throw new MediaError(
      'bad-request',
      `"${String(trackId)}" is not a track id: use a positive whole number`,
    )
  }
  const row = await db.get<{ path: string }>('SELECT path FROM tracks WHERE id = ?', [trackId])
  if (!row) throw new MediaError('not-found', `No track with id ${trackId} in the library`)
  const folders = (
    await db.all<{ path: string }>('SELECT path FROM library_folders ORDER BY path')
  ).map((f) => f.path)
  return openLibraryFile(row.path, folders, opts)
}

async function realFolderList(folders: readonly string[]): Promise<string[]> {
  const out: string[] = []
  for (const f of folders) {
    try {
      out.push(await realpath(f))
    } catch {
      // A folder that is gone cannot contain the file.
    }
  }
  return out
}
