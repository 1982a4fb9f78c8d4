// "Open with Segue" for playlist files: which command-line arguments (or macOS open-file paths) are playlists to import, and a queue that imports them once the core is ready and no other import runs.
import { statSync } from 'node:fs'
import { extname, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'

/** The playlist types the installers associate with Segue (electron-builder.yml fileAssociations). */
export const ASSOCIATED_EXTENSIONS = ['.m3u', '.m3u8', '.pls', '.xspf']

/** `arg` as a path: desktop entries launched with %U pass file:// URLs; other URLs are not files. */
function asPath(arg: string, cwd: string): string | null {
  if (/^file:\/\//i.test(arg)) {
    try {
      return fileURLToPath(arg)
    } catch {
      return null
    }
  }
  if (/^[a-z][a-z0-9+.-]+:\/\//i.test(arg)) return null
  return resolve(cwd, arg)
}

/**
 * The existing files with an associated extension among `args` (a process's argv without the
 * executable, or a second instance's argv), resolved against `cwd`. Options (`--x`), other URLs and
 * other paths are ignored, so Chromium's switches and Electron's own arguments never import anything.
 */
export function playlistPaths(args: readonly string[], cwd: string): string[] {
  const found: string[] = []
  for (const arg of args) {
    if (arg.startsWith('-')) continue
    const path = asPath(arg, cwd)
    if (!path || !ASSOCIATED_EXTENSIONS.includes(extname(path).toLowerCase())) continue
    try {
      if (statSync(path).isFile() && !found.includes(path)) found.push(path)
    } catch {
      // Not there (a stale association): nothing to import.
    }
  }
  return found
}

/**
 * Collects opened playlist files and hands them to `startImport` in one batch when it can: after
 * `ready()`, and again whenever `flush()` is called (an import job finished) while some wait.
 * `startImport` throws when another import is running; the paths then stay queued.
 */
export class OpenFilesQueue {
  private pending: string[] = []
  private isReady = false

  constructor(private readonly startImport: (paths: string[]) => void) {}

  /** Paths waiting for an import. */
  get waiting(): readonly string[] {
    return this.pending
  }

  add(paths: readonly string[]): void {
    for (const p of paths) if (!this.pending.includes(p)) this.pending.push(p)
    this.flush()
  }

  ready(): void {
    this.isReady = true
    this.flush()
  }

  /** Starts an import of everything waiting; true when one started. */
  flush(): boolean {
    if (!this.isReady || this.pending.length === 0) return false
    const batch = this.pending
    try {
      this.startImport(batch)
    } catch {
      return false
    }
    this.pending = this.pending.filter((p) => !batch.includes(p))
    return true
  }
}
