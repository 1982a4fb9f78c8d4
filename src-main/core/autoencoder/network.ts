// The autoencoder's layers in one place: seeded initialisation, the training pass (forward + backward) and encoding.
import type { Rng } from '../util/random'
import type { Param, TouchedRows } from './adam'
import {
  denseBackward,
  denseForward,
  initDense,
  sparseBackward,
  sparseForward,
  type Dense,
  type OutputLayer,
} from './layers'
import { reconstructionLoss, type BatchLoss } from './output-loss'
import { seluBackward, seluForward } from './selu'

/** Every weight of the network. */
export interface Layers {
  /** Input layer first (read sparsely), bottleneck last. */
  encoder: Dense[]
  decoder: Dense[]
  outputLayer: OutputLayer
}

/**
 * LeCun-normal weights (std 1/√fan-in, what SELU expects); the sparse input layer uses the mean
 * number of non-zeros per row as its fan-in, so its outputs start with unit variance too.
 */
export function initLayers(
  nCols: number,
  encoder: number[],
  decoder: number[],
  meanNnz: number,
  rng: Rng,
): Layers {
  const enc: Dense[] = []
  let prev = nCols
  encoder.forEach((size, l) => {
    enc.push(initDense(prev, size, 1 / Math.sqrt(l === 0 ? Math.max(1, meanNnz) : prev), rng))
    prev = size
  })
  const dec: Dense[] = []
  for (const size of decoder) {
    dec.push(initDense(prev, size, 1 / Math.sqrt(prev), rng))
    prev = size
  }
  const out = initDense(prev, nCols, 1 / Math.sqrt(prev), rng)
  // Stored transposed (one row per output column): a fresh draw has no layout to preserve.
  return {
    encoder: enc,
    decoder: dec,
    outputLayer: { size: nCols, inSize: prev, weight: out.weight, bias: out.bias },
  }
}

/** The encoder's output for sparse binary rows (no dropout): `rows.length × bottleneck`. */
export function encodeSparse(layers: Layers, rows: readonly (readonly number[])[]): Float32Array {
  const enc = layers.encoder
  let pre = new Float32Array(rows.length * enc[0].outSize)
  sparseForward(enc[0], rows, 1, pre)
  let act = new Float32Array(pre.length)
  seluForward(pre, act, pre.length)
  for (let l = 1; l < enc.length; l++) {
    pre = new Float32Array(rows.length * enc[l].outSize)
    denseForward(enc[l], act, rows.length, pre)
    act = new Float32Array(pre.length)
    seluForward(pre, act, pre.length)
  }
  return act
}

/** The encoder's output for `n` dense input rows (`n × nCols`): the function the ONNX export computes. */
export function encodeDense(layers: Layers, x: Float32Array, n: number): Float32Array {
  let act = x
  for (const layer of layers.encoder) {
    const pre = new Float32Array(n * layer.outSize)
    denseForward(layer, act, n, pre)
    act = new Float32Array(pre.length)
    seluForward(pre, act, pre.length)
  }
  return act
}

/** Gradient buffers and activations for batches of up to `maxBatch` songs. */
export class TrainingPass {
  readonly params: Param[]
  private readonly grads: { w: Float32Array; b: Float32Array }[]
  private readonly outGrad: { w: Float32Array; b: Float32Array }
  private readonly dense: Dense[]
  private readonly pre: Float32Array[]
  private readonly act: Float32Array[]
  private readonly dAct: Float32Array[]
  private readonly mask: Float32Array
  private readonly transposed: Float32Array
  private readonly touched: TouchedRows

  constructor(
    private readonly layers: Layers,
    maxBatch: number,
  ) {
    this.dense = [...layers.encoder, ...layers.decoder]
    this.grads = this.dense.map((l) => ({
      w: new Float32Array(l.weight.length),
      b: new Float32Array(l.bias.length),
    }))
    const out = layers.outputLayer
    this.outGrad = { w: new Float32Array(out.weight.length), b: new Float32Array(out.bias.length) }
    const first = this.dense[0]
    this.touched = { width: first.outSize, ids: [], marked: new Uint8Array(first.inSize) }
    this.params = [
      ...this.dense.flatMap((l, k) => [
        { value: l.weight, grad: this.grads[k].w, touched: k === 0 ? this.touched : undefined },
        { value: l.bias, grad: this.grads[k].b },
      ]),
      { value: out.weight, grad: this.outGrad.w },
      { value: out.bias, grad: this.outGrad.b },
    ]
    this.pre = this.dense.map((l) => new Float32Array(maxBatch * l.outSize))
    this.act = this.dense.map((l) => new Float32Array(maxBatch * l.outSize))
    this.dAct = this.dense.map((l) => new Float32Array(maxBatch * l.outSize))
    this.mask = new Float32Array(maxBatch * layers.encoder[layers.encoder.length - 1].outSize)
    this.transposed = new Float32Array(out.weight.length)
  }

  /**
   * Forward and backward pass of one batch: `input` are the (possibly input-dropped) rows fed in,
   * scaled by `inputScale`; `target` the full rows to reconstruct. Gradients are added to `params`
   * (the input layer's rows that got one are listed for the lazy update).
   */
  run(
    input: readonly (readonly number[])[],
    inputScale: number,
    target: readonly (readonly number[])[],
    opts: { dropout: number; zeroWeight: number; rng: Rng },
  ): BatchLoss {
    const { dense, pre, act, dAct, mask } = this
    const batch = input.length
    const nEnc = this.layers.encoder.length
    const bottleneck = nEnc - 1
    for (let l = 0; l < dense.length; l++) {
      const n = batch * dense[l].outSize
      if (l === 0) sparseForward(dense[0], input, inputScale, pre[0])
      else denseForward(dense[l], act[l - 1], batch, pre[l])
      seluForward(pre[l], act[l], n)
      if (l === bottleneck && opts.dropout > 0) {
        const keep = 1 - opts.dropout
        for (let i = 0; i < n; i++) {
          mask[i] = opts.rng.next() < keep ? 1 / keep : 0
          act[l][i] *= mask[i]
        }
      }
    }
    const last = dense.length - 1
    const out = this.layers.outputLayer
    const result = reconstructionLoss(
      out,
      act[last],
      target,
      opts.zeroWeight,
      this.outGrad.w,
      this.outGrad.b,
      dAct[last],
      this.transposed,
    )
    for (let l = last; l >= 0; l--) {
      const n = batch * dense[l].outSize
      const d = dAct[l]
      if (l === bottleneck && opts.dropout > 0) {
        // act holds SELU·mask: undo the mask for SELU′ (dropped units get no gradient anyway).
        for (let i = 0; i < n; i++) {
          d[i] *= mask[i]
          act[l][i] = mask[i] === 0 ? 0 : act[l][i] / mask[i]
        }
      }
      seluBackward(pre[l], act[l], d, n)
      if (l === 0) {
        sparseBackward(dense[0], input, inputScale, d, this.grads[0].w, this.grads[0].b)
        const { ids, marked } = this.touched
        for (const row of input) {
          for (const c of row) {
            if (marked[c] === 0) {
              marked[c] = 1
              ids.push(c)
            }
          }
        }
      } else
        denseBackward(dense[l], act[l - 1], d, batch, this.grads[l].w, this.grads[l].b, dAct[l - 1])
    }
    return result
  }
}

/** The full reconstruction (no dropout) of sparse binary rows: `rows.length × nCols`. */
export function reconstructSparse(
  layers: Layers,
  rows: readonly (readonly number[])[],
): Float32Array {
  let act = encodeSparse(layers, rows)
  for (const layer of layers.decoder) {
    const pre = new Float32Array(rows.length * layer.outSize)
    denseForward(layer, act, rows.length, pre)
    act = new Float32Array(pre.length)
    seluForward(pre, act, pre.length)
  }
  const { size, inSize: d, weight: w, bias } = layers.outputLayer
  const out = new Float32Array(rows.length * size)
  for (let s = 0; s < rows.length; s++) {
    for (let j = 0; j < size; j++) {
      let y = bias[j]
      for (let p = 0; p < d; p++) y += w[j * d + p] * act[s * d + p]
      out[s * size + j] = y
    }
  }
  return out
}
