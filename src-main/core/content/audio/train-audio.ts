// Trains an audio model in a worker thread, so the event loop stays free; progress per epoch, cancellable.
import { startWorker } from '../../jobs/worker'
import type { EpochReport } from '../nn/fit'
import type { AudioExample, AudioFitOptions, AudioFitReport, AudioModel } from './audio-model'
import { abortError, fromWire, type WireError } from './worker-errors'

/** Options of {@link trainAudioModel}: the fit's options plus progress and cancellation. */
export interface TrainAudioOptions extends Omit<AudioFitOptions, 'signal' | 'onEpoch'> {
  /** Aborting stops the worker at once; the promise rejects with an AbortError. */
  signal?: AbortSignal
  /** Called after each epoch. */
  onProgress?: (e: EpochReport) => void
}

type Reply =
  | { type: 'epoch'; epoch: EpochReport }
  | { type: 'done'; result: { model: AudioModel; report: AudioFitReport } }
  | { type: 'error'; error: WireError }

/** Fits {@link fitAudioModel} in a worker thread and resolves with the trained model and its report. */
export function trainAudioModel(
  examples: readonly AudioExample[],
  opts: TrainAudioOptions = {},
): Promise<{ model: AudioModel; report: AudioFitReport }> {
  const { signal, onProgress, ...options } = opts
  if (signal?.aborted) return Promise.reject(abortError())
  return new Promise((resolve, reject) => {
    const worker = startWorker(new URL('./audio-train.worker.js', import.meta.url), {
      workerData: { examples, options },
    })
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
    worker.on('message', (msg: Reply) => {
      if (msg.type === 'epoch') onProgress?.(msg.epoch)
      else if (msg.type === 'done') finish(() => resolve(msg.result))
      else finish(() => reject(fromWire(msg.error)))
    })
    worker.on('error', (err) => finish(() => reject(err)))
    worker.on('exit', (code) =>
      finish(() =>
        reject(new Error(`The audio training worker stopped unexpectedly (exit code ${code})`)),
      ),
    )
  })
}
