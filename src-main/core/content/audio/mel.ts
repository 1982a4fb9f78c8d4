// Log-compressed mel spectrograms: Hann-windowed frames, our FFT, a triangular mel filterbank, log(ε + energy).
import { RealFft } from './fft'

/** Spectrogram settings. */
export interface MelOptions {
  /** Sample rate of the input (default 22,050). */
  sampleRate?: number
  /** FFT size = frame length in samples (default 1024). */
  fftSize?: number
  /** Samples between frame starts (default 512). */
  hop?: number
  /** Mel bands (default 128). */
  mels?: number
  /** Lowest filter edge in Hz (default 0). */
  fMin?: number
  /** Highest filter edge in Hz (default sampleRate / 2). */
  fMax?: number
}

/** Floor added before the logarithm, so silence maps to a finite value. */
export const LOG_FLOOR = 1e-6

/** A reusable analyser (filterbank, window and FFT plan made once). */
export class MelSpectrogram {
  readonly sampleRate: number
  readonly fftSize: number
  readonly hop: number
  readonly mels: number
  private readonly fft: RealFft
  private readonly window: Float64Array
  private readonly bandStart: Int32Array
  private readonly bandWeights: Float64Array[]
  private readonly frame: Float64Array
  private readonly power: Float64Array

  constructor(opts: MelOptions = {}) {
    this.sampleRate = opts.sampleRate ?? 22050
    this.fftSize = opts.fftSize ?? 1024
    this.hop = opts.hop ?? 512
    this.mels = opts.mels ?? 128
    if (!Number.isInteger(this.hop) || this.hop < 1)
      throw new Error(`hop must be a positive integer, got ${this.hop}`)
    this.fft = new RealFft(this.fftSize)
    const n = this.fftSize
    this.window = new Float64Array(n)
    let sum = 0
    for (let i = 0; i < n; i++) {
      this.window[i] = 0.5 - 0.5 * Math.cos((2 * Math.PI * i) / n) // periodic Hann
      sum += this.window[i]
    }
    // Scale by 2 / Σw: a sine of amplitude A on a bin has magnitude A (power A²) whatever the FFT size.
    for (let i = 0; i < n; i++) this.window[i] *= 2 / sum
    const filters = melFilterbank(
      this.sampleRate,
      n,
      this.mels,
      opts.fMin ?? 0,
      opts.fMax ?? this.sampleRate / 2,
    )
    this.bandStart = filters.start
    this.bandWeights = filters.weights
    this.frame = new Float64Array(n)
    this.power = new Float64Array(n / 2 + 1)
  }

  /** Frames that fit in `samples` samples (no padding: frame i covers [i·hop, i·hop + fftSize)). */
  frameCount(samples: number): number {
    return samples < this.fftSize ? 0 : Math.floor((samples - this.fftSize) / this.hop) + 1
  }

  /** Log-mel spectrogram of `signal`, laid out `[mels][frames]` row-major (bands as channels). */
  compute(signal: Float32Array): { data: Float32Array; frames: number } {
    const frames = this.frameCount(signal.length)
    const { mels, fftSize: n, frame, power, window } = this
    const data = new Float32Array(mels * frames)
    for (let f = 0; f < frames; f++) {
      const start = f * this.hop
      for (let i = 0; i < n; i++) frame[i] = signal[start + i] * window[i]
      this.fft.power(frame, power)
      for (let m = 0; m < mels; m++) {
        const w = this.bandWeights[m]
        const s0 = this.bandStart[m]
        let e = 0
        for (let j = 0; j < w.length; j++) e += w[j] * power[s0 + j]
        data[m * frames + f] = Math.log(LOG_FLOOR + e)
      }
    }
    return { data, frames }
  }
}

/** Hz to mel (HTK formula). */
export function hzToMel(hz: number): number {
  return 2595 * Math.log10(1 + hz / 700)
}

/** Mel to Hz (HTK formula). */
export function melToHz(mel: number): number {
  return 700 * (10 ** (mel / 2595) - 1)
}

/**
 * Triangular filters equally spaced in mel between fMin and fMax, each normalised to unit area in
 * Hz (Slaney), as sparse rows: the first FFT bin each covers and its weights.
 */
export function melFilterbank(
  sampleRate: number,
  fftSize: number,
  mels: number,
  fMin: number,
  fMax: number,
): { start: Int32Array; weights: Float64Array[] } {
  if (!(fMin >= 0 && fMax > fMin && fMax <= sampleRate / 2)) {
    throw new Error(
      `Mel filterbank needs 0 ≤ fMin < fMax ≤ sampleRate/2, got ${fMin}..${fMax} at ${sampleRate} Hz`,
    )
  }
  const lo = hzToMel(fMin)
  const hi = hzToMel(fMax)
  const edges = Array.from({ length: mels + 2 }, (_, i) =>
    melToHz(lo + ((hi - lo) * i) / (mels + 1)),
  )
  const binHz = sampleRate / fftSize
  const bins = fftSize / 2 + 1
  const start = new Int32Array(mels)
  const weights: Float64Array[] = []
  for (let m = 0; m < mels; m++) {
    const [left, centre, right] = [edges[m], edges[m + 1], edges[m + 2]]
    const area = 2 / (right - left)
    const first = Math.max(0, Math.ceil(left / binHz))
    const last = Math.min(bins - 1, Math.floor(right / binHz))
    const w: number[] = []
    for (let k = first; k <= last; k++) {
      const hz = k * binHz
      const v = hz <= centre ? (hz - left) / (centre - left) : (right - hz) / (right - centre)
      w.push(Math.max(0, v) * area)
    }
    start[m] = first
    weights.push(Float64Array.from(w))
  }
  return { start, weights }
}
