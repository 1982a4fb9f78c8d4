// The signal chain: radix-2 FFT, windowed-sinc resampling with anti-aliasing, log-mel spectrograms, analysis windows.
import { describe, expect, it } from 'vitest'
import { Fft, RealFft } from '../../../../src-main/core/content/audio/fft'
import {
  hzToMel,
  LOG_FLOOR,
  MelSpectrogram,
  melToHz,
} from '../../../../src-main/core/content/audio/mel'
import { Resampler } from '../../../../src-main/core/content/audio/resample'
import { WindowAnalyzer } from '../../../../src-main/core/content/audio/windows'
import { createRng } from '../../../../src-main/core/util/random'
import { sine } from '../../../fixtures/audio/wav-writer'

function rms(x: Float32Array, from = 0, to = x.length): number {
  let s = 0
  for (let i = from; i < to; i++) s += x[i] * x[i]
  return Math.sqrt(s / (to - from))
}

describe('Fft', () => {
  it('equals the direct DFT', () => {
    const n = 64
    const rng = createRng(1)
    const re = Float64Array.from({ length: n }, () => rng.next() - 0.5)
    const im = Float64Array.from({ length: n }, () => rng.next() - 0.5)
    const wantRe = new Float64Array(n)
    const wantIm = new Float64Array(n)
    for (let k = 0; k < n; k++) {
      for (let t = 0; t < n; t++) {
        const a = (-2 * Math.PI * k * t) / n
        wantRe[k] += re[t] * Math.cos(a) - im[t] * Math.sin(a)
        wantIm[k] += re[t] * Math.sin(a) + im[t] * Math.cos(a)
      }
    }
    new Fft(n).transform(re, im)
    for (let k = 0; k < n; k++) {
      expect(re[k]).toBeCloseTo(wantRe[k], 9)
      expect(im[k]).toBeCloseTo(wantIm[k], 9)
    }
    expect(() => new Fft(48)).toThrow(/power of two/)
  })

  it('the half-size real transform gives the same power spectrum', () => {
    const n = 256
    const rng = createRng(2)
    const x = Float64Array.from({ length: n }, () => rng.next() - 0.5)
    const re = Float64Array.from(x)
    const im = new Float64Array(n)
    new Fft(n).transform(re, im)
    const power = new Float64Array(n / 2 + 1)
    new RealFft(n).power(x, power)
    for (let k = 0; k <= n / 2; k++) expect(power[k]).toBeCloseTo(re[k] ** 2 + im[k] ** 2, 9)
  })
})

describe('Resampler', () => {
  it('keeps a 1 kHz tone (frequency and level) from 44.1 to 22.05 kHz', () => {
    const out = new Resampler(44100, 22050).process(sine(1000, 0.5, 44100, 0.5))
    expect(out).toHaveLength(11025)
    const want = sine(1000, 0.5, 22050, 0.5)
    let worst = 0
    for (let i = 200; i < out.length - 200; i++) worst = Math.max(worst, Math.abs(out[i] - want[i]))
    expect(worst).toBeLessThan(2e-3)
  })

  it('removes content above the new Nyquist frequency instead of folding it back (anti-aliasing)', () => {
    const out = new Resampler(44100, 22050).process(sine(15000, 0.5, 44100, 0.5))
    // Without a low-pass, 15 kHz would alias to 7.05 kHz at full level (rms 0.35).
    expect(rms(out, 200, out.length - 200)).toBeLessThan(0.35 * 1e-3)
  })

  it('per-phase kernels (whole-number rates) give what the interpolated table gives', () => {
    const x = Float32Array.from(
      { length: 5000 },
      (_, i) => Math.sin(i * 0.01) + 0.3 * Math.sin(i * 0.7),
    )
    for (const [from, to] of [
      [44100, 22050],
      [48000, 22050],
    ]) {
      const poly = new Resampler(from, to).range(x, 10, 2000)
      const table = new Resampler(from, to, { polyphase: false }).range(x, 10, 2000)
      let worst = 0
      for (let i = 0; i < 2000; i++) worst = Math.max(worst, Math.abs(poly[i] - table[i]))
      expect(worst).toBeLessThan(1e-5)
    }
  })

  it('upsamples 8 → 22.05 kHz and converts any window of the output on its own', () => {
    const r = new Resampler(8000, 22050)
    const x = sine(440, 0.25, 8000, 0.5)
    const all = r.process(x)
    const part = r.range(x, 1000, 500)
    for (let i = 0; i < 500; i++) expect(part[i]).toBeCloseTo(all[1000 + i], 6)
    // From only a stretch of the input (starting at sample 300) the same window comes out.
    const stretch = r.range(x.subarray(300, 700), 1000, 500, 300)
    for (let i = 0; i < 500; i++) expect(stretch[i]).toBeCloseTo(all[1000 + i], 6)
    expect(rms(all, 300, all.length - 300)).toBeCloseTo(0.5 / Math.SQRT2, 2)
  })
})

describe('MelSpectrogram', () => {
  it('puts a tone in the band whose centre is nearest, as log energy', () => {
    const mel = new MelSpectrogram()
    const { data, frames } = mel.compute(sine(2000, 1, 22050, 0.5))
    expect(frames).toBe(Math.floor((22050 - 1024) / 512) + 1)
    const band = new Float64Array(128)
    for (let m = 0; m < 128; m++)
      for (let t = 0; t < frames; t++) band[m] += data[m * frames + t] / frames
    const loudest = band.indexOf(Math.max(...band))
    const centres = Array.from({ length: 128 }, (_, m) => melToHz(((m + 1) * hzToMel(11025)) / 129))
    const nearest = centres.reduce(
      (best, c, m) => (Math.abs(c - 2000) < Math.abs(centres[best] - 2000) ? m : best),
      0,
    )
    expect(Math.abs(loudest - nearest)).toBeLessThanOrEqual(1)
    // Silence maps to the log floor; the tone's band is far above it.
    expect(mel.compute(new Float32Array(2048)).data[0]).toBeCloseTo(Math.log(LOG_FLOOR), 6)
    expect(band[loudest]).toBeGreaterThan(Math.log(LOG_FLOOR) + 8)
  })
})

describe('WindowAnalyzer', () => {
  it('cuts 3 × 3 s windows of 128 bands from any rate and channel count, padding short tracks', () => {
    const a = new WindowAnalyzer()
    const tone = sine(440, 20, 44100, 0.5)
    const mel = a.analyze({ channels: [tone, tone], sampleRate: 44100 })
    expect(mel.windows).toHaveLength(3)
    expect(mel.mels).toBe(128)
    expect(mel.frames).toBe(Math.floor((66150 - 1024) / 512) + 1)
    for (const w of mel.windows) expect(w).toHaveLength(128 * mel.frames)
    // Windows come from the right places: the same as resampling the whole downmix first.
    const left = sine(300, 20, 44100, 0.5)
    const right = sine(3000, 20, 44100, 0.2)
    const split = a.analyze({ channels: [left, right], sampleRate: 44100 })
    const mixed = Float32Array.from(left, (v, i) => (v + right[i]) / 2)
    const whole = new Resampler(44100, 22050).process(mixed)
    const total = whole.length
    const start = Math.round(total / 4) - 33075
    const direct = new MelSpectrogram().compute(whole.subarray(start, start + 66150)).data
    let worst = 0
    for (let i = 0; i < direct.length; i++)
      worst = Math.max(worst, Math.abs(direct[i] - split.windows[0][i]))
    expect(worst).toBeLessThan(1e-3)
    const short = a.analyze({ channels: [sine(440, 1, 22050)], sampleRate: 22050 })
    expect(short.windows[0]).toHaveLength(128 * mel.frames)
    // The padded tail is silence: the log floor in every band.
    const f = mel.frames
    expect(short.windows[0][5 * f + f - 1]).toBeCloseTo(Math.log(LOG_FLOOR), 6)
    expect(() => new WindowAnalyzer({ count: 0 })).toThrow(/positive integer/)
  })
})
