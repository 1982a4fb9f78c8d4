// The Adam optimiser (Kingma & Ba, 2015) over a list of parameters, with decoupled weight decay (AdamW).
import type { Param } from './param'

/** Adam's hyper-parameters. */
export interface AdamOptions {
  /** Step size (default 1e-3). */
  lr?: number
  /** Decay of the first moment (default 0.9). */
  beta1?: number
  /** Decay of the second moment (default 0.999). */
  beta2?: number
  /** Numerical floor of the denominator (default 1e-8). */
  eps?: number
  /** Decoupled weight decay: each step also shrinks weights by `lr × decay × weight` (AdamW; default 0). */
  weightDecay?: number
}

/** Keeps the moments of each parameter; `step` applies and clears the accumulated gradients. */
export class Adam {
  private readonly m: Float32Array[]
  private readonly v: Float32Array[]
  private t = 0
  lr: number
  private readonly beta1: number
  private readonly beta2: number
  private readonly eps: number
  private readonly weightDecay: number

  constructor(
    private readonly params: readonly Param[],
    opts: AdamOptions = {},
  ) {
    this.lr = opts.lr ?? 1e-3
    this.beta1 = opts.beta1 ?? 0.9
    this.beta2 = opts.beta2 ?? 0.999
    this.eps = opts.eps ?? 1e-8
    this.weightDecay = opts.weightDecay ?? 0
    this.m = params.map((p) => new Float32Array(p.value.length))
    this.v = params.map((p) => new Float32Array(p.value.length))
  }

  /** One update with the gradients divided by `batch` (their sum over a minibatch); zeroes them. */
  step(batch = 1): void {
    this.t++
    const { beta1, beta2, eps, weightDecay } = this
    const c1 = 1 - beta1 ** this.t
    const c2 = 1 - beta2 ** this.t
    const lr = (this.lr * Math.sqrt(c2)) / c1
    const scale = 1 / batch
    const decay = this.lr * weightDecay
    for (let i = 0; i < this.params.length; i++) {
      const { value, grad } = this.params[i]
      const m = this.m[i]
      const v = this.v[i]
      for (let j = 0; j < value.length; j++) {
        const g = grad[j] * scale
        m[j] = beta1 * m[j] + (1 - beta1) * g
        v[j] = beta2 * v[j] + (1 - beta2) * g * g
        value[j] -= (lr * m[j]) / (Math.sqrt(v[j]) + eps) + decay * value[j]
      }
      grad.fill(0)
    }
  }
}
