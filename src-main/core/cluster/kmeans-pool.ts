// Runs many k-means fits on one data set, in worker threads or (threads = 0) in the calling thread.
import { availableParallelism } from 'node:os'
import type { Worker } from 'node:worker_threads'
import { startWorker } from '../jobs/worker'
import { abortError, throwIfAborted, yieldToEventLoop } from './abort'
import { sphericalKMeansUnit, type KMeansResult } from './kmeans'
import type { UnitRows } from './vectors'
import { fromWireError, type WorkerReply } from './worker-protocol'

/** One fit to run. */
export interface KMeansTask {
  k: number
  seed: number
  restarts: number
  seedTrials?: number
  maxIter?: number
  tol?: number
  /** Starting centroids (`k × dim`) instead of k-means++ seeding. */
  init?: Float32Array
}

/** What a worker receives once: the normalised rows. */
export interface KMeansWorkerData {
  rows: UnitRows
  n: number
  dim: number
}

/** Worker count when the caller does not say: both cores of the reference machine, at most. */
export function defaultThreads(): number {
  return Math.max(1, Math.min(2, availableParallelism()))
}

/** A set of workers (or the calling thread) that fit k-means to the same rows. */
export interface KMeansPool {
  /** Fits one k; rejects with an AbortError once the signal fires. */
  run(task: KMeansTask): Promise<KMeansResult>
  /** Number of fits that can run at once. */
  size: number
  /** Stops the workers; pending fits reject. */
  close(): void
}

export function openKMeansPool(
  rows: UnitRows,
  n: number,
  dim: number,
  threads: number,
  signal?: AbortSignal,
): KMeansPool {
  if (!Number.isInteger(threads) || threads < 0) {
    throw new Error(`threads must be a non-negative integer (0 = calling thread), got ${threads}`)
  }
  return threads === 0
    ? inThreadPool(rows, n, dim, signal)
    : workerPool(rows, n, dim, threads, signal)
}

/** Fits one at a time, each after an event-loop turn so abort and progress handlers can run. */
function inThreadPool(rows: UnitRows, n: number, dim: number, signal?: AbortSignal): KMeansPool {
  let queue: Promise<unknown> = Promise.resolve()
  return {
    size: 1,
    run(task) {
      const fit = queue.then(async () => {
        await yieldToEventLoop()
        throwIfAborted(signal)
        return sphericalKMeansUnit(rows, n, dim, { ...task, signal })
      })
      queue = fit.catch(() => undefined)
      return fit
    },
    close() {},
  }
}

function workerPool(
  rows: UnitRows,
  n: number,
  dim: number,
  threads: number,
  signal?: AbortSignal,
): KMeansPool {
  const data: KMeansWorkerData = { rows, n, dim }
  const idle: Worker[] = []
  const waiting: (() => void)[] = []
  const pending = new Map<
    number,
    { resolve: (r: KMeansResult) => void; reject: (e: Error) => void }
  >()
  let nextId = 0
  let closed = false
  const workers: Worker[] = []
  const fail = (err: Error): void => {
    close()
    for (const p of pending.values()) p.reject(err)
    pending.clear()
  }
  const onAbort = (): void => fail(abortError())
  for (let t = 0; t < threads; t++) {
    const w = startWorker(new URL('./kmeans-fit.worker.js', import.meta.url), { workerData: data })
    w.on('message', (msg: WorkerReply<KMeansResult>) => {
      if (msg.type === 'progress') return
      const p = pending.get(msg.id)
      pending.delete(msg.id)
      release(w)
      if (msg.type === 'error') p?.reject(fromWireError(msg.error))
      else p?.resolve(msg.value)
    })
    w.on('error', (err) => fail(err))
    w.on('exit', (code) => {
      if (!closed) fail(new Error(`k-means worker stopped unexpectedly (exit code ${code})`))
    })
    workers.push(w)
    idle.push(w)
  }
  signal?.addEventListener('abort', onAbort, { once: true })

  function release(w: Worker): void {
    idle.push(w)
    waiting.shift()?.()
  }

  async function acquire(): Promise<Worker | undefined> {
    while (idle.length === 0 && !closed) await new Promise<void>((resolve) => waiting.push(resolve))
    return closed ? undefined : idle.shift()
  }

  function close(): void {
    if (closed) return
    closed = true
    signal?.removeEventListener('abort', onAbort)
    for (const w of workers) void w.terminate()
    for (const wake of waiting.splice(0)) wake()
  }

  return {
    size: threads,
    async run(task) {
      throwIfAborted(signal)
      const w = await acquire()
      if (!w) throw signal?.aborted ? abortError() : new Error('k-means pool is closed')
      const id = nextId++
      return new Promise<KMeansResult>((resolve, reject) => {
        pending.set(id, { resolve, reject })
        w.postMessage({ id, task })
      })
    },
    close,
  }
}
