// Worker thread that trains the song autoencoder for the app (pure JS layers: seconds to minutes of CPU) and returns the embeddings.
import { serveWorkerTask } from '../jobs/worker-task'
import { songColumns } from './columns'
import { trainAutoencoder } from './train'
import type { AutoencoderEmbeddings } from './train-in-worker'
import type { AutoencoderParams, AutoencoderProgress } from './types'

interface Task {
  playlists: number[][]
  nSongs: number
  params: Partial<AutoencoderParams>
}

void serveWorkerTask<Task, AutoencoderEmbeddings, AutoencoderProgress>(
  async ({ playlists, nSongs, params }, progress) => {
    const model = await trainAutoencoder(songColumns(playlists, nSongs), params, {
      onProgress: progress,
    })
    return {
      input: model.input,
      dim: model.dim,
      params: model.params,
      lossHistory: model.lossHistory,
    }
  },
  (r) => [r.input.buffer as ArrayBuffer],
)
