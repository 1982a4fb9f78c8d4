// Optional watch mode: rescans the music folders (incrementally, debounced) when files in them change.
import { watch, type FSWatcher } from 'node:fs'
import type { Db } from '../store/db'
import { scanFolders, type ScanOptions, type ScanSummary } from './scan'

/** How to watch. */
export interface WatchOptions {
  /** Quiet time after the last change before a rescan starts; default 2000 ms. */
  debounceMs?: number
  /** Receives each rescan's summary. */
  onScan?: (summary: ScanSummary) => void
  /** Receives watcher and scan errors (watching goes on where it can). */
  onError?: (error: Error) => void
  /** Passed to every rescan (progress, concurrency…); its signal is replaced by the watcher's own. */
  scan?: Omit<ScanOptions, 'signal'>
}

/** A running watcher. */
export interface LibraryWatcher {
  /** Stops watching and cancels a rescan in progress. */
  close(): void
}

/**
 * Watches `folders` recursively (`fs.watch`, recursive on Linux, macOS and Windows) and runs one
 * incremental `scanFolders` after each burst of changes; changes during a rescan queue one more.
 */
export function watchLibrary(
  db: Db,
  folders: string[],
  options: WatchOptions = {},
): LibraryWatcher {
  const debounceMs = options.debounceMs ?? 2000
  const controller = new AbortController()
  const watchers: FSWatcher[] = []
  let timer: NodeJS.Timeout | undefined
  let running = false
  let again = false
  const report = (e: unknown) => options.onError?.(e instanceof Error ? e : new Error(String(e)))

  const rescan = async (): Promise<void> => {
    if (controller.signal.aborted) return
    if (running) {
      again = true
      return
    }
    running = true
    try {
      const summary = await scanFolders(db, folders, { ...options.scan, signal: controller.signal })
      options.onScan?.(summary)
    } catch (e) {
      if (!controller.signal.aborted) report(e)
    } finally {
      running = false
    }
    if (again && !controller.signal.aborted) {
      again = false
      schedule()
    }
  }
  const schedule = () => {
    if (controller.signal.aborted) return
    clearTimeout(timer)
    timer = setTimeout(() => void rescan(), debounceMs)
  }

  for (const folder of folders) {
    try {
      const w = watch(folder, { recursive: true }, () => schedule())
      w.on('error', (e) => report(new Error(`Watching ${folder} stopped: ${e.message}`)))
      watchers.push(w)
    } catch (e) {
      report(
        new Error(`Cannot watch ${folder}: ${(e as Error).message} — rescan it by hand instead`),
      )
    }
  }
  return {
    close() {
      controller.abort()
      clearTimeout(timer)
      for (const w of watchers) w.close()
    },
  }
}
