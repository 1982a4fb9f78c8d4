// Dense layers on Float32Array batches: the sparse input layer, the hidden layers, and their gradients.
import type { Rng } from '../util/random'
import { gemmABt, transposeInto } from './gemm'

/** A fully connected layer y = x·W + b with W stored `inSize × outSize` row-major (ONNX MatMul layout). */
export interface Dense {
  inSize: number
  outSize: number
  /** Row i holds the weights from input i to every output. */
  weight: Float32Array
  bias: Float32Array
}

/** The reconstruction layer, stored one row per output column (`size × inSize`) so single columns are cheap. */
export interface OutputLayer {
  /** Number of outputs (the input's width). */
  size: number
  /** Width of the last hidden layer. */
  inSize: number
  /** Row j holds the weights of output j. */
  weight: Float32Array
  bias: Float32Array
}

/** A standard normal draw (Box–Muller on the seeded source). */
export function gaussian(rng: Rng): number {
  return Math.sqrt(-2 * Math.log(1 - rng.next())) * Math.cos(2 * Math.PI * rng.next())
}

/** A layer with N(0, std²) weights and zero biases. */
export function initDense(inSize: number, outSize: number, std: number, rng: Rng): Dense {
  const weight = new Float32Array(inSize * outSize)
  for (let i = 0; i < weight.length; i++) weight[i] = std * gaussian(rng)
  return { inSize, outSize, weight, bias: new Float32Array(outSize) }
}

/** `out[s] = Σ_{c ∈ cols[s]} scale·W[c] + b` for a batch of sparse binary rows. */
export function sparseForward(
  layer: Dense,
  cols: readonly (readonly number[])[],
  scale: number,
  out: Float32Array,
): void {
  const m = layer.outSize
  const w = layer.weight
  for (let s = 0; s < cols.length; s++) {
    const o = s * m
    for (let k = 0; k < m; k++) out[o + k] = 0
    for (const c of cols[s]) {
      const r = c * m
      for (let k = 0; k < m; k++) out[o + k] += w[r + k]
    }
    for (let k = 0; k < m; k++) out[o + k] = out[o + k] * scale + layer.bias[k]
  }
}

/** Transposes reused across calls of the dense kernels (grown on demand). */
export class DenseScratch {
  private a = new Float32Array(0)
  private b = new Float32Array(0)

  /** Two buffers of at least `na` and `nb` floats. */
  get(na: number, nb: number): [Float32Array, Float32Array] {
    if (this.a.length < na) this.a = new Float32Array(na)
    if (this.b.length < nb) this.b = new Float32Array(nb)
    return [this.a, this.b]
  }
}

const defaultScratch = new DenseScratch()

/** `out = x·W + b` for `batch` rows of `x` (`batch × inSize`). */
export function denseForward(
  layer: Dense,
  x: Float32Array,
  batch: number,
  out: Float32Array,
  scratch: DenseScratch = defaultScratch,
): void {
  const { inSize: n, outSize: m, weight: w, bias } = layer
  const [wt] = scratch.get(n * m, 0)
  transposeInto(w, n, m, wt)
  gemmABt(x, wt, batch, m, n, out)
  for (let s = 0; s < batch; s++) {
    const o = s * m
    for (let k = 0; k < m; k++) out[o + k] += bias[k]
  }
}

/**
 * Backward pass of {@link denseForward}: adds xᵀ·dOut to `gW` and Σ dOut to `gB`, and writes
 * dOut·Wᵀ into `dX` unless it is undefined.
 */
export function denseBackward(
  layer: Dense,
  x: Float32Array,
  dOut: Float32Array,
  batch: number,
  gW: Float32Array,
  gB: Float32Array,
  dX: Float32Array | undefined,
  scratch: DenseScratch = defaultScratch,
): void {
  const { inSize: n, outSize: m, weight: w } = layer
  for (let s = 0; s < batch; s++) {
    const o = s * m
    for (let k = 0; k < m; k++) gB[k] += dOut[o + k]
  }
  if (dX) gemmABt(dOut, w, batch, n, m, dX)
  const [xt, dt] = scratch.get(n * batch, m * batch)
  transposeInto(x, batch, n, xt)
  transposeInto(dOut, batch, m, dt)
  gemmABt(xt, dt, n, m, batch, gW, 1, true)
}

/** Backward pass of {@link sparseForward}: adds scale·dOut[s] to the rows of `gW` of each s's columns. */
export function sparseBackward(
  layer: Dense,
  cols: readonly (readonly number[])[],
  scale: number,
  dOut: Float32Array,
  gW: Float32Array,
  gB: Float32Array,
): void {
  const m = layer.outSize
  for (let s = 0; s < cols.length; s++) {
    const o = s * m
    for (let k = 0; k < m; k++) gB[k] += dOut[o + k]
    for (const c of cols[s]) {
      const r = c * m
      for (let k = 0; k < m; k++) gW[r + k] += scale * dOut[o + k]
    }
  }
}
