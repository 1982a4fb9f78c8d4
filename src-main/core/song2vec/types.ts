// The shapes every Song2Vec consumer shares: training parameters, the corpus and a trained model.

/** Training parameters (gensim names where one exists). */
export interface Song2VecParams {
  /** 'cbow' (mean of the context predicts the song; the seed recipe) or 'sg' (skip-gram). */
  algo: 'cbow' | 'sg'
  /** Vector dimensionality. */
  dim: number
  /** Maximum context radius; the effective radius is drawn uniformly in 1..window per position. */
  window: number
  /** Negative samples per positive example. */
  negative: number
  /** Exponent of the unigram distribution the negatives are drawn from (may be negative). */
  nsExponent: number
  /** Subsampling threshold for frequent songs (0 disables). */
  sample: number
  /** Initial learning rate. */
  alpha: number
  /** Final learning rate, reached linearly at the end of the run. */
  minAlpha: number
  /** Songs seen fewer times are dropped from the vocabulary. */
  minCount: number
  /** Passes over the corpus. */
  epochs: number
  /** Seed of every random draw (initialisation, negatives, window shrink, subsampling). */
  seed: number
  /** Worker threads; 1 is exactly reproducible for a given seed. */
  threads: number
}

/** Playlists as sequences of song keys. */
export type PlaylistCorpus = readonly (readonly string[])[]

/** A trained model: vocabulary plus both weight matrices, row-major, `vocab.length × dim`. */
export interface Song2VecModel {
  /** Song keys, index = row. */
  vocab: string[]
  /** Occurrences of each song in the training corpus (summed over incremental runs). */
  counts: Uint32Array
  /** Vector dimensionality. */
  dim: number
  /** Input ("syn0") vectors: what a song is. */
  input: Float32Array
  /** Output ("syn1neg") vectors: what a context predicts. */
  output: Float32Array
  /** The parameters it was trained with (for incremental training, those of the last run). */
  params: Song2VecParams
  /**
   * Mean loss per epoch: −log σ(positive score) − Σ log σ(−negative score), averaged per positive
   * example (per song in CBOW, per song pair in skip-gram); incremental runs append theirs.
   */
  lossHistory: number[]
}

/** Progress reported after each epoch (and periodically within one). */
export interface TrainProgress {
  /** Epochs completed by every thread (0 until the first is done; `epochs` at the end). */
  epoch: number
  /** Epochs in the run. */
  epochs: number
  /** Song occurrences processed so far (all epochs, before subsampling). */
  processed: number
  /** Occurrences the whole run processes: epochs × corpus occurrences. */
  total: number
  /** processed / seconds since the threads started. */
  wordsPerSec: number
  /** Seconds left at the current speed. */
  etaSeconds: number
  /** Mean loss of the last completed epoch, if any. */
  loss?: number
}
