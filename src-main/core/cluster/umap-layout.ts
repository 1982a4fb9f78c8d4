// UMAP's layout optimisation: SGD on the fuzzy graph's edges with negative sampling, in 2-D.
import type { Rng } from '../util/random'
import { throwIfAborted } from './abort'
import type { FuzzyGraph } from './fuzzy-graph'
import type { CurveParams } from './umap-curve'

/** Parameters of {@link optimizeLayout}. */
export interface LayoutOptions {
  /** Passes; an edge of weight w is sampled w / max w times per pass. */
  epochs: number
  /** Repulsive samples per attractive one. */
  negativeRate: number
  /** Initial learning rate, decayed linearly to 0. */
  learningRate: number
  curve: CurveParams
  signal?: AbortSignal
  /** Called after each epoch. */
  onEpoch?: (epoch: number, epochs: number) => void
}

const CLIP = 4
/** The repulsion kernel is tabulated per 1/TABLE_STEPS of distance up to TABLE_MAX. */
const TABLE_STEPS = 64
const TABLE_MAX = 64
const TABLE_SIZE = TABLE_STEPS * TABLE_MAX + 1

/**
 * 1 / (1 + a·t^2b) at t = i / TABLE_STEPS. Linear interpolation in it is within 2e-4 of the exact
 * kernel and several times faster than Math.pow, which dominates the negative samples otherwise.
 */
function kernelTable(a: number, b: number): Float64Array {
  const table = new Float64Array(TABLE_SIZE)
  for (let i = 0; i < TABLE_SIZE; i++) table[i] = 1 / (1 + a * Math.pow(i / TABLE_STEPS, 2 * b))
  return table
}

/**
 * Moves the `n × 2` coordinates `y` in place (McInnes et al.'s optimize_layout_euclidean):
 * each sampled edge pulls its ends together with gradient −2ab·d^(2b−2) / (1 + a·d^2b), and each
 * negative sample pushes the head from a random row with 2b / ((0.001 + d²)(1 + a·d^2b)) (none
 * when the two coincide; the kernel read from a table); every gradient is clipped to ±4. Deterministic for a given rng state.
 */
export function optimizeLayout(
  y: Float32Array,
  n: number,
  graph: FuzzyGraph,
  rng: Rng,
  opts: LayoutOptions,
): void {
  const { head, tail, weight } = graph
  const { epochs, negativeRate, learningRate } = opts
  const { a, b } = opts.curve
  let maxW = 0
  for (let e = 0; e < weight.length; e++) if (weight[e] > maxW) maxW = weight[e]
  // Keep edges sampled at least once over the run.
  const keep: number[] = []
  for (let e = 0; e < weight.length; e++) if (weight[e] >= maxW / epochs) keep.push(e)
  const m = keep.length
  const eh = new Int32Array(m)
  const et = new Int32Array(m)
  const every = new Float64Array(m)
  const nextPos = new Float64Array(m)
  const everyNeg = new Float64Array(m)
  const nextNeg = new Float64Array(m)
  for (let x = 0; x < m; x++) {
    const e = keep[x]
    eh[x] = head[e]
    et[x] = tail[e]
    every[x] = maxW / weight[e]
    nextPos[x] = every[x]
    everyNeg[x] = every[x] / negativeRate
    nextNeg[x] = everyNeg[x]
  }
  const twoAB = 2 * a * b
  const twoB = 2 * b
  const kernel = kernelTable(a, b)
  for (let epoch = 0; epoch < epochs; epoch++) {
    throwIfAborted(opts.signal)
    const alpha = learningRate * (1 - epoch / epochs)
    for (let x = 0; x < m; x++) {
      if (nextPos[x] > epoch) continue
      const j = eh[x] * 2
      const k = et[x] * 2
      let dx = y[j] - y[k]
      let dy = y[j + 1] - y[k + 1]
      let d2 = dx * dx + dy * dy
      if (d2 > 0) {
        const pb = Math.pow(d2, b)
        const g = (-twoAB * pb) / d2 / (1 + a * pb)
        const gx = clip(g * dx) * alpha
        const gy = clip(g * dy) * alpha
        y[j] += gx
        y[j + 1] += gy
        y[k] -= gx
        y[k + 1] -= gy
      }
      nextPos[x] += every[x]
      const negs = Math.floor((epoch - nextNeg[x]) / everyNeg[x])
      for (let p = 0; p < negs; p++) {
        const r = ((rng.nextU32() * n) / 4294967296) | 0
        const o = r * 2
        if (o === j) continue
        dx = y[j] - y[o]
        dy = y[j + 1] - y[o + 1]
        d2 = dx * dx + dy * dy
        if (!(d2 > 0)) continue
        const t = Math.sqrt(d2) * TABLE_STEPS
        let q: number
        if (t < TABLE_SIZE - 1) {
          const at = t | 0
          q = kernel[at] + (t - at) * (kernel[at + 1] - kernel[at])
        } else q = 1 / (1 + a * Math.pow(d2, b))
        const g = (twoB * q) / (0.001 + d2)
        y[j] += clip(g * dx) * alpha
        y[j + 1] += clip(g * dy) * alpha
      }
      nextNeg[x] += negs * everyNeg[x]
    }
    opts.onEpoch?.(epoch + 1, epochs)
  }
}

function clip(v: number): number {
  return v > CLIP ? CLIP : v < -CLIP ? -CLIP : v
}
