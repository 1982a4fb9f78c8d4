// Which of the paths named to `segue import` gave nothing, and why: the command exits 1 when any did.
import type { ImportReport } from '../../src-shared/contract'

/** A path that imported nothing, with the reason to print. */
export interface FailedPath {
  path: string
  reason: string
}

/**
 * The named paths that imported nothing: a playlist file that could not be read or held no entry,
 * a listening history that could not be read or held no listen,
 * a folder that could not be opened. A folder scanned with some unreadable tracks is not one.
 */
export function failedImportPaths(paths: readonly string[], report: ImportReport): FailedPath[] {
  const failed: FailedPath[] = []
  for (const p of report.playlists) {
    if (p.errors.length > 0) failed.push({ path: p.file, reason: p.errors.join('; ') })
    else if (p.entries === 0) failed.push({ path: p.file, reason: 'the playlist has no entries' })
  }
  for (const h of report.histories ?? []) {
    if (h.listens + h.tallies + h.feedback > 0) continue
    failed.push({
      path: h.file,
      reason: h.errors.length > 0 ? h.errors.join('; ') : 'the history holds no listens',
    })
  }
  const named = new Set(paths)
  for (const folder of report.folders)
    for (const f of folder.failures)
      if (named.has(f.path) && !failed.some((x) => x.path === f.path))
        failed.push({ path: f.path, reason: f.reason })
  return failed
}
