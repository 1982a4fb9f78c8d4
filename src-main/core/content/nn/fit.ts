// Minibatch training of a network by mean squared error with Adam, seeded shuffles and a validation split.
import { createRng } from '../../util/random'
import { Adam } from './adam'
import type { Network } from './network'
import { restore, snapshot, zeroGrads } from './param'

/** Options of {@link fitRegression}. */
export interface FitOptions {
  /** Passes over the training examples. */
  epochs: number
  /** Examples per Adam step. */
  batch: number
  /** Adam step size. */
  lr: number
  /** Decoupled (AdamW) weight decay (default 0). */
  weightDecay?: number
  /** Seed of the shuffles. */
  seed: number
  /** Indices of the validation examples (never trained on); the weights of the best epoch are kept when given. */
  validation?: readonly number[]
  /** Called after each epoch; return false to stop early. */
  onEpoch?: (e: EpochReport) => boolean | void
  /** Checked between minibatches; aborting rejects with the signal's reason. */
  signal?: AbortSignal
}

/** What one epoch reached. */
export interface EpochReport {
  epoch: number
  epochs: number
  /** Mean squared error per output value on the training examples seen this epoch. */
  trainLoss: number
  /** The same on the validation examples (NaN without validation). */
  validationLoss: number
}

/** Result of {@link fitRegression}. */
export interface FitResult {
  /** Per-epoch losses. */
  history: EpochReport[]
  /** 1-based epoch whose weights were kept. */
  bestEpoch: number
}

/**
 * Trains `net` so that `net.forward(input(i)) ≈ target(i)` for the examples `0..n-1` (minus the
 * validation ones): loss = mean over outputs of (y − t)². Synchronous; yields to no one, so run it
 * in a worker thread for anything large.
 */
export function fitRegression<I>(
  net: Network<I>,
  n: number,
  input: (i: number) => I,
  target: (i: number) => ArrayLike<number>,
  opts: FitOptions,
): FitResult {
  const { epochs, batch, seed } = opts
  if (!Number.isInteger(epochs) || epochs < 1)
    throw new Error(`epochs must be a positive integer, got ${epochs}`)
  if (!Number.isInteger(batch) || batch < 1)
    throw new Error(`batch must be a positive integer, got ${batch}`)
  const held = new Set(opts.validation ?? [])
  const trainIdx: number[] = []
  for (let i = 0; i < n; i++) if (!held.has(i)) trainIdx.push(i)
  if (trainIdx.length === 0)
    throw new Error('Nothing to train on: every example is in the validation set')
  const valIdx = [...held]
  const adam = new Adam(net.params, { lr: opts.lr, weightDecay: opts.weightDecay })
  const rng = createRng(seed)
  const dy = new Float32Array(net.outSize)
  const history: EpochReport[] = []
  let best = Infinity
  let bestEpoch = epochs
  let bestWeights: Record<string, Float32Array> | undefined
  zeroGrads(net.params)
  for (let epoch = 1; epoch <= epochs; epoch++) {
    shuffle(trainIdx, rng)
    let sum = 0
    for (let start = 0; start < trainIdx.length; start += batch) {
      opts.signal?.throwIfAborted()
      const end = Math.min(trainIdx.length, start + batch)
      for (let j = start; j < end; j++) {
        const i = trainIdx[j]
        const y = net.forward(input(i))
        sum += squaredError(y, target(i), dy)
        net.backward(dy)
      }
      adam.step(end - start)
    }
    const report: EpochReport = {
      epoch,
      epochs,
      trainLoss: sum / (trainIdx.length * net.outSize),
      validationLoss: valIdx.length > 0 ? meanLoss(net, valIdx, input, target, dy) : NaN,
    }
    history.push(report)
    if (valIdx.length > 0 && report.validationLoss < best) {
      best = report.validationLoss
      bestEpoch = epoch
      bestWeights = snapshot(net.params)
    }
    if (opts.onEpoch?.(report) === false) {
      if (valIdx.length === 0) bestEpoch = epoch
      break
    }
  }
  if (bestWeights) restore(net.params, bestWeights)
  return { history, bestEpoch }
}

/** Mean squared error per output value of `net` on the listed examples. */
export function meanLoss<I>(
  net: Network<I>,
  idx: readonly number[],
  input: (i: number) => I,
  target: (i: number) => ArrayLike<number>,
  scratch = new Float32Array(net.outSize),
): number {
  let sum = 0
  for (const i of idx) sum += squaredError(net.forward(input(i)), target(i), scratch)
  return sum / (idx.length * net.outSize)
}

/** Sum of squared errors; writes dL/dy of the per-value mean loss into `dy`. */
function squaredError(y: Float32Array, t: ArrayLike<number>, dy: Float32Array): number {
  const scale = 2 / y.length
  let s = 0
  for (let d = 0; d < y.length; d++) {
    const e = y[d] - t[d]
    s += e * e
    dy[d] = scale * e
  }
  return s
}

/** Fisher–Yates in place with a seeded source. */
export function shuffle<T>(a: T[], rng: { nextInt(n: number): number }): T[] {
  for (let i = a.length - 1; i > 0; i--) {
    const j = rng.nextInt(i + 1)
    const t = a[i]
    a[i] = a[j]
    a[j] = t
  }
  return a
}
