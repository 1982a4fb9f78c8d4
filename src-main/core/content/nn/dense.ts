// A fully connected layer y = W·x + b, one example at a time, with the backward pass that accumulates gradients.
import type { Rng } from '../../util/random'
import { heNormal, lecunNormal } from './init'
import { param, type Param } from './param'

/** Dense layer; `weight` is `[out][in]` row-major (ONNX Gemm with transB = 1). */
export class Dense {
  readonly weight: Param
  readonly bias: Param
  private input: Float32Array = new Float32Array(0)
  private readonly out: Float32Array
  private readonly dx: Float32Array

  constructor(
    readonly inSize: number,
    readonly outSize: number,
    rng: Rng,
    name: string,
    init: 'he' | 'lecun' = 'he',
  ) {
    const w =
      init === 'he'
        ? heNormal(outSize * inSize, inSize, rng)
        : lecunNormal(outSize * inSize, inSize, rng)
    this.weight = param(`${name}.weight`, [outSize, inSize], w)
    this.bias = param(`${name}.bias`, [outSize], new Float32Array(outSize))
    this.out = new Float32Array(outSize)
    this.dx = new Float32Array(inSize)
  }

  get params(): Param[] {
    return [this.weight, this.bias]
  }

  /** y = W·x + b; zero inputs are skipped, so sparse inputs (tag indicators) cost little. Reuses its output buffer. */
  forward(x: Float32Array): Float32Array {
    const { inSize, outSize } = this
    const w = this.weight.value
    this.input = x
    const y = this.out
    y.set(this.bias.value)
    for (let i = 0; i < inSize; i++) {
      const xi = x[i]
      if (xi === 0) continue
      for (let o = 0, k = i; o < outSize; o++, k += inSize) y[o] += w[k] * xi
    }
    return y
  }

  /** Accumulates dW, db for the last forward; returns dx (unless `needInput` is false). */
  backward(dy: Float32Array, needInput = true): Float32Array {
    const { inSize, outSize } = this
    const x = this.input
    const w = this.weight.value
    const gw = this.weight.grad
    const gb = this.bias.grad
    for (let o = 0; o < outSize; o++) gb[o] += dy[o]
    const dx = this.dx
    if (needInput) dx.fill(0)
    for (let o = 0; o < outSize; o++) {
      const g = dy[o]
      if (g === 0) continue
      const row = o * inSize
      for (let i = 0; i < inSize; i++) {
        const xi = x[i]
        if (xi !== 0) gw[row + i] += g * xi
      }
      if (needInput) for (let i = 0; i < inSize; i++) dx[i] += g * w[row + i]
    }
    return dx
  }
}

/** In-place ReLU; returns its argument. */
export function reluInPlace(x: Float32Array): Float32Array {
  for (let i = 0; i < x.length; i++) if (x[i] < 0) x[i] = 0
  return x
}

/** Zeroes `dy` where the ReLU output `y` was 0 (the ReLU backward pass, in place). */
export function reluBackwardInPlace(dy: Float32Array, y: Float32Array): Float32Array {
  for (let i = 0; i < dy.length; i++) if (y[i] <= 0) dy[i] = 0
  return dy
}
