// One function run to completion in a worker thread: progress messages out, one result or error back, cancel by terminating.
import { parentPort, workerData, type Transferable } from 'node:worker_threads'
import { startWorker } from './worker'

type Message<R, P> =
  | { type: 'progress'; progress: P }
  | { type: 'done'; result: R }
  | { type: 'error'; name: string; message: string }

/** Options of {@link runWorkerTask}. */
export interface WorkerTaskOptions<P> {
  /** Aborting terminates the worker; the promise rejects with an AbortError. */
  signal?: AbortSignal
  onProgress?: (progress: P) => void
  /** What the task is, for the message when its worker dies ("The autoencoder training stopped…"). */
  label?: string
}

/** Starts `entry` (a `*.worker.js` URL, see `startWorker`) with `data` and resolves with what its task returns. */
export function runWorkerTask<R, P = never>(
  entry: URL,
  data: unknown,
  opts: WorkerTaskOptions<P> = {},
): Promise<R> {
  const { signal, onProgress, label = 'A background task' } = opts
  if (signal?.aborted) return Promise.reject(abortError())
  return new Promise<R>((resolve, reject) => {
    const worker = startWorker(entry, { workerData: data })
    let settled = false
    const finish = (fn: () => void): void => {
      if (settled) return
      settled = true
      signal?.removeEventListener('abort', onAbort)
      void worker.terminate()
      fn()
    }
    const onAbort = (): void => finish(() => reject(abortError()))
    signal?.addEventListener('abort', onAbort, { once: true })
    worker.on('message', (msg: Message<R, P>) => {
      if (msg.type === 'progress') onProgress?.(msg.progress)
      else if (msg.type === 'done') finish(() => resolve(msg.result))
      else
        finish(() => {
          const e = new Error(msg.message)
          e.name = msg.name
          reject(e)
        })
    })
    worker.on('error', (err) => finish(() => reject(err)))
    worker.on('exit', (code) =>
      finish(() => reject(new Error(`${label} stopped unexpectedly (worker exit code ${code})`))),
    )
  })
}

/**
 * The worker side: runs `task` on the worker's data, posting progress and then its result
 * (`transfer` lists buffers of the result to move rather than copy).
 */
export async function serveWorkerTask<D, R, P = never>(
  task: (data: D, progress: (p: P) => void) => Promise<R> | R,
  transfer: (result: R) => Transferable[] = () => [],
): Promise<void> {
  const port = parentPort
  if (!port) throw new Error('This module must run as a worker thread')
  try {
    const result = await task(workerData as D, (progress) =>
      port.postMessage({ type: 'progress', progress }),
    )
    port.postMessage({ type: 'done', result }, transfer(result))
  } catch (err) {
    const e = err instanceof Error ? err : new Error(String(err))
    port.postMessage({ type: 'error', name: e.name, message: e.message })
  }
}

function abortError(): Error {
  const e = new Error('The operation was cancelled')
  e.name = 'AbortError'
  return e
}
