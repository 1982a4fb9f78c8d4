// Parses RIFF/WAVE files ourselves: integer PCM 8/16/24/32-bit and 32-bit float, any channel count.
import type { Pcm } from './pcm'

const FORMAT_PCM = 1
const FORMAT_FLOAT = 3
const FORMAT_EXTENSIBLE = 0xfffe
const LITTLE_ENDIAN_HOST = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1

/** The `fmt ` chunk's fields that decoding needs. */
export interface WavFormat {
  /** 1 = integer PCM, 3 = IEEE float (WAVE_FORMAT_EXTENSIBLE resolved to its sub-format). */
  format: number
  channels: number
  sampleRate: number
  bitsPerSample: number
  /** Bytes per frame (all channels of one sample instant). */
  blockAlign: number
}

/** True when the bytes start like a RIFF/WAVE file. */
export function isWav(bytes: Uint8Array): boolean {
  return bytes.length >= 12 && ascii(bytes, 0, 4) === 'RIFF' && ascii(bytes, 8, 4) === 'WAVE'
}

/** Decodes a WAV file's samples to float channels in [-1, 1]; throws a clear error for what it cannot read. */
export function decodeWav(bytes: Uint8Array): Pcm {
  if (!isWav(bytes)) throw new Error('Not a WAV file: it does not start with RIFF….WAVE')
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength)
  let fmt: WavFormat | undefined
  let offset = 12
  while (offset + 8 <= bytes.length) {
    const id = ascii(bytes, offset, 4)
    const declared = view.getUint32(offset + 4, true)
    const body = offset + 8
    // A truncated file (or a streaming writer's 0/0xFFFFFFFF size) keeps what is there.
    const size = Math.min(declared, bytes.length - body)
    if (id === 'fmt ') fmt = parseFormat(view, body, size)
    else if (id === 'data') {
      if (!fmt) throw new Error('Unreadable WAV: the data chunk comes before the fmt chunk')
      return decodeSamples(bytes, body, size, fmt)
    }
    offset = body + size + (size & 1)
  }
  throw new Error(fmt ? 'Unreadable WAV: no data chunk' : 'Unreadable WAV: no fmt chunk')
}

function parseFormat(view: DataView, at: number, size: number): WavFormat {
  if (size < 16)
    throw new Error(`Unreadable WAV: the fmt chunk has ${size} bytes, at least 16 are needed`)
  let format = view.getUint16(at, true)
  const channels = view.getUint16(at + 2, true)
  const sampleRate = view.getUint32(at + 4, true)
  const blockAlign = view.getUint16(at + 12, true)
  const bitsPerSample = view.getUint16(at + 14, true)
  if (format === FORMAT_EXTENSIBLE) {
    if (size < 40)
      throw new Error('Unreadable WAV: WAVE_FORMAT_EXTENSIBLE without its 24-byte extension')
    format = view.getUint16(at + 24, true) // first two bytes of the sub-format GUID
  }
  if (channels < 1) throw new Error('Unreadable WAV: 0 channels')
  if (sampleRate < 1) throw new Error('Unreadable WAV: sample rate 0')
  const intBits = [8, 16, 24, 32]
  if (format === FORMAT_PCM && !intBits.includes(bitsPerSample)) {
    throw new Error(
      `Unsupported WAV: ${bitsPerSample}-bit integer PCM (8, 16, 24 and 32 are read); convert the file`,
    )
  }
  if (format === FORMAT_FLOAT && bitsPerSample !== 32) {
    throw new Error(
      `Unsupported WAV: ${bitsPerSample}-bit float (only 32-bit float is read); convert the file`,
    )
  }
  if (format !== FORMAT_PCM && format !== FORMAT_FLOAT) {
    throw new Error(
      `Unsupported WAV encoding (format tag ${format}): only PCM and 32-bit float are read; convert the file`,
    )
  }
  if (blockAlign !== (channels * bitsPerSample) / 8) {
    throw new Error(
      `Unreadable WAV: block align ${blockAlign} does not match ${channels} channels × ${bitsPerSample} bits`,
    )
  }
  return { format, channels, sampleRate, bitsPerSample, blockAlign }
}

function decodeSamples(bytes: Uint8Array, at: number, size: number, f: WavFormat): Pcm {
  const frames = Math.floor(size / f.blockAlign)
  const channels = Array.from({ length: f.channels }, () => new Float32Array(frames))
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength)
  const step = f.bitsPerSample / 8
  for (let c = 0; c < f.channels; c++) {
    const out = channels[c]
    let p = at + c * step
    if (f.format === FORMAT_FLOAT) {
      for (let i = 0; i < frames; i++, p += f.blockAlign) out[i] = view.getFloat32(p, true)
    } else if (f.bitsPerSample === 8) {
      for (let i = 0; i < frames; i++, p += f.blockAlign) out[i] = (bytes[p] - 128) / 128
    } else if (f.bitsPerSample === 16 && LITTLE_ENDIAN_HOST && (bytes.byteOffset + at) % 2 === 0) {
      // Aligned on a little-endian host (as WAV is): read through an Int16Array view, 3× faster.
      const ints = new Int16Array(bytes.buffer, bytes.byteOffset + at, frames * f.channels)
      for (let i = 0, j = c; i < frames; i++, j += f.channels) out[i] = ints[j] / 32768
    } else if (f.bitsPerSample === 16) {
      for (let i = 0; i < frames; i++, p += f.blockAlign) out[i] = view.getInt16(p, true) / 32768
    } else if (f.bitsPerSample === 24) {
      for (let i = 0; i < frames; i++, p += f.blockAlign) {
        const v = bytes[p] | (bytes[p + 1] << 8) | (bytes[p + 2] << 16)
        out[i] = ((v << 8) >> 8) / 8388608
      }
    } else {
      for (let i = 0; i < frames; i++, p += f.blockAlign)
        out[i] = view.getInt32(p, true) / 2147483648
    }
  }
  return { channels, sampleRate: f.sampleRate }
}

function ascii(bytes: Uint8Array, at: number, n: number): string {
  return String.fromCharCode(...bytes.subarray(at, at + n))
}
