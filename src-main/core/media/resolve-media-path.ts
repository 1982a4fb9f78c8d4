// The one gate between a track id and a file on disk: only files really inside the user's library folders are served.
import { realpath, stat } from 'node:fs/promises'
import path, { isAbsolute, resolve } from 'node:path'
import type { Db } from '../store/db'
import { MediaError } from './media-error'

/** Options of {@link resolveMediaPath}. */
export interface ResolveOptions {
  /** Compare paths without regard to case (default: on Windows). */
  caseInsensitive?: boolean
}

/**
 * The absolute, symlink-free path of track `trackId`'s file — only when its stored path is
 * absolute, has no `..` segment, lies inside a registered library folder, and still does after
 * resolving every symbolic link (of the file and of the folders) with realpath; and it is an
 * existing regular file. Anything else throws a {@link MediaError} saying which check failed.
 */
export async function resolveMediaPath(
  db: Db,
  trackId: number,
  opts: ResolveOptions = {},
): Promise<string> {
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
  return checkLibraryPath(row.path, folders, opts)
}

/** The checks of {@link resolveMediaPath} on a stored path and the library folders. */
export async function checkLibraryPath(
  stored: string,
  folders: readonly string[],
  opts: ResolveOptions = {},
): Promise<string> {
  const ci = opts.caseInsensitive ?? process.platform === 'win32'
  if (stored.includes('\0'))
    throw new MediaError('forbidden', 'The track path contains a NUL character')
  if (!isAbsolute(stored))
    throw new MediaError('forbidden', `The track path "${stored}" is not absolute`)
  if (stored.split(/[\\/]/).includes('..')) {
    throw new MediaError(
      'forbidden',
      `The track path "${stored}" contains "..": refusing to leave the library`,
    )
  }
  if (folders.length === 0) {
    throw new MediaError(
      'forbidden',
      'No library folders are registered: add your music folder before playing files',
    )
  }
  const lexical = resolve(stored)
  if (!folders.some((f) => inside(lexical, resolve(f), ci))) {
    throw new MediaError('forbidden', `"${stored}" is outside your library folders`)
  }
  let real: string
  try {
    real = await realpath(lexical)
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code
    if (code === 'ENOENT' || code === 'ENOTDIR') {
      throw new MediaError('missing', `The file "${stored}" no longer exists: rescan the library`)
    }
    if (code === 'ELOOP')
      throw new MediaError('forbidden', `"${stored}" is a loop of symbolic links`)
    throw new MediaError(
      'forbidden',
      `"${stored}" cannot be read (${code ?? (e as Error).message})`,
    )
  }
  const realFolders: string[] = []
  for (const f of folders) {
    try {
      realFolders.push(await realpath(resolve(f)))
    } catch {
      // A folder that is gone cannot contain the file.
    }
  }
  if (!realFolders.some((f) => inside(real, f, ci))) {
    throw new MediaError(
      'forbidden',
      `"${stored}" leads (through a symbolic link) to "${real}", outside your library folders`,
    )
  }
  const info = await stat(real).catch(() => null)
  if (!info)
    throw new MediaError('missing', `The file "${stored}" no longer exists: rescan the library`)
  if (!info.isFile()) throw new MediaError('not-a-file', `"${stored}" is not a regular file`)
  return real
}

/**
 * True when `child` is `parent` or below it; a path on another drive or root never is. `paths`
 * is the path flavour (default the platform's; tests pass `path.win32`).
 */
export function inside(
  child: string,
  parent: string,
  caseInsensitive = false,
  paths: typeof path.posix = path,
): boolean {
  const c = caseInsensitive ? child.toLowerCase() : child
  const p = caseInsensitive ? parent.toLowerCase() : parent
  const rel = paths.relative(p, c)
  if (rel === '') return true
  if (paths.isAbsolute(rel)) return false
  return rel !== '..' && !rel.startsWith(`..${paths.sep}`) && !rel.startsWith('../')
}
