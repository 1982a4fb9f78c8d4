// Decoding without native binaries: FLAC and MPEG through the WASM decoders, chosen by magic bytes.
import { describe, expect, it } from 'vitest'
import { decodeAudio, sniffFormat } from '../../../../src-main/core/content/audio/decode'
import { Fft } from '../../../../src-main/core/content/audio/fft'
import { encodeFlac } from '../../../fixtures/audio/flac-writer'
import { encodeLayerOneTone } from '../../../fixtures/audio/mp1-writer'
import { encodeWav, sine, worstSampleError } from '../../../fixtures/audio/wav-writer'

function peakHz(x: Float32Array, rate: number, at: number): number {
  const n = 4096
  const fft = new Fft(n)
  const re = new Float64Array(n)
  const im = new Float64Array(n)
  for (let i = 0; i < n; i++) re[i] = x[at + i]
  fft.transform(re, im)
  let best = 1
  for (let k = 1; k < n / 2; k++)
    if (re[k] ** 2 + im[k] ** 2 > re[best] ** 2 + im[best] ** 2) best = k
  return (best * rate) / n
}

describe('decodeAudio', () => {
  it('decodes FLAC (our verbatim encoder) back to the samples', async () => {
    const left = sine(1000, 0.3, 22050, 0.7)
    const right = sine(300, 0.3, 22050, 0.2)
    const bytes = encodeFlac([left, right], 22050, 1024)
    expect(sniffFormat(bytes)).toBe('flac')
    const pcm = await decodeAudio(bytes, 'x.flac')
    expect(pcm.sampleRate).toBe(22050)
    expect(pcm.channels[0]).toHaveLength(left.length)
    expect(worstSampleError(pcm.channels, [left, right])).toBeLessThan(1 / 16000)
  })

  it('decodes an MPEG-1 Layer I stream to the tone its subband predicts', async () => {
    const { bytes, hz, sampleRate } = encodeLayerOneTone(5, 0.5)
    expect(sniffFormat(bytes)).toBe('mp3')
    const pcm = await decodeAudio(bytes, 'x.mp3')
    expect(pcm.sampleRate).toBe(sampleRate)
    expect(pcm.channels[0].length).toBeGreaterThan(0.4 * sampleRate)
    expect(Math.abs(peakHz(pcm.channels[0], sampleRate, 4000) - hz)).toBeLessThan(sampleRate / 4096)
  })

  it('reads WAV itself and names what it cannot decode', async () => {
    const pcm = await decodeAudio(encodeWav([sine(440, 0.05, 8000)], 8000, 'float32'))
    expect(pcm.channels[0]).toHaveLength(400)
    await expect(decodeAudio(Buffer.from('hello world, not audio'), 'notes.txt')).rejects.toThrow(
      /Cannot decode notes\.txt: not a WAV, AIFF, MP3, FLAC, Ogg Vorbis or Ogg Opus/,
    )
    const oggOpus = Buffer.concat([Buffer.from('OggS'), Buffer.alloc(24), Buffer.from('OpusHead')])
    expect(sniffFormat(oggOpus)).toBe('ogg-opus')
    expect(
      sniffFormat(
        Buffer.concat([Buffer.from('OggS'), Buffer.alloc(25), Buffer.from('\x01vorbis')]),
      ),
    ).toBe('ogg-vorbis')
    await expect(decodeAudio(oggOpus, 'broken.opus')).rejects.toThrow(/broken\.opus/)
  })
})
