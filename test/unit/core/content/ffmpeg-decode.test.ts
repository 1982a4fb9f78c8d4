// Formats only ffmpeg decodes here (AAC/ALAC in MP4, raw AAC, WMA, APE…): recognised by content, decoded through ffmpeg, or refused as "placed by its tags only".
import { execFileSync, type ChildProcess } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest'
import { decodeAiff } from '../../../../src-main/core/content/audio/aiff'
import {
  decodeAudio,
  describeFormat,
  isTagsOnlyReason,
  sniffFormat,
} from '../../../../src-main/core/content/audio/decode'
import { decodeWithFfmpeg, findFfmpeg } from '../../../../src-main/core/content/audio/ffmpeg-decode'
import { Fft } from '../../../../src-main/core/content/audio/fft'
import { encodeWav, sine, worstSampleError } from '../../../fixtures/audio/wav-writer'

const ffmpeg = findFfmpeg().path
const hasFfmpeg = !!ffmpeg
const NO_FFMPEG = 'skipped: no ffmpeg on PATH or SEGUE_FFMPEG'

/** A box: 32-bit size, 4-char type, body. */
function box(type: string, ...body: Buffer[]): Buffer {
  const b = Buffer.concat(body)
  const head = Buffer.alloc(8)
  head.writeUInt32BE(8 + b.length, 0)
  head.write(type, 4, 'latin1')
  return Buffer.concat([head, b])
}

/** The first boxes of an MP4 file: ftyp with `brand`, then a moov whose stsd names `codec`. */
function mp4Header(brand: string, codec = 'mp4a'): Buffer {
  const ftyp = box('ftyp', Buffer.from(brand, 'latin1'), Buffer.alloc(4), Buffer.from('isomiso2'))
  const entry = box(codec, Buffer.alloc(28))
  const stsd = box('stsd', Buffer.from([0, 0, 0, 0, 0, 0, 0, 1]), entry)
  return Buffer.concat([
    ftyp,
    box('moov', box('trak', box('mdia', box('minf', box('stbl', stsd))))),
  ])
}

/** An ADTS frame header (MPEG-4 AAC LC, 44.1 kHz, stereo) followed by zeros. */
function adts(mpeg2 = false): Buffer {
  const frame = Buffer.alloc(64)
  frame[0] = 0xff
  frame[1] = mpeg2 ? 0xf9 : 0xf1
  frame[2] = (1 << 6) | (4 << 2) // AAC LC, rate index 4 (44.1 kHz)
  frame[3] = 0x80 // 2 channels, frame length high bits 0
  frame[4] = (64 >> 3) & 0xff
  frame[5] = ((64 & 7) << 5) | 0x1f
  frame[6] = 0xfc
  return frame
}

function id3(size: number): Buffer {
  const h = Buffer.alloc(10 + size)
  h.write('ID3', 0, 'latin1')
  h[3] = 4
  h[6] = (size >> 21) & 0x7f
  h[7] = (size >> 14) & 0x7f
  h[8] = (size >> 7) & 0x7f
  h[9] = size & 0x7f
  return h
}

function rms(x: Float32Array, from = 0, to = x.length): number {
  let s = 0
  for (let i = from; i < to; i++) s += x[i] * x[i]
  return Math.sqrt(s / (to - from))
}

function peakHz(x: Float32Array, rate: number, at: number): number {
  const n = 8192
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

afterEach(() => {
  vi.unstubAllEnvs()
})

describe('sniffFormat: formats recognised by their content', () => {
  it('MP4 by its ftyp box whatever the brand, with the audio codec from stsd', () => {
    for (const brand of ['M4A ', 'M4B ', 'mp42', 'isom', 'qt  ', '3gp5', 'dash'])
      expect(sniffFormat(mp4Header(brand)), brand).toBe('mp4')
    // QuickTime-style files without ftyp (moov or a wide atom first).
    expect(sniffFormat(mp4Header('M4A ').subarray(24))).toBe('mp4')
    expect(sniffFormat(Buffer.from('\0\0\0\x08wide\0\0\0\x10mdat'))).toBe('mp4')
    expect(describeFormat(mp4Header('M4A '), 'mp4')).toBe('AAC in an M4A file')
    expect(describeFormat(mp4Header('M4A ', 'alac'), 'mp4')).toBe(
      'ALAC (Apple Lossless) in an M4A file',
    )
    expect(describeFormat(mp4Header('isom'), 'mp4')).toBe('AAC in an MP4 file')
    expect(describeFormat(mp4Header('M4B '), 'mp4')).toBe('AAC in an M4B file')
    expect(describeFormat(mp4Header('mp42', 'avc1'), 'mp4')).toBe('an MP4 file')
  })

  it('raw AAC (ADTS: sync 0xFFF, layer 00) apart from MP3 frames (layer ≠ 00), also after an ID3 tag', () => {
    expect(sniffFormat(adts())).toBe('aac')
    expect(sniffFormat(adts(true))).toBe('aac')
    expect(sniffFormat(Buffer.concat([id3(300), adts()]))).toBe('aac')
    // MPEG-1 Layer III, Layer I, MPEG-2.5 Layer III: MP3 (layer bits 01, 11, sync 0xFFE).
    for (const second of [0xfb, 0xff, 0xe3]) {
      const mp3 = Buffer.from([0xff, second, 0x90, 0x64, 0, 0, 0, 0])
      expect(sniffFormat(mp3), second.toString(16)).toBe('mp3')
      expect(sniffFormat(Buffer.concat([id3(50), mp3]))).toBe('mp3')
    }
    // A sync word with layer 00 but an invalid rate index is not ADTS.
    const bad = adts()
    bad[2] = 0x3c
    expect(sniffFormat(bad)).toBeUndefined()
  })

  it('WMA (ASF GUID), APE, WavPack, CAF and AIFF/AIFF-C', () => {
    const asf = Buffer.from('3026b2758e66cf11a6d900aa0062ce6c', 'hex')
    expect(sniffFormat(Buffer.concat([asf, Buffer.alloc(16)]))).toBe('asf')
    expect(sniffFormat(Buffer.from('MAC \x96\x0f\0\0'))).toBe('ape')
    expect(sniffFormat(Buffer.from('wvpk\0\0\0\0'))).toBe('wavpack')
    expect(sniffFormat(Buffer.from('caff\0\x01\0\0'))).toBe('caf')
    expect(sniffFormat(Buffer.from('FORM\0\0\0\x04AIFF'))).toBe('aiff')
    expect(sniffFormat(Buffer.from('FORM\0\0\0\x04AIFC'))).toBe('aiff')
    expect(sniffFormat(Buffer.from('FORM\0\0\0\x04ILBM'))).toBeUndefined()
  })
})

/** An IFF chunk: 4-char id, 32-bit big-endian size of the body (header not counted), body. */
function chunk(id: string, body: Buffer): Buffer {
  const head = Buffer.alloc(8)
  head.write(id, 0, 'latin1')
  head.writeUInt32BE(body.length, 4)
  return Buffer.concat([head, body, Buffer.alloc(body.length % 2)])
}

/** An AIFF (or AIFF-C 'sowt') file of 16-bit samples. */
function encodeAiff(channels: Float32Array[], rate: number, sowt = false): Buffer {
  const n = channels[0].length
  const data = Buffer.alloc(8 + n * 2 * channels.length)
  for (let i = 0, o = 8; i < n; i++)
    for (const ch of channels) {
      const v = Math.round(Math.max(-1, Math.min(1, ch[i])) * 32767)
      if (sowt) data.writeInt16LE(v, o)
      else data.writeInt16BE(v, o)
      o += 2
    }
  const comm = Buffer.alloc(sowt ? 24 : 18)
  comm.writeInt16BE(channels.length, 0)
  comm.writeUInt32BE(n, 2)
  comm.writeInt16BE(16, 6)
  // 80-bit extended sample rate: exponent and a mantissa with the integer bit set.
  const exp = Math.floor(Math.log2(rate))
  comm.writeUInt16BE(16383 + exp, 8)
  comm.writeUInt32BE(Math.round(rate * 2 ** (31 - exp)) >>> 0, 10)
  if (sowt) comm.write('sowt\0\0', 18, 'latin1')
  const kind = Buffer.from(sowt ? 'AIFC' : 'AIFF', 'latin1')
  return chunk('FORM', Buffer.concat([kind, chunk('COMM', comm), chunk('SSND', data)]))
}

describe('AIFF, decoded in-process', () => {
  const left = sine(1000, 0.2, 22050, 0.7)
  const right = sine(300, 0.2, 22050, 0.2)

  it('reads 16-bit AIFF and AIFF-C sowt back to the samples', async () => {
    for (const sowt of [false, true]) {
      const pcm = await decodeAudio(encodeAiff([left, right], 22050, sowt), 'x.aiff')
      expect(pcm.sampleRate).toBe(22050)
      expect(pcm.channels).toHaveLength(2)
      expect(pcm.channels[0]).toHaveLength(left.length)
      expect(worstSampleError(pcm.channels, [left, right])).toBeLessThan(1 / 16000)
    }
    expect(() => decodeAiff(Buffer.from('FORM\0\0\0\x04AIFF'))).toThrow(/no COMM chunk/)
  })

  it.skipIf(!hasFfmpeg)(`reads the AIFF ffmpeg writes (24-bit) (${NO_FFMPEG})`, () => {
    const dir = mkdtempSync(join(tmpdir(), 'segue-aiff-'))
    try {
      writeFileSync(join(dir, 'in.wav'), encodeWav([left], 22050, 'pcm24'))
      execFileSync(
        ffmpeg!,
        ['-v', 'error', '-y', '-i', join(dir, 'in.wav')].concat([
          '-c:a',
          'pcm_s24be',
          join(dir, 'out.aiff'),
        ]),
      )
      const pcm = decodeAiff(readFileSync(join(dir, 'out.aiff')))
      expect(pcm.sampleRate).toBe(22050)
      expect(pcm.channels[0]).toHaveLength(left.length)
      expect(worstSampleError(pcm.channels, [left])).toBeLessThan(1e-6)
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  })
})

describe('without ffmpeg: a clear "placed by its tags only"', () => {
  it('names the format and what to do, for SEGUE_FFMPEG pointing nowhere and for an empty PATH', async () => {
    vi.stubEnv('SEGUE_FFMPEG', '/nonexistent/ffmpeg')
    const err = await decodeAudio(mp4Header('M4A '), '/music/Song.m4a').catch((e: Error) => e)
    expect((err as Error).message).toBe(
      'Song.m4a is AAC in an M4A file: Segue cannot decode it without ffmpeg, so it is placed by its tags only ' +
        '(SEGUE_FFMPEG is /nonexistent/ffmpeg, which is not an executable file; ' +
        'install ffmpeg, or set SEGUE_FFMPEG to its path, to place it by its sound too)',
    )
    expect(isTagsOnlyReason((err as Error).message)).toBe(true)
    vi.stubEnv('SEGUE_FFMPEG', '')
    vi.stubEnv('PATH', '')
    await expect(decodeAudio(mp4Header('M4A ', 'alac'), 'Lossless.m4a')).rejects.toThrow(
      /^Lossless\.m4a is ALAC \(Apple Lossless\) in an M4A file: .* placed by its tags only \(ffmpeg is not installed \(not found on PATH\)/,
    )
    await expect(decodeAudio(adts(), 'raw.aac')).rejects.toThrow(/raw AAC \(ADTS\).*tags only/)
    // Unrecognised content is not "tags only because of ffmpeg": a plain failure.
    const other = await decodeAudio(Buffer.from('hello, not audio'), 'notes.txt').catch(
      (e: Error) => e,
    )
    expect((other as Error).message).toMatch(/^Cannot decode notes\.txt: not a WAV, AIFF, MP3/)
    expect(isTagsOnlyReason((other as Error).message)).toBe(false)
  })
})

describe.skipIf(!hasFfmpeg)(`through ffmpeg (${NO_FFMPEG})`, () => {
  let dir = ''
  const rate = 44100
  const seconds = 4
  const left = sine(440, seconds, rate, 0.5)
  const right = sine(440, seconds, rate, 0.5)
  const encode = (codec: string[], out: string): string => {
    const file = join(dir, out)
    execFileSync(ffmpeg!, ['-v', 'error', '-y', '-i', join(dir, 'in.wav'), ...codec, file])
    return file
  }
  let aac = ''
  let alac = ''
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'segue-ffmpeg-'))
    writeFileSync(join(dir, 'in.wav'), encodeWav([left, right], rate, 'pcm16'))
    aac = encode(['-c:a', 'aac', '-b:a', '128k'], 'tone.m4a')
    alac = encode(['-c:a', 'alac'], 'lossless.m4a')
  }, 60_000)
  afterAll(() => rmSync(dir, { recursive: true, force: true }))

  it('decodes AAC in M4A: duration, rate, energy and pitch of the tone, mono at the asked rate', async () => {
    const bytes = readFileSync(aac)
    expect(sniffFormat(bytes)).toBe('mp4')
    expect(describeFormat(bytes, 'mp4')).toBe('AAC in an M4A file')
    const pcm = await decodeAudio(bytes, aac, { path: aac, sampleRate: 22050, channels: 1 })
    expect(pcm.sampleRate).toBe(22050)
    expect(pcm.channels).toHaveLength(1)
    const n = pcm.channels[0].length
    expect(Math.abs(n / 22050 - seconds)).toBeLessThan(0.1)
    // A sine of amplitude 0.5 has an RMS of 0.354; AAC at 128 kb/s keeps it within a few percent.
    expect(rms(pcm.channels[0], n / 4, (3 * n) / 4)).toBeCloseTo(0.5 / Math.SQRT2, 1)
    expect(Math.abs(peakHz(pcm.channels[0], 22050, Math.floor(n / 2)) - 440)).toBeLessThan(3)
    // From bytes alone (no path: a temporary copy), stereo 44.1 kHz by default.
    const stereo = await decodeAudio(bytes, 'tone.m4a')
    expect(stereo.sampleRate).toBe(44100)
    expect(stereo.channels).toHaveLength(2)
    expect(Math.abs(stereo.channels[1].length / 44100 - seconds)).toBeLessThan(0.1)
  })

  it('decodes ALAC in M4A losslessly', async () => {
    const bytes = readFileSync(alac)
    expect(describeFormat(bytes, 'mp4')).toBe('ALAC (Apple Lossless) in an M4A file')
    const pcm = await decodeAudio(bytes, alac, { path: alac, sampleRate: rate, channels: 2 })
    expect(pcm.sampleRate).toBe(rate)
    expect(pcm.channels[0]).toHaveLength(left.length)
    expect(worstSampleError(pcm.channels, [left, right])).toBeLessThan(1 / 16000)
  })

  it('a corrupt M4A is a clear failure (not "tags only because of ffmpeg"), and too long audio is refused', async () => {
    const bad = join(dir, 'bad.m4a')
    writeFileSync(bad, Buffer.concat([mp4Header('M4A '), Buffer.alloc(500, 0x5a)]))
    const err = await decodeAudio(readFileSync(bad), bad, { path: bad }).catch((e: Error) => e)
    expect((err as Error).message).toMatch(
      /^Cannot decode bad\.m4a: ffmpeg could not read it \(.+\)$/,
    )
    expect(isTagsOnlyReason((err as Error).message)).toBe(false)
    const truncated = join(dir, 'truncated.m4a')
    writeFileSync(truncated, readFileSync(aac).subarray(0, 600))
    await expect(decodeWithFfmpeg(truncated, truncated)).rejects.toThrow(
      /Cannot decode truncated\.m4a: ffmpeg/,
    )
    await expect(decodeWithFfmpeg(aac, aac, { maxBytes: 2 * 4 * 2 * 44100 })).rejects.toThrow(
      'Cannot decode tone.m4a: it is longer than the 2 s Segue decodes',
    )
    await expect(decodeAudio(Buffer.from('hello, not audio'), 'notes.txt')).rejects.toThrow(
      /^Cannot decode notes\.txt: not a WAV, AIFF, .*, and ffmpeg cannot read it either/,
    )
  })

  it.skipIf(process.platform === 'win32')(
    'aborting kills ffmpeg (blocked on a FIFO that never gets data); a timeout does too',
    async () => {
      const fifo = join(dir, 'never.fifo')
      execFileSync('mkfifo', [fifo])
      const ac = new AbortController()
      let child: ChildProcess | undefined
      let outcome: Promise<unknown> = Promise.resolve()
      const exited = new Promise<NodeJS.Signals | null>((resolve) => {
        outcome = decodeWithFfmpeg(fifo, 'never.m4a', {
          signal: ac.signal,
          onSpawn: (c) => {
            child = c
            c.on('spawn', () => ac.abort())
            c.on('exit', (_code, signal) => resolve(signal))
          },
        }).then(
          () => null,
          (e: Error) => e,
        )
      })
      expect(await exited).toBe('SIGKILL')
      expect(await outcome).toMatchObject({ name: 'AbortError' })
      expect(child!.exitCode).toBeNull()
      expect(() => process.kill(child!.pid!, 0)).toThrow()
      await expect(decodeWithFfmpeg(fifo, 'never.m4a', { timeoutMs: 300 })).rejects.toThrow(
        'Cannot decode never.m4a: ffmpeg took longer than 0.3 s',
      )
    },
    20_000,
  )
})
