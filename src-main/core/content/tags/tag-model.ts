// Learns tags → unit song vector (ridge or a one-hidden-layer MLP), choosing the model and penalty by validation cosine.
import { createRng } from '../../util/random'
import { fitRegression, shuffle } from '../nn/fit'
import { Mlp } from '../nn/mlp'
import { restore, snapshot } from '../nn/param'
import { applyLinear, ridgeStats, solveRidge, type LinearMap } from './ridge'
import { tagMatrix, tagRow, tagVocabulary } from './tag-features'

/** One training example: a song's tags and its collaborative (Song2Vec) vector. */
export interface TagExample {
  tags: readonly string[]
  /** The song's vector; normalised to unit length before fitting. */
  vector: ArrayLike<number>
}

/** Which regressor: one of the two, or 'auto' to measure both and keep the better. */
export type TagModelKind = 'ridge' | 'mlp' | 'auto'

/** Options of {@link fitTagModel}. */
export interface TagFitOptions {
  /** 'ridge', 'mlp' or 'auto' (default 'auto'). */
  kind?: TagModelKind
  /** Tag vocabulary (default: every tag of the examples, in first-seen order). */
  tagNames?: readonly string[]
  /** Ridge penalties tried on the validation split (default 0.3, 1, 3, 10, 30). */
  lambdas?: readonly number[]
  /** Hidden units of the MLP (default 128). */
  hidden?: number
  /** Maximum MLP epochs; the best validation epoch is kept (default 40). */
  epochs?: number
  /** MLP step size (default 3e-4). */
  lr?: number
  /** MLP minibatch (default 64). */
  batch?: number
  /** MLP decoupled weight decay (default 0.1). */
  weightDecay?: number
  /** Fraction of the examples held out to choose penalty, epochs and model (default 0.1). */
  validationFraction?: number
  /** Seed of the split, the MLP's initialisation and shuffles (default 1). */
  seed?: number
  signal?: AbortSignal
  /** Progress messages. */
  onProgress?: (message: string) => void
}

/** A fitted tag model as plain data. */
export type TagModel =
  | { kind: 'ridge'; tagNames: string[]; dim: number; lambda: number; map: LinearMap }
  | {
      kind: 'mlp'
      tagNames: string[]
      dim: number
      hidden: number
      epochs: number
      weights: Record<string, Float32Array>
    }

/** Validation figures of the candidates (mean cosine of prediction to the true unit vector). */
export interface TagFitReport {
  examples: number
  validation: number
  /** Best ridge penalty and its validation cosine. */
  ridge?: { lambda: number; cosine: number }
  /** Best MLP epoch and its validation cosine. */
  mlp?: { epochs: number; cosine: number }
  /** The mean training vector's cosine (the "predict the average song" floor). */
  meanVectorCosine: number
  chosen: 'ridge' | 'mlp'
}

/** Fits on every example after choosing hyper-parameters (and, for 'auto', the model) on a validation split. */
export function fitTagModel(
  examples: readonly TagExample[],
  opts: TagFitOptions = {},
): { model: TagModel; report: TagFitReport } {
  const kind = opts.kind ?? 'auto'
  if (kind !== 'ridge' && kind !== 'mlp' && kind !== 'auto')
    throw new Error(`Unknown tag model '${String(kind)}': use ridge, mlp or auto`)
  const vocab = tagVocabulary(opts.tagNames ?? examples.flatMap((e) => e.tags))
  const p = vocab.names.length
  if (p === 0) throw new Error('No tags to learn from: the examples carry no tags')
  const { x, known } = tagMatrix(
    vocab,
    examples.map((e) => e.tags),
  )
  const usable = examples.map((_, i) => i).filter((i) => known[i])
  if (usable.length < 10)
    throw new Error(
      `Only ${usable.length} examples have known tags and a vector: at least 10 are needed`,
    )
  const dim = examples[usable[0]].vector.length
  const y = new Float32Array(examples.length * dim)
  for (const i of usable) {
    const v = examples[i].vector
    if (v.length !== dim)
      throw new Error(`Example ${i} has a ${v.length}-d vector, expected ${dim}`)
    let ss = 0
    for (let d = 0; d < dim; d++) ss += v[d] * v[d]
    const inv = ss > 0 ? 1 / Math.sqrt(ss) : 0
    for (let d = 0; d < dim; d++) y[i * dim + d] = v[d] * inv
  }
  const seed = opts.seed ?? 1
  const rng = createRng(seed)
  const order = shuffle([...usable], rng)
  const nVal = Math.max(1, Math.round(order.length * (opts.validationFraction ?? 0.1)))
  const valIdx = order.slice(0, nVal)
  const trainIdx = order.slice(nVal)
  const report: TagFitReport = {
    examples: usable.length,
    validation: nVal,
    meanVectorCosine: meanVectorCosine(y, dim, trainIdx, valIdx),
    chosen: 'ridge',
  }

  let ridgeChoice: { lambda: number; cosine: number } | undefined
  if (kind !== 'mlp') {
    const stats = ridgeStats(x, p, y, dim, trainIdx)
    for (const lambda of opts.lambdas ?? [0.3, 1, 3, 10, 30]) {
      opts.signal?.throwIfAborted()
      const map = solveRidge(stats, lambda)
      const cosine = meanCosine(
        (i) => applyLinear(map, x.subarray(i * p, (i + 1) * p)),
        y,
        dim,
        valIdx,
      )
      if (!ridgeChoice || cosine > ridgeChoice.cosine) ridgeChoice = { lambda, cosine }
    }
    report.ridge = ridgeChoice
    opts.onProgress?.(
      `ridge: λ = ${ridgeChoice!.lambda}, validation cosine ${ridgeChoice!.cosine.toFixed(4)}`,
    )
  }
  const hidden = opts.hidden ?? 128
  const mlpOpts = {
    epochs: opts.epochs ?? 40,
    batch: opts.batch ?? 64,
    lr: opts.lr ?? 3e-4,
    weightDecay: opts.weightDecay ?? 0.1,
    seed,
    signal: opts.signal,
  }
  let mlpChoice:
    { epochs: number; cosine: number; weights: Record<string, Float32Array> } | undefined
  if (kind !== 'ridge') {
    const net = new Mlp({ inSize: p, hidden, outSize: dim }, seed)
    const row = (i: number): Float32Array => x.subarray(i * p, (i + 1) * p)
    const target = (i: number): Float32Array => y.subarray(i * dim, (i + 1) * dim)
    // Indices into `all`: validation examples are the first nVal.
    const all = [...valIdx, ...trainIdx]
    let bestCos = -Infinity
    let bestEpoch = 1
    let bestWeights = snapshot(net.params)
    fitRegression(
      net,
      all.length,
      (j) => row(all[j]),
      (j) => target(all[j]),
      {
        ...mlpOpts,
        validation: Array.from({ length: nVal }, (_, j) => j),
        onEpoch: (e) => {
          const cosine = meanCosine((i) => net.forward(row(i)), y, dim, valIdx)
          opts.onProgress?.(
            `mlp: epoch ${e.epoch}/${e.epochs}, validation cosine ${cosine.toFixed(4)}`,
          )
          if (cosine > bestCos) {
            bestCos = cosine
            bestEpoch = e.epoch
            bestWeights = snapshot(net.params)
          }
          // Stop once the cosine has not improved for 5 epochs.
          return e.epoch - bestEpoch < 5
        },
      },
    )
    mlpChoice = { epochs: bestEpoch, cosine: bestCos, weights: bestWeights }
    report.mlp = { epochs: bestEpoch, cosine: bestCos }
  }

  const chosen: 'ridge' | 'mlp' =
    kind === 'auto' ? (mlpChoice!.cosine > ridgeChoice!.cosine ? 'mlp' : 'ridge') : kind
  report.chosen = chosen
  // Refit the winner on every usable example with the chosen penalty / epoch count.
  let model: TagModel
  if (chosen === 'ridge') {
    const lambda = ridgeChoice!.lambda
    model = {
      kind: 'ridge',
      tagNames: vocab.names,
      dim,
      lambda,
      map: solveRidge(ridgeStats(x, p, y, dim, usable), lambda),
    }
  } else {
    const net = new Mlp({ inSize: p, hidden, outSize: dim }, seed)
    fitRegression(
      net,
      usable.length,
      (j) => x.subarray(usable[j] * p, (usable[j] + 1) * p),
      (j) => y.subarray(usable[j] * dim, (usable[j] + 1) * dim),
      {
        ...mlpOpts,
        epochs: mlpChoice!.epochs,
      },
    )
    model = {
      kind: 'mlp',
      tagNames: vocab.names,
      dim,
      hidden,
      epochs: mlpChoice!.epochs,
      weights: snapshot(net.params),
    }
  }
  return { model, report }
}

/** A predictor for many songs from one fitted model (builds the network once). */
export function tagPredictor(
  model: TagModel,
): (tags: readonly string[]) => Float32Array | undefined {
  const vocab = tagVocabulary(model.tagNames)
  const row = new Float32Array(vocab.names.length)
  let net: Mlp | undefined
  if (model.kind === 'mlp') {
    net = new Mlp({ inSize: vocab.names.length, hidden: model.hidden, outSize: model.dim }, 0)
    restore(net.params, model.weights)
  }
  return (tags) => {
    if (!tagRow(vocab, tags, row)) return undefined
    const out =
      model.kind === 'ridge' ? applyLinear(model.map, row) : Float32Array.from(net!.forward(row))
    return unit(out)
  }
}

function unit(v: Float32Array): Float32Array {
  let ss = 0
  for (let d = 0; d < v.length; d++) ss += v[d] * v[d]
  if (ss > 0) {
    const inv = 1 / Math.sqrt(ss)
    for (let d = 0; d < v.length; d++) v[d] *= inv
  }
  return v
}

/** Mean cosine between `predict(i)` and the unit target row i over `idx`. */
export function meanCosine(
  predict: (i: number) => ArrayLike<number>,
  y: Float32Array,
  dim: number,
  idx: readonly number[],
): number {
  let sum = 0
  for (const i of idx) sum += cosine(predict(i), y, i * dim, dim)
  return idx.length > 0 ? sum / idx.length : 0
}

function cosine(a: ArrayLike<number>, y: Float32Array, at: number, dim: number): number {
  let dot = 0
  let na = 0
  let nb = 0
  for (let d = 0; d < dim; d++) {
    dot += a[d] * y[at + d]
    na += a[d] * a[d]
    nb += y[at + d] * y[at + d]
  }
  return na > 0 && nb > 0 ? dot / Math.sqrt(na * nb) : 0
}

function meanVectorCosine(
  y: Float32Array,
  dim: number,
  trainIdx: readonly number[],
  valIdx: readonly number[],
): number {
  const mean = new Float64Array(dim)
  for (const i of trainIdx) for (let d = 0; d < dim; d++) mean[d] += y[i * dim + d]
  return meanCosine(() => mean, y, dim, valIdx)
}
