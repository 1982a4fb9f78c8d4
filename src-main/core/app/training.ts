// The training job: research (and user) playlists -> Song2Vec -> a complete model folder with its ONNX graph -> the model in use.
import { join } from 'node:path'
import type { ModelInfo } from '../../../src-shared/contract'
import type { JobContext } from '../jobs/runner'
import { ModelRegistry, ONNX_FILE, type ModelRecord } from '../models/registry'
import { exportOnnx, writeOnnx } from '../onnx/export'
import { saveModel } from '../song2vec/model-files'
import { SERVED_PARAMS, SERVED_SONG2VEC } from '../recommend/defaults'
import { train } from '../song2vec/trainer'
import type { PlaylistCorpus } from '../song2vec/types'

export interface TrainingSettings {
  epochs: number
  algo: 'cbow' | 'sg'
  dim: number
  threads: number
}

/** Trains and writes a complete model folder (not yet in use); throws on failure or cancel, leaving the current model alone. */
export async function runTraining(
  corpus: PlaylistCorpus,
  settings: TrainingSettings,
  registry: ModelRegistry,
  ctx: JobContext,
): Promise<ModelRecord> {
  let lastEpoch = 0
  // The served recipe (chosen by measurement in recommend/defaults.ts), with the user's epochs, size and threads.
  const model = await train(
    corpus,
    { ...SERVED_SONG2VEC, ...settings },
    {
      signal: ctx.signal,
      onProgress: (p) => {
        if (p.loss !== undefined && p.epoch > lastEpoch) {
          lastEpoch = p.epoch
          ctx.addLoss(p.loss)
        }
        ctx.report(
          (0.95 * p.processed) / Math.max(1, p.total),
          `Epoch ${Math.min(p.epoch + 1, p.epochs)} of ${p.epochs} · ${Math.round(p.wordsPerSec).toLocaleString('en')} songs/s`,
          {
            epoch: p.epoch,
            epochs: p.epochs,
            wordsPerSec: p.wordsPerSec,
            etaSeconds: p.etaSeconds,
            ...(p.loss !== undefined ? { loss: p.loss } : {}),
          },
        )
      },
    },
  )
  ctx.signal.throwIfAborted()
  ctx.report(0.96, 'Saving the model…')
  const created = new Date()
  const id = registry.newId(created)
  const dir = registry.dirOf(id)
  await saveModel(dir, model)
  ctx.report(0.98, 'Exporting to ONNX…')
  writeOnnx(join(dir, ONNX_FILE), exportOnnx({ ...model, id }, { heads: SERVED_PARAMS.heads }))
  const info: ModelInfo = {
    id,
    created: created.toISOString(),
    algo: model.params.algo,
    dim: model.dim,
    epochs: model.params.epochs,
    songs: model.vocab.length,
    playlists: corpus.length,
    lossHistory: model.lossHistory,
  }
  return registry.complete(info)
}
