// `segue bench train`: Song2Vec training throughput on a Yes-format dataset (see docs/CLI.md).
import { cleanPlaylists, loadYesDataset } from '../catalog/yes'
import { prepareTraining, train } from './trainer'
import type { Song2VecParams } from './types'

/** What to train for the benchmark. */
export interface BenchTrainOptions {
  /** A Yes-format directory (train.txt, song_hash.txt, …). */
  dataset: string
  algo: Song2VecParams['algo']
  dim: number
  window: number
  negative: number
  epochs: number
  threads: number
  seed: number
}

/** The contract's output: `words_per_sec` = occurrences × epochs / seconds of training alone. */
export interface BenchTrainResult {
  occurrences: number
  epochs: number
  seconds: number
  words_per_sec: number
  final_loss: number
}

/**
 * Trains on every playlist of the dataset after eval's cleaning (songs with an unknown title or
 * artist dropped, then playlists under 2 songs), keys = song ids. Vocabulary, tables and the kernel
 * are ready before the clock starts; the clock covers the threads' whole run.
 */
export async function benchTrain(opts: BenchTrainOptions): Promise<BenchTrainResult> {
  const dataset = await loadYesDataset(opts.dataset)
  const corpus = cleanPlaylists(dataset).map((p) => p.map(String))
  const params: Partial<Song2VecParams> = {
    algo: opts.algo,
    dim: opts.dim,
    window: opts.window,
    negative: opts.negative,
    epochs: opts.epochs,
    threads: opts.threads,
    seed: opts.seed,
  }
  // Warm-up: compiles the kernel and (from source) bundles the worker, costs the run never has.
  await train(corpus.slice(0, 16), { ...params, epochs: 1 })
  const prepared = await prepareTraining(corpus, params)
  const started = performance.now()
  const model = await prepared.run()
  const seconds = (performance.now() - started) / 1000
  return {
    occurrences: prepared.occurrences,
    epochs: opts.epochs,
    seconds,
    words_per_sec: (prepared.occurrences * opts.epochs) / seconds,
    final_loss: model.lossHistory.at(-1) ?? NaN,
  }
}
