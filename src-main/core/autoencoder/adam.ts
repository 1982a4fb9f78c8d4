// Adam (Kingma & Ba 2015) over a list of Float32Array parameters; sparse-row parameters are updated lazily.

/** Rows of a row-major parameter that got a gradient this step (the rest are skipped, as in LazyAdam). */
export interface TouchedRows {
  /** Row width. */
  width: number
  /** Row indices, each listed once. */
  ids: number[]
  /** Marks listed rows (length = number of rows). */
  marked: Uint8Array
}

/** One parameter tensor and its gradient buffer (same length). */
export interface Param {
  value: Float32Array
  grad: Float32Array
  /** When set, only these rows are updated (their moments too); cleared by each step. */
  touched?: TouchedRows
}

/** Adam's state for a fixed list of parameters. */
export class Adam {
  private readonly m: Float32Array[]
  private readonly v: Float32Array[]
  private t = 0

  constructor(
    private readonly params: Param[],
    private readonly lr: number,
    private readonly weightDecay = 0,
    private readonly beta1 = 0.9,
    private readonly beta2 = 0.999,
    private readonly eps = 1e-8,
  ) {
    this.m = params.map((p) => new Float32Array(p.value.length))
    this.v = params.map((p) => new Float32Array(p.value.length))
  }

  /** Applies one update from the current gradients (plus weightDecay·value), then zeroes them. */
  step(): void {
    this.t++
    const c1 = 1 / (1 - this.beta1 ** this.t)
    const c2 = 1 / (1 - this.beta2 ** this.t)
    this.params.forEach((p, k) => {
      const touched = p.touched
      if (!touched) {
        this.update(p.value, p.grad, this.m[k], this.v[k], 0, p.value.length, c1, c2)
        return
      }
      const w = touched.width
      for (const r of touched.ids) {
        this.update(p.value, p.grad, this.m[k], this.v[k], r * w, r * w + w, c1, c2)
        touched.marked[r] = 0
      }
      touched.ids.length = 0
    })
  }

  /** Updates elements `from..to-1` and zeroes their gradient. */
  private update(
    value: Float32Array,
    grad: Float32Array,
    m: Float32Array,
    v: Float32Array,
    from: number,
    to: number,
    c1: number,
    c2: number,
  ): void {
    const b1 = this.beta1
    const b2 = this.beta2
    const eps = this.eps
    const wd = this.weightDecay
    const lr = this.lr
    for (let i = from; i < to; i++) {
      const g = grad[i] + wd * value[i]
      grad[i] = 0
      const mi = b1 * m[i] + (1 - b1) * g
      const vi = b2 * v[i] + (1 - b2) * g * g
      m[i] = mi
      v[i] = vi
      value[i] -= (lr * mi * c1) / (Math.sqrt(vi * c2) + eps)
    }
  }
}
