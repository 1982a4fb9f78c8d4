// Our RIFF/WAVE reader: every supported sample format decodes to the signal that was written; bad files fail clearly.
import { describe, expect, it } from 'vitest'
import { decodeWav, isWav } from '../../../../src-main/core/content/audio/wav'
import {
  encodeWav,
  sine,
  worstSampleError,
  type WavEncoding,
} from '../../../fixtures/audio/wav-writer'

const tolerance: Record<WavEncoding, number> = {
  pcm8: 1 / 100,
  pcm16: 1 / 20000,
  pcm24: 1e-6,
  pcm32: 1e-8,
  float32: 0,
}

describe('decodeWav', () => {
  for (const enc of Object.keys(tolerance) as WavEncoding[]) {
    it(`reads ${enc} stereo`, () => {
      const left = sine(440, 0.1, 8000, 0.8)
      const right = sine(1000, 0.1, 8000, -0.3)
      const pcm = decodeWav(encodeWav([left, right], 8000, enc))
      expect(pcm.sampleRate).toBe(8000)
      expect(pcm.channels).toHaveLength(2)
      expect(pcm.channels[0]).toHaveLength(left.length)
      expect(worstSampleError(pcm.channels, [left, right])).toBeLessThanOrEqual(tolerance[enc])
    })
  }

  it('keeps negative full scale of 24-bit samples (sign extension)', () => {
    const pcm = decodeWav(encodeWav([Float32Array.from([-1, 1, -0.5])], 8000, 'pcm24'))
    expect(Array.from(pcm.channels[0], (v) => Math.round(v * 1000) / 1000)).toEqual([-1, 1, -0.5])
  })

  it('rejects what it cannot read with a reason', () => {
    const good = encodeWav([sine(440, 0.01, 8000)], 8000, 'pcm16')
    expect(isWav(good)).toBe(true)
    expect(() => decodeWav(Buffer.from('not a wav file at all'))).toThrow(/Not a WAV/)
    const twelveBit = Buffer.from(good)
    const fmtAt = twelveBit.indexOf('fmt ') + 8
    twelveBit.writeUInt16LE(12, fmtAt + 14)
    expect(() => decodeWav(twelveBit)).toThrow(/12-bit integer PCM/)
    const adpcm = Buffer.from(good)
    adpcm.writeUInt16LE(2, fmtAt)
    expect(() => decodeWav(adpcm)).toThrow(/format tag 2/)
    const noData = good.subarray(0, good.indexOf('data'))
    expect(() => decodeWav(noData)).toThrow(/no data chunk/)
  })
})
