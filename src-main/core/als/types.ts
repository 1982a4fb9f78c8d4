// The shapes of implicit-feedback matrix factorisation (WMF trained by ALS): input matrix, parameters, model.

/** Playlists × songs as lists of song indices; a song listed k times in a row counts k. */
export interface AlsMatrix {
  /** One entry per playlist (user): the indices `0..nItems-1` of its songs, repeats allowed. */
  rows: readonly (readonly number[])[]
  /** Number of items (songs): the width of the matrix. */
  nItems: number
  /** Key of each item (becomes the model's vocabulary); default: the decimal index. */
  keys?: readonly string[]
}

/** Training parameters of {@link trainAls}. */
export interface AlsParams {
  /** Latent factors per playlist and per song. */
  factors: number
  /** Alternating sweeps (each solves every playlist, then every song). */
  iterations: number
  /** L2 regularisation λ of both factor matrices. */
  lambda: number
  /** Confidence scale α in c = 1 + α·log(1 + count/ε). */
  alpha: number
  /** Count scale ε in c = 1 + α·log(1 + count/ε). */
  epsilon: number
  /** Seed of the random initialisation of the song factors. */
  seed: number
  /** Worker threads; 0 = the calling thread. Any count gives bit-identical factors. */
  threads: number
  /** Compute the full objective after every sweep (costs about one extra half-sweep's Gram). */
  computeLoss: boolean
}

/** Progress reported after every sweep. */
export interface AlsProgress {
  /** Sweeps done (1-based after the first one). */
  iteration: number
  iterations: number
  /** Objective after this sweep, when `computeLoss` is set. */
  loss?: number
  /** Wall seconds since training started. */
  seconds: number
}

/** Options of {@link trainAls} that are not parameters of the model. */
export interface AlsRunOptions {
  /** Stops training; the promise rejects with an AbortError. */
  signal?: AbortSignal
  onProgress?: (p: AlsProgress) => void
  /** Song factors to start from (`nItems × factors`), instead of the seeded random draw. */
  initialItemFactors?: Float32Array
}

/**
 * A trained factorisation. `vocab`/`dim`/`input`/`output` make it usable wherever Song2Vec vectors
 * are (similar songs, clusters, ONNX export): `input` and `output` are both the song factors.
 */
export interface AlsModel {
  /** Song keys, index = row of the song factors. */
  vocab: string[]
  /** Number of factors. */
  dim: number
  /** Song factors, row-major `vocab.length × dim`. */
  input: Float32Array
  /** The same array as `input` (a cosine head reads `input`; an output head gets the same). */
  output: Float32Array
  /** Playlist factors, row-major `nUsers × dim`. */
  userFactors: Float32Array
  /** Number of playlists (rows of the training matrix). */
  nUsers: number
  /** The parameters used (defaults filled in). */
  params: AlsParams
  /** Objective after each sweep (empty unless `computeLoss`). */
  lossHistory: number[]
}

/** The defaults of every parameter. */
export const DEFAULT_ALS_PARAMS: AlsParams = {
  factors: 64,
  iterations: 15,
  lambda: 0.1,
  alpha: 40,
  epsilon: 1,
  seed: 1,
  threads: 2,
  computeLoss: false,
}
