// Trains the song vectors of the kind the user chose (Song2Vec, ALS or the autoencoder) with live progress, and saves them.
import type { ModelKind } from '../../../src-shared/contract'
import { trainAls } from '../als/train'
import { trainAutoencoderInWorker } from '../autoencoder/train-in-worker'
import type { AutoencoderParams } from '../autoencoder/types'
import type { JobContext } from '../jobs/runner'
import { saveVectors, type SongVectors } from '../models/embedding-files'
import { SERVED_SONG2VEC } from '../recommend/defaults'
import { saveModel } from '../song2vec/model-files'
import { train } from '../song2vec/trainer'
import type { PlaylistCorpus } from '../song2vec/types'
import { buildVocab, type Vocab } from '../song2vec/vocab'

export interface TrainingSettings {
  kind: ModelKind
  /** Song2Vec epochs; for ALS (sweeps) and the autoencoder only when `epochsGiven`. */
  epochs: number
  /** The epochs were asked for, not defaulted (ALS and the autoencoder keep their own defaults otherwise). */
  epochsGiven?: boolean
  algo: 'cbow' | 'sg'
  dim: number
  threads: number
}

/** Learnt vectors and how to write them into a model folder. */
export interface TrainedVectors {
  vectors: SongVectors
  save(dir: string): Promise<void>
}

/** Share of the job's progress bar the training itself takes (the rest: placing, saving, ONNX). */
const SHARE = 0.85

export async function trainVectors(
  corpus: PlaylistCorpus,
  settings: TrainingSettings,
  ctx: JobContext,
): Promise<TrainedVectors> {
  if (settings.kind === 'als') return trainAlsVectors(corpus, settings, ctx)
  if (settings.kind === 'autoencoder') return trainAutoencoderVectors(corpus, settings, ctx)
  return trainSong2Vec(corpus, settings, ctx)
}

async function trainSong2Vec(
  corpus: PlaylistCorpus,
  settings: TrainingSettings,
  ctx: JobContext,
): Promise<TrainedVectors> {
  let lastEpoch = 0
  // The served recipe (chosen by measurement in recommend/defaults.ts), with the user's epochs, size and threads.
  const { epochs, algo, dim, threads } = settings
  const model = await train(
    corpus,
    { ...SERVED_SONG2VEC, epochs, algo, dim, threads },
    {
      signal: ctx.signal,
      onProgress: (p) => {
        if (p.loss !== undefined && p.epoch > lastEpoch) {
          lastEpoch = p.epoch
          ctx.addLoss(p.loss)
        }
        ctx.report(
          (SHARE * p.processed) / Math.max(1, p.total),
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
  return {
    vectors: {
      kind: 'song2vec',
      algo: model.params.algo,
      vocab: model.vocab,
      counts: model.counts,
      dim: model.dim,
      input: model.input,
      output: model.output,
      epochs: model.params.epochs,
      lossHistory: model.lossHistory,
      params: { ...model.params },
    },
    save: (dir) => saveModel(dir, model),
  }
}

/** Playlists as rows of a frequency-ordered vocabulary (every song kept). */
function indexCorpus(corpus: PlaylistCorpus) {
  const vocab = buildVocab(corpus, 1)
  const rows = corpus.map((p) => p.map((k) => vocab.index.get(k)!))
  return { vocab, rows }
}

async function trainAlsVectors(
  corpus: PlaylistCorpus,
  settings: TrainingSettings,
  ctx: JobContext,
): Promise<TrainedVectors> {
  const { vocab, rows } = indexCorpus(corpus)
  const started = performance.now()
  const model = await trainAls(
    { rows, nItems: vocab.words.length, keys: vocab.words },
    {
      threads: settings.threads,
      computeLoss: true,
      ...(settings.epochsGiven ? { iterations: settings.epochs } : {}),
    },
    {
      signal: ctx.signal,
      onProgress: (p) => {
        if (p.loss !== undefined) ctx.addLoss(p.loss)
        const secs = (performance.now() - started) / 1000
        ctx.report(
          (SHARE * p.iteration) / p.iterations,
          `ALS sweep ${p.iteration} of ${p.iterations}`,
          {
            epoch: p.iteration,
            epochs: p.iterations,
            etaSeconds: (secs / p.iteration) * (p.iterations - p.iteration),
            ...(p.loss !== undefined ? { loss: p.loss } : {}),
          },
        )
      },
    },
  )
  return savable('als', vocab, model, model.params.iterations, { ...model.params })
}

async function trainAutoencoderVectors(
  corpus: PlaylistCorpus,
  settings: TrainingSettings,
  ctx: JobContext,
): Promise<TrainedVectors> {
  const { vocab, rows } = indexCorpus(corpus)
  const params: Partial<AutoencoderParams> = settings.epochsGiven ? { epochs: settings.epochs } : {}
  const result = await trainAutoencoderInWorker(rows, vocab.words.length, params, {
    signal: ctx.signal,
    onProgress: (p) => {
      ctx.addLoss(p.loss)
      ctx.report((SHARE * p.epoch) / p.epochs, `Autoencoder epoch ${p.epoch} of ${p.epochs}`, {
        epoch: p.epoch,
        epochs: p.epochs,
        loss: p.loss,
        etaSeconds: (p.seconds / Math.max(1, p.epoch)) * (p.epochs - p.epoch),
      })
    },
  })
  return savable('autoencoder', vocab, result, result.params.epochs, { ...result.params })
}

/** ALS or autoencoder vectors over the corpus vocabulary, saved in the embedding format. */
function savable(
  kind: 'als' | 'autoencoder',
  vocab: Vocab,
  m: { dim: number; input: Float32Array; lossHistory: number[] },
  epochs: number,
  params: Record<string, unknown>,
): TrainedVectors {
  const vectors: SongVectors = {
    kind,
    algo: kind,
    vocab: vocab.words,
    counts: vocab.counts,
    dim: m.dim,
    input: m.input,
    epochs,
    lossHistory: m.lossHistory,
    params,
  }
  return { vectors, save: (dir) => saveVectors(dir, vectors) }
}
