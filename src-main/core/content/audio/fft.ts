// Our own iterative radix-2 FFT (precomputed twiddles and bit reversal), used for power spectra of audio frames.

/** A reusable plan for complex FFTs of one power-of-two size. */
export class Fft {
  readonly size: number
  private readonly cos: Float64Array
  private readonly sin: Float64Array
  private readonly reverse: Uint32Array

  constructor(size: number) {
    if (!Number.isInteger(size) || size < 2 || (size & (size - 1)) !== 0) {
      throw new Error(`FFT size must be a power of two ≥ 2, got ${size}`)
    }
    this.size = size
    this.cos = new Float64Array(size / 2)
    this.sin = new Float64Array(size / 2)
    for (let i = 0; i < size / 2; i++) {
      this.cos[i] = Math.cos((2 * Math.PI * i) / size)
      this.sin[i] = -Math.sin((2 * Math.PI * i) / size)
    }
    const bits = Math.log2(size)
    this.reverse = new Uint32Array(size)
    for (let i = 0; i < size; i++) {
      let r = 0
      for (let b = 0; b < bits; b++) r |= ((i >> b) & 1) << (bits - 1 - b)
      this.reverse[i] = r
    }
  }

  /** In-place forward transform X[k] = Σ x[n]·e^(−2πikn/N) of (re, im). */
  transform(re: Float64Array, im: Float64Array): void {
    const n = this.size
    if (re.length !== n || im.length !== n) throw new Error(`FFT: arrays must have ${n} values`)
    const rev = this.reverse
    for (let i = 0; i < n; i++) {
      const j = rev[i]
      if (j > i) {
        let t = re[i]
        re[i] = re[j]
        re[j] = t
        t = im[i]
        im[i] = im[j]
        im[j] = t
      }
    }
    for (let len = 2; len <= n; len <<= 1) {
      const half = len >> 1
      const step = n / len
      for (let start = 0; start < n; start += len) {
        for (let k = 0, tw = 0; k < half; k++, tw += step) {
          const wr = this.cos[tw]
          const wi = this.sin[tw]
          const a = start + k
          const b = a + half
          const xr = re[b] * wr - im[b] * wi
          const xi = re[b] * wi + im[b] * wr
          re[b] = re[a] - xr
          im[b] = im[a] - xi
          re[a] += xr
          im[a] += xi
        }
      }
    }
  }
}

/** Power spectra of real frames through one complex FFT of half the size (the even/odd packing trick). */
export class RealFft {
  readonly size: number
  private readonly half: Fft
  private readonly re: Float64Array
  private readonly im: Float64Array
  private readonly cos: Float64Array
  private readonly sin: Float64Array

  constructor(size: number) {
    if (!Number.isInteger(size) || size < 4 || (size & (size - 1)) !== 0) {
      throw new Error(`Real FFT size must be a power of two ≥ 4, got ${size}`)
    }
    this.size = size
    this.half = new Fft(size / 2)
    this.re = new Float64Array(size / 2)
    this.im = new Float64Array(size / 2)
    this.cos = new Float64Array(size / 2 + 1)
    this.sin = new Float64Array(size / 2 + 1)
    for (let k = 0; k <= size / 2; k++) {
      this.cos[k] = Math.cos((2 * Math.PI * k) / size)
      this.sin[k] = -Math.sin((2 * Math.PI * k) / size)
    }
  }

  /** |X[k]|² for k = 0..size/2 of the real frame `x` (length `size`), written into `power`. */
  power(x: ArrayLike<number>, power: Float64Array): void {
    const h = this.size / 2
    const { re, im } = this
    for (let n = 0; n < h; n++) {
      re[n] = x[2 * n]
      im[n] = x[2 * n + 1]
    }
    this.half.transform(re, im)
    for (let k = 0; k <= h; k++) {
      const a = k % h
      const b = (h - k) % h
      // E = (Z[k] + conj Z[h−k]) / 2, O = (Z[k] − conj Z[h−k]) / 2i, X = E + W^k · O.
      const er = (re[a] + re[b]) / 2
      const ei = (im[a] - im[b]) / 2
      const or = (im[a] + im[b]) / 2
      const oi = (re[b] - re[a]) / 2
      const wr = this.cos[k]
      const wi = this.sin[k]
      const xr = er + wr * or - wi * oi
      const xi = ei + wr * oi + wi * or
      power[k] = xr * xr + xi * xi
    }
  }
}
