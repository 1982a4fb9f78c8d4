// Analyses a music library in the background: worker threads, progress, cancellation, and resuming by skipping done ids.
import { availableParallelism } from 'node:os'
import type { Worker } from 'node:worker_threads'
import { startWorker } from '../../jobs/worker'
import type { AnalyzeOptions, TrackAnalysis } from './analyze-track'
import { abortError, fromWire, type WireError } from './worker-errors'

/** A file to analyse. */
export interface LibraryTrack {
  /** The caller's stable id (e.g. the track's database id). */
  id: string
  /** Absolute path of the audio file. */
  path: string
}

/** Progress of a run. */
export interface AnalyzeProgress {
  /** Tracks finished in this run (analysed or failed). */
  done: number
  /** Tracks this run has to do (skipped ones excluded). */
  total: number
  /** Tracks skipped because they were already analysed. */
  skipped: number
  failed: number
  tracksPerSec: number
}

/** Options of {@link analyzeLibrary}. */
export interface AnalyzeLibraryOptions extends AnalyzeOptions {
  /** Ids already analysed in an earlier run: skipped, so an interrupted run resumes. */
  skip?: Iterable<string>
  /** Worker threads (default: min(2, cores)). */
  threads?: number
  /** Aborting stops the workers; the promise rejects with an AbortError (results already delivered stay delivered). */
  signal?: AbortSignal
  /** Each result as soon as it is ready (persist it here to make the run resumable). */
  onTrack?: (result: TrackAnalysis) => void
  /** At most every 250 ms and at the end. */
  onProgress?: (p: AnalyzeProgress) => void
}

/** What a finished run did. */
export interface AnalyzeSummary {
  analysed: number
  skipped: number
  /** Files that could not be analysed, with the reason. */
  failed: { id: string; path: string; error: string }[]
  seconds: number
}

type Reply =
  | { type: 'result'; id: string; result: TrackAnalysis }
  | { type: 'error'; id: string; error: WireError }

/** Analyses every track not in `skip`, `threads` at a time, off the main thread. */
export function analyzeLibrary(
  tracks: readonly LibraryTrack[],
  opts: AnalyzeLibraryOptions = {},
): Promise<AnalyzeSummary> {
  const { signal, onTrack, onProgress } = opts
  if (signal?.aborted) return Promise.reject(abortError())
  const skip = new Set(opts.skip ?? [])
  const todo = tracks.filter((t) => !skip.has(t.id))
  const skipped = tracks.length - todo.length
  const threads = opts.threads ?? Math.max(1, Math.min(2, availableParallelism()))
  if (!Number.isInteger(threads) || threads < 1)
    throw new Error(`threads must be a positive integer, got ${threads}`)
  const started = performance.now()
  const summary: AnalyzeSummary = { analysed: 0, skipped, failed: [], seconds: 0 }
  if (todo.length === 0) {
    onProgress?.({ done: 0, total: 0, skipped, failed: 0, tracksPerSec: 0 })
    return Promise.resolve(summary)
  }
  const workerData: AnalyzeOptions = {
    windows: opts.windows,
    model: opts.model,
    keepWindows: opts.keepWindows,
  }
  return new Promise((resolve, reject) => {
    const workers: Worker[] = []
    const inFlight = new Map<Worker, LibraryTrack>()
    let next = 0
    let done = 0
    let lastReport = 0
    let settled = false
    const progress = (force: boolean): void => {
      const now = performance.now()
      if (!onProgress || (!force && now - lastReport < 250)) return
      lastReport = now
      const secs = (now - started) / 1000
      onProgress({
        done,
        total: todo.length,
        skipped,
        failed: summary.failed.length,
        tracksPerSec: secs > 0 ? done / secs : 0,
      })
    }
    const finish = (err?: Error): void => {
      if (settled) return
      settled = true
      signal?.removeEventListener('abort', onAbort)
      // Each worker is asked to stop first, so it kills a running ffmpeg; terminated if it does not.
      for (const w of workers) {
        const kill = setTimeout(() => void w.terminate(), 1000)
        w.once('exit', () => clearTimeout(kill))
        w.postMessage({ type: 'abort' })
      }
      summary.seconds = (performance.now() - started) / 1000
      if (err) reject(err)
      else {
        progress(true)
        resolve(summary)
      }
    }
    const onAbort = (): void => finish(abortError())
    signal?.addEventListener('abort', onAbort, { once: true })
    const feed = (w: Worker): void => {
      if (next >= todo.length) {
        inFlight.delete(w)
        if (inFlight.size === 0) finish()
        return
      }
      const t = todo[next++]
      inFlight.set(w, t)
      w.postMessage({ id: t.id, path: t.path })
    }
    for (let i = 0; i < Math.min(threads, todo.length); i++) {
      const w = startWorker(new URL('./content-analyze.worker.js', import.meta.url), { workerData })
      workers.push(w)
      w.on('message', (msg: Reply) => {
        if (settled) return
        const track = inFlight.get(w)
        done++
        if (msg.type === 'result') {
          summary.analysed++
          try {
            onTrack?.(msg.result)
          } catch (e) {
            finish(e as Error)
            return
          }
        } else {
          summary.failed.push({
            id: msg.id,
            path: track?.path ?? '',
            error: fromWire(msg.error).message,
          })
        }
        progress(false)
        feed(w)
      })
      w.on('error', (err) => finish(err))
      w.on('exit', (code) => {
        if (!settled)
          finish(new Error(`An audio analysis worker stopped unexpectedly (exit code ${code})`))
      })
      feed(w)
    }
  })
}
