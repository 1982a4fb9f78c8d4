// Runs the training threads: losses and progress gathered, all of them stopped on completion, abort or failure.
import type { Worker } from 'node:worker_threads'
import { startWorker } from '../jobs/worker'
import type { Layout } from './layout'
import type { TrainOptions } from './trainer'
import type { WasmMemory } from './wasm-api'
import type { TrainWorkerData, TrainWorkerMessage } from './worker-protocol'

const PROGRESS_MS = 250

let liveWorkers = 0

/** Training threads currently running in this process (0 once every `train` has settled). */
export function liveTrainingWorkers(): number {
  return liveWorkers
}

/** Runs one worker per job until all finish; returns the mean loss of each epoch. */
export function runWorkers(
  jobs: TrainWorkerData[],
  memory: WasmMemory,
  layout: Layout,
  total: number,
  opts: TrainOptions,
): Promise<number[]> {
  const { signal, onProgress } = opts
  const epochs = jobs[0].epochs
  const counter = new BigInt64Array(memory.buffer, layout.counter, 1)
  const sums = new Float64Array(epochs)
  const counts = new Float64Array(epochs)
  const done = new Float64Array(epochs)
  const perEpoch = total / epochs
  const lossHistory: number[] = []
  const started = performance.now()
  const workers: Worker[] = []
  const finished = new Set<number>()
  let settled = false

  return new Promise<number[]>((resolve, reject) => {
    const progress = (): void => {
      if (!onProgress || settled) return
      const processed = Number(Atomics.load(counter, 0))
      const seconds = (performance.now() - started) / 1000
      const wordsPerSec = seconds > 0 ? processed / seconds : 0
      try {
        onProgress({
          epoch: lossHistory.length,
          epochs,
          processed,
          total,
          wordsPerSec,
          etaSeconds: wordsPerSec > 0 ? (total - processed) / wordsPerSec : 0,
          loss: lossHistory.at(-1),
        })
      } catch (e) {
        void finish(e instanceof Error ? e : new Error(String(e)))
      }
    }
    const timer = setInterval(progress, PROGRESS_MS)
    const finish = async (error?: Error): Promise<void> => {
      if (settled) return
      settled = true
      clearInterval(timer)
      signal?.removeEventListener('abort', onAbort)
      await Promise.all(workers.map((w) => w.terminate()))
      if (error) reject(error)
      else resolve(lossHistory)
    }
    const onAbort = (): void => void finish(abortError())
    signal?.addEventListener('abort', onAbort, { once: true })

    const onMessage = (t: number, m: TrainWorkerMessage): void => {
      if (settled) return
      if (m.type === 'epoch') {
        sums[m.epoch] += m.lossSum
        counts[m.epoch] += m.lossCount
        done[m.epoch] += m.words
        // Epochs complete in order once every occurrence of theirs is done, whichever thread did it.
        while (lossHistory.length < epochs && done[lossHistory.length] === perEpoch) {
          const e = lossHistory.length
          lossHistory.push(counts[e] > 0 ? sums[e] / counts[e] : 0)
          progress()
        }
      } else {
        finished.add(t)
        if (finished.size === jobs.length) void finish()
      }
    }

    try {
      for (const job of jobs) {
        const worker = startWorker(new URL('./song2vec-train.worker.js', import.meta.url), {
          workerData: job,
        })
        liveWorkers++
        workers.push(worker)
        const t = job.thread
        worker.on('message', (m: TrainWorkerMessage) => onMessage(t, m))
        worker.on('error', (e: Error) => {
          void finish(
            new Error(`Song2Vec training failed in thread ${t}: ${e.name}: ${e.message}`, {
              cause: e,
            }),
          )
        })
        worker.on('messageerror', (e: Error) => {
          void finish(
            new Error(`Song2Vec training thread ${t} sent an unreadable message: ${e.message}`),
          )
        })
        worker.on('exit', (code) => {
          liveWorkers--
          if (!settled && !finished.has(t)) {
            void finish(
              new Error(`Song2Vec training thread ${t} stopped unexpectedly (exit code ${code})`),
            )
          }
        })
      }
    } catch (e) {
      void finish(e instanceof Error ? e : new Error(String(e)))
    }
  })
}

/** The error `train` rejects with when its signal aborts (name 'AbortError', like fetch's). */
export function abortError(): Error {
  const e = new Error('Song2Vec training was cancelled')
  e.name = 'AbortError'
  return e
}
