// Trains an audio model in a worker thread, so the event loop stays free; progress per epoch, cancellable.
import { runWorkerTask } from '../../jobs/worker-task'
import type { EpochReport } from '../nn/fit'
import type { AudioExample, AudioFitOptions, AudioFitReport, AudioModel } from './audio-model'

/** Options of {@link trainAudioModel}: the fit's options plus progress and cancellation. */
export interface TrainAudioOptions extends Omit<AudioFitOptions, 'signal' | 'onEpoch'> {
  /** Aborting stops the worker at once; the promise rejects with an AbortError. */
  signal?: AbortSignal
  /** Called after each epoch. */
  onProgress?: (e: EpochReport) => void
}

/** Fits {@link fitAudioModel} in a worker thread and resolves with the trained model and its report. */
export function trainAudioModel(
  examples: readonly AudioExample[],
  opts: TrainAudioOptions = {},
): Promise<{ model: AudioModel; report: AudioFitReport }> {
  const { signal, onProgress, ...options } = opts
  return runWorkerTask(
    new URL('./audio-train.worker.js', import.meta.url),
    { examples, options },
    { signal, onProgress, label: 'The audio training' },
  )
}
