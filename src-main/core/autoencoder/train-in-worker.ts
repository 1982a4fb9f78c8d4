// Trains the autoencoder in a worker thread (its URL is resolved here, beside the worker, as the built app requires).
import { runWorkerTask, type WorkerTaskOptions } from '../jobs/worker-task'
import type { AutoencoderParams, AutoencoderProgress } from './types'

/** The song embeddings a worker training returns. */
export interface AutoencoderEmbeddings {
  input: Float32Array
  dim: number
  params: AutoencoderParams
  lossHistory: number[]
}

/** `playlists` are rows of song indices `0..nSongs-1`; songs become the autoencoder's rows. */
export function trainAutoencoderInWorker(
  playlists: number[][],
  nSongs: number,
  params: Partial<AutoencoderParams>,
  opts: WorkerTaskOptions<AutoencoderProgress> = {},
): Promise<AutoencoderEmbeddings> {
  return runWorkerTask<AutoencoderEmbeddings, AutoencoderProgress>(
    new URL('./autoencoder-train.worker.js', import.meta.url),
    { playlists, nSongs, params },
    { label: 'The autoencoder training', ...opts },
  )
}
