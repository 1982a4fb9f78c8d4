// Walks music folders for audio and playlist files, turning every unreadable corner (loops, permissions, bad names) into a failure.
import type { Dirent } from 'node:fs'
import { readdir, realpath, stat } from 'node:fs/promises'
import { extname, join, resolve } from 'node:path'
import { AUDIO_EXTENSIONS } from './extensions'
import { describeFsError, escapeName, type ScanFailure } from './scan-failure'

/** An audio file found by the walk. */
export interface WalkedFile {
  /** Absolute path. */
  path: string
  /** Size in bytes. */
  size: number
  /** Modification time in milliseconds. */
  mtime: number
}

/** What a walk found. */
export interface WalkResult {
  /** Audio files, in a stable order (folders depth-first, names sorted). */
  audio: WalkedFile[]
  /** Files with one of `playlistExtensions`. */
  playlists: string[]
  failures: ScanFailure[]
  /**
   * Folders whose contents are unknown this time (unreadable, missing roots, skipped): tracks under
   * them must not be treated as deleted.
   */
  unknownDirs: string[]
  /** Files that exist but could not be examined (kept in the library as they were). */
  unknownFiles: string[]
}

/** Walk settings. */
export interface WalkOptions {
  /** Lower-case extensions (with dot) to collect as playlist files. */
  playlistExtensions?: ReadonlySet<string>
  /** Stops the walk (the promise rejects with the signal's reason). */
  signal?: AbortSignal
  /** Called when the walk enters a folder, with the number of audio files found so far. */
  onFolder?: (folder: string, audioFound: number) => void
  /**
   * Every registered library folder (default: the roots). A symbolic link whose target lies
   * outside all of them is not indexed (the player would refuse it): it becomes a failure.
   * Playlist files are read wherever their link leads (they are never served).
   */
  libraryFolders?: readonly string[]
}

const STAT_CONCURRENCY = 64
const utf8 = new TextDecoder('utf-8', { fatal: true })

/** Walks each root (following symbolic links, visiting each real folder once). */
export async function walkFolders(roots: string[], options: WalkOptions = {}): Promise<WalkResult> {
  const out: WalkResult = {
    audio: [],
    playlists: [],
    failures: [],
    unknownDirs: [],
    unknownFiles: [],
  }
  const visited = new Map<string, string>() // real path -> first path it was seen under
  const playlistExt = options.playlistExtensions ?? new Set<string>()
  const realLibrary: string[] = []
  for (const f of options.libraryFolders ?? roots) {
    try {
      realLibrary.push(await realpath(resolve(f)))
    } catch {
      // A folder that is gone contains nothing.
    }
  }
  const inLibrary = (real: string) => realLibrary.some((f) => real === f || isInside(real, f))
  const outside = (path: string, real: string) => ({
    path,
    reason: `leads (through a symbolic link) to ${real}, outside your library folders — not indexed`,
  })

  for (const rootArg of roots) {
    const root = resolve(rootArg)
    let real: string
    try {
      const st = await stat(root)
      if (!st.isDirectory()) {
        out.failures.push({ path: root, reason: 'not a folder — add the folder that contains it' })
        continue
      }
      real = await realpath(root)
    } catch (e) {
      out.failures.push({ path: root, reason: `cannot open the folder: ${describeFsError(e)}` })
      out.unknownDirs.push(root)
      continue
    }
    const stack: { dir: string; real: string }[] = [{ dir: root, real }]
    while (stack.length > 0) {
      options.signal?.throwIfAborted()
      const { dir, real: dirReal } = stack.pop()!
      const seenAs = visited.get(dirReal)
      if (seenAs !== undefined) {
        const loop = isInside(dir, seenAs) || dir === seenAs
        out.failures.push({
          path: dir,
          reason: loop
            ? `symbolic link loop: leads back to ${seenAs} — skipped`
            : `same folder as ${seenAs} (through a symbolic link) — scanned once`,
        })
        continue
      }
      visited.set(dirReal, dir)
      options.onFolder?.(dir, out.audio.length)
      let entries: Dirent<Buffer>[]
      try {
        entries = await readdir(dir, { withFileTypes: true, encoding: 'buffer' })
      } catch (e) {
        out.failures.push({ path: dir, reason: `cannot list the folder: ${describeFsError(e)}` })
        out.unknownDirs.push(dir)
        continue
      }
      const named: { name: string; dirent: Dirent<Buffer> }[] = []
      for (const d of entries) {
        let name: string
        try {
          name = utf8.decode(d.name)
        } catch {
          const shown = join(dir, escapeName(d.name))
          out.failures.push({
            path: shown,
            reason:
              'the name is not valid UTF-8 — rename it (e.g. `convmv -f latin1 -t utf8`) so it can be indexed',
          })
          // The file exists but cannot be named: nothing under this exact name is in the library anyway.
          continue
        }
        named.push({ name, dirent: d })
      }
      named.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
      const subdirs: { dir: string; real: string }[] = []
      const files: { path: string; ext: string; link: boolean }[] = []
      for (const { name, dirent } of named) {
        const path = join(dir, name)
        if (dirent.isDirectory()) subdirs.push({ dir: path, real: join(dirReal, name) })
        else if (dirent.isSymbolicLink())
          files.push({ path, ext: extname(name).toLowerCase(), link: true })
        else if (dirent.isFile()) {
          const ext = extname(name).toLowerCase()
          if (AUDIO_EXTENSIONS.has(ext)) files.push({ path, ext, link: false })
          else if (playlistExt.has(ext)) out.playlists.push(path)
        }
      }
      for (let i = 0; i < files.length; i += STAT_CONCURRENCY) {
        const slice = files.slice(i, i + STAT_CONCURRENCY)
        const stats = await Promise.all(
          slice.map((f) =>
            stat(f.path).then(
              (s) => s,
              (e: unknown) => e as Error,
            ),
          ),
        )
        for (let j = 0; j < slice.length; j++) {
          const f = slice[j]
          const st = stats[j]
          if (st instanceof Error) {
            out.failures.push({ path: f.path, reason: describeFsError(st) })
            if ((st as NodeJS.ErrnoException).code !== 'ENOENT') out.unknownFiles.push(f.path)
            continue
          }
          if (st.isDirectory() && f.link) {
            try {
              const real = await realpath(f.path)
              if (inLibrary(real)) subdirs.push({ dir: f.path, real })
              else out.failures.push(outside(f.path, real))
            } catch (e) {
              out.failures.push({ path: f.path, reason: describeFsError(e) })
              out.unknownDirs.push(f.path)
            }
            continue
          }
          if (f.link && st.isFile() && AUDIO_EXTENSIONS.has(f.ext)) {
            const real = await realpath(f.path).catch(() => null)
            if (real === null || !inLibrary(real)) {
              out.failures.push(outside(f.path, real ?? '(unresolvable)'))
              continue
            }
          }
          if (st.isFile() && AUDIO_EXTENSIONS.has(f.ext)) {
            out.audio.push({ path: f.path, size: st.size, mtime: st.mtimeMs })
          } else if (st.isFile() && playlistExt.has(f.ext)) {
            out.playlists.push(f.path)
          }
        }
      }
      // Depth-first in name order: push in reverse so the first name is visited first.
      for (let i = subdirs.length - 1; i >= 0; i--) stack.push(subdirs[i])
    }
  }
  return out
}

function isInside(path: string, dir: string): boolean {
  const d = dir.endsWith('/') || dir.endsWith('\\') ? dir : `${dir}/`
  return path.replace(/\\/g, '/').startsWith(d.replace(/\\/g, '/'))
}
