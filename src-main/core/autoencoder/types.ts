// The shapes of the song autoencoder (Kuchaiev & Ginsburg 2017): sparse input, parameters, trained model.
import type { Dense, OutputLayer } from './layers'

/** Songs × columns as a binary sparse matrix: each song lists the columns (playlists, tags) that are 1. */
export interface SongColumns {
  /** Per song, its distinct column indices `0..nCols-1` (order irrelevant). */
  rows: readonly (readonly number[])[]
  /** Number of columns. */
  nCols: number
  /** Key of each song (becomes the model's vocabulary); default: the decimal index. */
  keys?: readonly string[]
}

/** Training parameters of {@link trainAutoencoder}. */
export interface AutoencoderParams {
  /** Encoder layer sizes after the input; the last one is the embedding (bottleneck) size. */
  encoder: number[]
  /** Decoder hidden sizes between the bottleneck and the linear output layer (the input's width). */
  decoder: number[]
  /** Probability of dropping each bottleneck unit during training (0 = none). */
  dropout: number
  /** Probability of dropping each non-zero input during training, so it must be reconstructed (0 = none). */
  inputDropout: number
  /**
   * Weight of the plain MSE over every cell (mean over songs × columns, zeros included) added to the
   * masked MSE (mean over the non-zero cells): without it the decoder may predict 1 everywhere.
   */
  zeroWeight: number
  /** Passes over the songs. */
  epochs: number
  /** Songs per gradient step. */
  batchSize: number
  /** Adam step size. */
  learningRate: number
  /** L2 penalty on the weights, added to the gradient (input-layer rows only when they get a gradient); 0 = none. */
  weightDecay: number
  /** Seed of the initialisation, the song order and the dropout masks. */
  seed: number
}

/** Progress reported after every epoch. */
export interface AutoencoderProgress {
  epoch: number
  epochs: number
  /** Mean training loss of that epoch (masked MSE + zeroWeight · plain MSE). */
  loss: number
  /** Its masked-MSE part. */
  maskedMse: number
  /** Its plain-MSE part (before weighting). */
  plainMse: number
  /** Wall seconds since training started. */
  seconds: number
}

/** Options of {@link trainAutoencoder} that are not model parameters. */
export interface AutoencoderRunOptions {
  /** Stops training between batches; the promise rejects with an AbortError. */
  signal?: AbortSignal
  onProgress?: (p: AutoencoderProgress) => void
}

/**
 * A trained autoencoder. `vocab`/`dim`/`input`/`output` make its bottleneck usable wherever
 * Song2Vec vectors are (similar songs, clusters, ONNX export): both are the song embeddings.
 */
export interface AutoencoderModel {
  /** Song keys, index = row of the embeddings. */
  vocab: string[]
  /** Embedding (bottleneck) size. */
  dim: number
  /** Song embeddings (the encoder's output, no dropout), row-major `vocab.length × dim`. */
  input: Float32Array
  /** The same array as `input`. */
  output: Float32Array
  /** Width of the input (and of the reconstruction). */
  nCols: number
  /** Encoder layers, input first; every one is followed by SELU. */
  encoder: Dense[]
  /** Decoder hidden layers (each followed by SELU). */
  decoder: Dense[]
  /** The linear output layer. */
  outputLayer: OutputLayer
  /** Songs whose input row is not empty (the others all share one embedding). */
  hasInput: Uint8Array
  /** The parameters used (defaults filled in). */
  params: AutoencoderParams
  /** Mean loss of each epoch. */
  lossHistory: number[]
}

/**
 * The defaults of every parameter, chosen on yes_big's eval split (AHR@25 of the `autoencoder`
 * recommender): a 128-wide bottleneck, and a 64-wide last decoder layer, which sets the cost of
 * the exact all-cells term (O(columns·64²) per batch).
 */
export const DEFAULT_AUTOENCODER_PARAMS: AutoencoderParams = {
  encoder: [256, 128],
  decoder: [64],
  dropout: 0.1,
  inputDropout: 0,
  zeroWeight: 20,
  epochs: 10,
  batchSize: 256,
  learningRate: 0.01,
  weightDecay: 0,
  seed: 1,
}
