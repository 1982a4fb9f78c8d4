// Trains an audio model (the CNN over mel windows, or the bag-of-features MLP baseline) to predict unit song vectors.
import { createRng } from '../../util/random'
import { fitRegression, shuffle, type EpochReport } from '../nn/fit'
import { Mlp } from '../nn/mlp'
import { restore, snapshot } from '../nn/param'
import { bagOfFeatures } from './bag-of-features'
import {
  AudioCnn,
  defaultCnnShape,
  normalizeInPlace,
  predictTrack,
  type CnnModel,
  type CnnShape,
  type InputNorm,
} from './cnn'

/** A trained bag-of-features regressor as plain data. */
export interface BofModel {
  kind: 'bof'
  mels: number
  hidden: number
  outSize: number
  /** Standardisation of the 2·mels features. */
  norm: InputNorm
  weights: Record<string, Float32Array>
}

/** Either audio model. */
export type AudioModel = CnnModel | BofModel

/** One training track: its mel windows (`[mels][frames]` each) and its collaborative vector. */
export interface AudioExample {
  windows: Float32Array[]
  vector: ArrayLike<number>
}

/** Options of {@link fitAudioModel}. */
export interface AudioFitOptions {
  /** 'cnn' (default) or 'bof' (mean/std of the bands → MLP). */
  kind?: 'cnn' | 'bof'
  /** Mel bands of the windows (default 128). */
  mels?: number
  /** CNN architecture (default {@link defaultCnnShape}). */
  shape?: Omit<CnnShape, 'outSize' | 'mels'>
  /** Hidden units of the bag-of-features MLP (default 128). */
  hidden?: number
  /** Epochs (default 30 for the CNN, 100 for the MLP); the best validation epoch is kept. */
  epochs?: number
  /** Adam step size (default 1e-3). */
  lr?: number
  /** Minibatch (default 16). */
  batch?: number
  /** L2 weight decay (default 1e-4). */
  weightDecay?: number
  /** Fraction of the tracks held out to pick the epoch (default 0.1; 0 trains on all for `epochs`). */
  validationFraction?: number
  seed?: number
  signal?: AbortSignal
  onEpoch?: (e: EpochReport) => void
}

/** What training reached. */
export interface AudioFitReport {
  kind: 'cnn' | 'bof'
  tracks: number
  validationTracks: number
  bestEpoch: number
  history: EpochReport[]
}

/** Trains in the calling thread (workers call this; see `trainAudioModel` for the background version). */
export function fitAudioModel(
  examples: readonly AudioExample[],
  opts: AudioFitOptions = {},
): { model: AudioModel; report: AudioFitReport } {
  const kind = opts.kind ?? 'cnn'
  if (kind !== 'cnn' && kind !== 'bof')
    throw new Error(`Unknown audio model '${String(kind)}': use cnn or bof`)
  if (examples.length < 2)
    throw new Error(`Audio training needs at least 2 tracks with a vector, got ${examples.length}`)
  const mels = opts.mels ?? 128
  const dim = examples[0].vector.length
  const targets = examples.map((e, i) => {
    if (e.vector?.length !== dim)
      throw new Error(`Track ${i} has a ${e.vector?.length}-d vector, expected ${dim}`)
    if (!Array.isArray(e.windows) || e.windows.length === 0)
      throw new Error(`Track ${i} has no mel window: analyse it with keepWindows first`)
    return normalizeInPlace(Float32Array.from(e.vector))
  })
  const seed = opts.seed ?? 1
  const order = shuffle(
    examples.map((_, i) => i),
    createRng(seed ^ 0x2545f491),
  )
  const nVal = Math.round(examples.length * (opts.validationFraction ?? 0.1))
  const valTracks = new Set(order.slice(0, nVal))
  const common = {
    lr: opts.lr ?? 1e-3,
    batch: opts.batch ?? 16,
    weightDecay: opts.weightDecay ?? 1e-4,
    seed,
    signal: opts.signal,
    onEpoch: opts.onEpoch,
  }
  if (kind === 'bof') {
    const feats = examples.map((e) => bagOfFeatures(e.windows, mels))
    const norm = standardisation(feats, 2 * mels, order.slice(nVal))
    const x = feats.map((f) => applyNorm(f, norm))
    const hidden = opts.hidden ?? 128
    const net = new Mlp({ inSize: 2 * mels, hidden, outSize: dim }, seed)
    const fit = fitRegression(
      net,
      x.length,
      (i) => x[i],
      (i) => targets[i],
      {
        ...common,
        epochs: opts.epochs ?? 100,
        validation: [...valTracks],
      },
    )
    return {
      model: { kind: 'bof', mels, hidden, outSize: dim, norm, weights: snapshot(net.params) },
      report: {
        kind,
        tracks: examples.length,
        validationTracks: nVal,
        bestEpoch: fit.bestEpoch,
        history: fit.history,
      },
    }
  }
  // CNN: every window is an example with its track's target; validation by track.
  const windows: Float32Array[] = []
  const owner: number[] = []
  examples.forEach((e, i) => e.windows.forEach((w) => (windows.push(w), owner.push(i))))
  const shape: CnnShape = { ...defaultCnnShape(dim, mels), ...opts.shape, mels, outSize: dim }
  const trainWindows = windows.map((_, j) => j).filter((j) => !valTracks.has(owner[j]))
  const net = new AudioCnn(shape, seed, bandStandardisation(windows, mels, trainWindows))
  const fit = fitRegression(
    net,
    windows.length,
    (j) => windows[j],
    (j) => targets[owner[j]],
    {
      ...common,
      epochs: opts.epochs ?? 30,
      validation: windows.map((_, j) => j).filter((j) => valTracks.has(owner[j])),
    },
  )
  return {
    model: net.toModel(),
    report: {
      kind,
      tracks: examples.length,
      validationTracks: nVal,
      bestEpoch: fit.bestEpoch,
      history: fit.history,
    },
  }
}

/** Predicts unit vectors for tracks from their mel windows with either model. */
export function audioPredictor(
  model: AudioModel,
): (windows: readonly Float32Array[]) => Float32Array {
  if (model.kind === 'cnn') {
    const net = AudioCnn.fromModel(model)
    return (windows) => predictTrack(net, windows)
  }
  const net = new Mlp({ inSize: 2 * model.mels, hidden: model.hidden, outSize: model.outSize }, 0)
  restore(net.params, model.weights)
  return (windows) =>
    normalizeInPlace(
      Float32Array.from(net.forward(applyNorm(bagOfFeatures(windows, model.mels), model.norm))),
    )
}

/** Per-band mean and 1/std of the listed windows' frames. */
function bandStandardisation(
  windows: readonly Float32Array[],
  mels: number,
  idx: readonly number[],
): InputNorm {
  const mean = new Float64Array(mels)
  const ss = new Float64Array(mels)
  let n = 0
  for (const j of idx) {
    const w = windows[j]
    const frames = w.length / mels
    for (let m = 0; m < mels; m++) {
      for (let t = 0; t < frames; t++) {
        const v = w[m * frames + t]
        mean[m] += v
        ss[m] += v * v
      }
    }
    n += frames
  }
  return finishNorm(mean, ss, n)
}

function standardisation(
  rows: readonly Float32Array[],
  size: number,
  idx: readonly number[],
): InputNorm {
  const mean = new Float64Array(size)
  const ss = new Float64Array(size)
  for (const i of idx) {
    for (let k = 0; k < size; k++) {
      mean[k] += rows[i][k]
      ss[k] += rows[i][k] ** 2
    }
  }
  return finishNorm(mean, ss, idx.length)
}

function finishNorm(sum: Float64Array, ss: Float64Array, n: number): InputNorm {
  const mean = new Float32Array(sum.length)
  const scale = new Float32Array(sum.length)
  for (let k = 0; k < sum.length; k++) {
    const m = n > 0 ? sum[k] / n : 0
    const variance = n > 0 ? ss[k] / n - m * m : 0
    mean[k] = m
    scale[k] = variance > 1e-12 ? 1 / Math.sqrt(variance) : 1
  }
  return { mean, scale }
}

function applyNorm(x: Float32Array, norm: InputNorm): Float32Array {
  const out = new Float32Array(x.length)
  for (let k = 0; k < x.length; k++) out[k] = (x[k] - norm.mean[k]) * norm.scale[k]
  return out
}
