// Trains Song2Vec on playlists of catalogue ids once per parameter set, and maps catalogue ids to model rows.
import { train as trainSong2Vec } from '../song2vec/trainer'
import type { Song2VecModel, Song2VecParams } from '../song2vec/types'
import { sharedModelKey, type FitContext } from './types'

/** A trained model plus the id mapping between the catalogue and its vocabulary. */
export interface FittedSong2Vec {
  /** The trained model (vocabulary keys are catalogue ids). */
  model: Song2VecModel
  /** Model row of each catalogue song, -1 when the song is not in the vocabulary. */
  rowOf: Int32Array
  /** Catalogue id of each model row. */
  songOf: Int32Array
  /** Wall time of the training alone. */
  trainSeconds: number
}

/**
 * The Song2Vec model of `train` with `params` (catalogue ids become the keys `"0"`, `"1"`, …),
 * trained once per fit context and parameter set: recommenders asking for the same parameters
 * share it.
 */
export function fitSong2Vec(
  train: readonly (readonly number[])[],
  params: Partial<Song2VecParams>,
  ctx: FitContext,
): Promise<FittedSong2Vec> {
  const key = sharedModelKey('song2vec', params)
  return ctx.shared.get(key, async () => {
    const corpus = train.map((p) => p.map(String))
    const started = performance.now()
    const model = await trainSong2Vec(corpus, params, {
      signal: ctx.signal,
      onProgress: (p) =>
        ctx.onProgress?.(
          p.processed / Math.max(1, p.total),
          `Training Song2Vec, epoch ${p.epoch}/${p.epochs}`,
        ),
    })
    const trainSeconds = (performance.now() - started) / 1000
    return { model, ...vocabMapping(model.vocab, ctx.songs.length), trainSeconds }
  })
}

/** Row of each catalogue id (keys are decimal ids) and id of each row. */
export function vocabMapping(
  vocab: readonly string[],
  size: number,
): { rowOf: Int32Array; songOf: Int32Array } {
  const rowOf = new Int32Array(size).fill(-1)
  const songOf = new Int32Array(vocab.length)
  vocab.forEach((key, row) => {
    const id = Number(key)
    if (!Number.isInteger(id) || id < 0 || id >= size)
      throw new Error(`Vocabulary key "${key}" is not a catalogue id (0..${size - 1})`)
    rowOf[id] = row
    songOf[row] = id
  })
  return { rowOf, songOf }
}
