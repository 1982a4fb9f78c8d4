// Turns decoded audio into the CNN's input: mono, 22,050 Hz, a few evenly spaced windows, each a log-mel spectrogram.
import { MelSpectrogram } from './mel'
import { downmix, type Pcm } from './pcm'
import { Resampler } from './resample'

/** How a track is cut into analysis windows. */
export interface WindowOptions {
  /** Windows per track (default 3). */
  count?: number
  /** Length of each window in seconds (default 3). */
  seconds?: number
  /** Analysis sample rate (default 22,050). */
  sampleRate?: number
  /** Mel bands (default 128). */
  mels?: number
  /** FFT size (default 1024). */
  fftSize?: number
  /** Hop in samples (default 512). */
  hop?: number
}

/** Log-mel windows of one track, each `[mels][frames]`. */
export interface MelWindows {
  mels: number
  frames: number
  windows: Float32Array[]
}

/** Caches analysers per (rate pair, settings), so a worker builds tables once. */
export class WindowAnalyzer {
  private readonly mel: MelSpectrogram
  private readonly resamplers = new Map<number, Resampler>()
  readonly count: number
  readonly seconds: number
  readonly sampleRate: number

  constructor(opts: WindowOptions = {}) {
    this.count = opts.count ?? 3
    this.seconds = opts.seconds ?? 3
    this.sampleRate = opts.sampleRate ?? 22050
    if (!Number.isInteger(this.count) || this.count < 1)
      throw new Error(`Window count must be a positive integer, got ${this.count}`)
    if (!(this.seconds > 0))
      throw new Error(`Window length must be positive, got ${this.seconds} s`)
    this.mel = new MelSpectrogram({
      sampleRate: this.sampleRate,
      mels: opts.mels,
      fftSize: opts.fftSize,
      hop: opts.hop,
    })
  }

  /** Samples of one window at the analysis rate. */
  get windowSamples(): number {
    return Math.round(this.seconds * this.sampleRate)
  }

  /** Mel bands of each window. */
  get mels(): number {
    return this.mel.mels
  }

  /** Frames of one window. */
  get frames(): number {
    return this.mel.frameCount(this.windowSamples)
  }

  /**
   * `count` windows centred at (i + 1) / (count + 1) of the track (clamped inside it; a track shorter
   * than a window is padded with silence), resampled only where needed, as log-mel spectrograms.
   */
  analyze(pcm: Pcm): MelWindows {
    const resampler = this.resampler(pcm.sampleRate)
    const inputLength = pcm.channels[0]?.length ?? 0
    const total = resampler.outputLength(inputLength)
    const len = this.windowSamples
    const windows: Float32Array[] = []
    for (let i = 0; i < this.count; i++) {
      const centre = Math.round((total * (i + 1)) / (this.count + 1))
      const start = Math.max(0, Math.min(total - len, centre - Math.floor(len / 2)))
      // Only this window's stretch of input (plus the kernel's reach) is downmixed and resampled.
      const margin = resampler.reach + 2
      const from = Math.max(0, Math.floor(start / resampler.ratio) - margin)
      const to = Math.min(inputLength, Math.ceil((start + len) / resampler.ratio) + margin)
      const mono = downmix(pcm, from, to)
      windows.push(this.mel.compute(resampler.range(mono, start, len, from)).data)
    }
    return { mels: this.mel.mels, frames: this.frames, windows }
  }

  private resampler(from: number): Resampler {
    let r = this.resamplers.get(from)
    if (!r) {
      r = new Resampler(from, this.sampleRate)
      this.resamplers.set(from, r)
    }
    return r
  }
}
