// Sample-rate conversion by windowed-sinc interpolation (Kaiser window, table-driven), with an anti-aliasing low-pass.

/** Resampler settings. */
export interface ResampleOptions {
  /** Zero crossings of the sinc on each side of the centre (default 16). */
  zeroCrossings?: number
  /** Passband edge as a fraction of the lower Nyquist frequency (default 0.95). */
  rolloff?: number
  /** Kaiser window β (default 8.6, ≈ 85 dB stop-band). */
  beta?: number
  /** Precomputed per-phase kernels when the rates are whole numbers with a small ratio (default true). */
  polyphase?: boolean
}

const TABLE_STEPS = 512
/** Rate pairs whose reduced ratio has at most this many phases get exact per-phase kernels. */
const MAX_PHASES = 2048

/** A converter between two fixed rates; the kernel table is built once. */
export class Resampler {
  /** Output samples per input sample. */
  readonly ratio: number
  private readonly table: Float64Array
  /** Cut-off in cycles per input sample × 2 (1 = input Nyquist). */
  private readonly cutoff: number
  /** Half-width of the kernel in input samples. */
  private readonly halfWidth: number
  private readonly crossings: number
  /** Per-phase kernels for rational ratios: output n reads input ⌊n·M/L⌋ + k with weight `poly[p][k + K − 1]`. */
  private readonly poly?: { up: number; down: number; taps: number; kernels: Float64Array[] }

  constructor(
    readonly from: number,
    readonly to: number,
    opts: ResampleOptions = {},
  ) {
    if (!(from > 0) || !(to > 0))
      throw new Error(`Sample rates must be positive, got ${from} → ${to}`)
    this.ratio = to / from
    this.crossings = opts.zeroCrossings ?? 16
    this.cutoff = Math.min(1, this.ratio) * (opts.rolloff ?? 0.95)
    this.halfWidth = this.crossings / this.cutoff
    const beta = opts.beta ?? 8.6
    // table[i] = kernel at i / TABLE_STEPS zero crossings from the centre (sinc × Kaiser, scaled by the cut-off).
    const size = this.crossings * TABLE_STEPS + 2
    this.table = new Float64Array(size)
    const i0beta = besselI0(beta)
    for (let i = 0; i < size; i++) {
      const x = i / TABLE_STEPS
      const r = x / this.crossings
      const win = r >= 1 ? 0 : besselI0(beta * Math.sqrt(1 - r * r)) / i0beta
      const sinc = x === 0 ? 1 : Math.sin(Math.PI * x) / (Math.PI * x)
      this.table[i] = this.cutoff * sinc * win
    }
    if ((opts.polyphase ?? true) && Number.isInteger(from) && Number.isInteger(to)) {
      const g = gcd(from, to)
      const up = to / g // L: output samples per `down` input samples
      const down = from / g // M
      if (up <= MAX_PHASES) {
        const K = Math.ceil(this.halfWidth)
        const kernels: Float64Array[] = []
        for (let p = 0; p < up; p++) {
          const frac = p / up
          const taps = new Float64Array(2 * K)
          for (let k = -K + 1; k <= K; k++) taps[k + K - 1] = this.kernelAt(Math.abs(frac - k))
          kernels.push(taps)
        }
        this.poly = { up, down, taps: K, kernels }
      }
    }
  }

  /** The interpolated kernel at `dist` input samples from the centre. */
  private kernelAt(dist: number): number {
    const pos = dist * this.cutoff * TABLE_STEPS
    const i = Math.floor(pos)
    if (i + 1 >= this.table.length) return 0
    return this.table[i] + (pos - i) * (this.table[i + 1] - this.table[i])
  }

  /** Input samples the kernel reaches on each side of an output instant. */
  get reach(): number {
    return Math.ceil(this.halfWidth)
  }

  /** Output samples for `inputLength` input samples. */
  outputLength(inputLength: number): number {
    return Math.floor(inputLength * this.ratio)
  }

  /** Resamples all of `x`. */
  process(x: Float32Array): Float32Array {
    return this.range(x, 0, this.outputLength(x.length))
  }

  /**
   * Output samples `first .. first + count − 1` of resampling a signal of which `x` holds the
   * input samples from `offset` on (everything else is zero), so a few windows of a long track can
   * be converted from just their own stretch of input.
   */
  range(x: Float32Array, first: number, count: number, offset = 0): Float32Array {
    if (!Number.isInteger(offset))
      throw new Error(`Resampler offset must be a whole sample, got ${offset}`)
    if (this.from === this.to) {
      const out = new Float32Array(count)
      for (let n = 0; n < count; n++) {
        const i = first + n - offset
        out[n] = i >= 0 && i < x.length ? x[i] : 0
      }
      return out
    }
    if (this.poly) return this.rangePoly(x, first, count, offset)
    const out = new Float32Array(count)
    const { table, cutoff, halfWidth } = this
    const step = cutoff * TABLE_STEPS // table steps per input sample of distance
    const last = x.length - 1
    for (let n = 0; n < count; n++) {
      const t = (first + n) / this.ratio - offset
      const lo = Math.max(0, Math.ceil(t - halfWidth))
      const hi = Math.min(last, Math.floor(t + halfWidth))
      let s = 0
      for (let j = lo; j <= hi; j++) {
        const pos = Math.abs(t - j) * step
        const i = pos | 0
        const frac = pos - i
        s += x[j] * (table[i] + frac * (table[i + 1] - table[i]))
      }
      out[n] = s
    }
    return out
  }

  /** The same as `range` with the exact per-phase kernels: a plain dot product per output sample. */
  private rangePoly(x: Float32Array, first: number, count: number, offset: number): Float32Array {
    const { up, down, taps: K, kernels } = this.poly!
    const out = new Float32Array(count)
    const last = x.length - 1
    for (let n = 0; n < count; n++) {
      const m = first + n
      const num = m * down
      const i0 = Math.floor(num / up) - offset
      const kernel = kernels[((num % up) + up) % up]
      const lo = i0 - K + 1
      let s = 0
      if (lo >= 0 && i0 + K <= last) {
        for (let k = 0; k < 2 * K; k++) s += x[lo + k] * kernel[k]
      } else {
        for (let k = 0; k < 2 * K; k++) {
          const j = lo + k
          if (j >= 0 && j <= last) s += x[j] * kernel[k]
        }
      }
      out[n] = s
    }
    return out
  }
}

function gcd(a: number, b: number): number {
  while (b) [a, b] = [b, a % b]
  return a
}

/** Modified Bessel function of the first kind, order 0 (power series; fine for β ≤ 20). */
function besselI0(x: number): number {
  let sum = 1
  let term = 1
  const q = (x * x) / 4
  for (let k = 1; k < 50; k++) {
    term *= q / (k * k)
    sum += term
    if (term < sum * 1e-16) break
  }
  return sum
}
