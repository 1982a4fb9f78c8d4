// Parses AIFF and uncompressed AIFF-C files ourselves: big-endian integer PCM 8–32-bit, 'sowt' (little-endian) and float.
import type { Pcm } from './pcm'

/** True when the bytes start like an AIFF or AIFF-C file. */
export function isAiff(bytes: Uint8Array): boolean {
  if (bytes.length < 12 || ascii(bytes, 0, 4) !== 'FORM') return false
  const kind = ascii(bytes, 8, 4)
  return kind === 'AIFF' || kind === 'AIFC'
}

interface Comm {
  channels: number
  frames: number
  bits: number
  sampleRate: number
  /** 'NONE' (big-endian PCM), 'sowt' (little-endian), 'fl32', 'fl64'. */
  compression: string
}

/** Decodes an AIFF file's samples to float channels in [-1, 1]; throws a clear error for what it cannot read. */
export function decodeAiff(bytes: Uint8Array): Pcm {
  if (!isAiff(bytes)) throw new Error('Not an AIFF file: it does not start with FORM….AIFF')
  const aifc = ascii(bytes, 8, 4) === 'AIFC'
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength)
  let comm: Comm | undefined
  let data: { start: number; end: number } | undefined
  for (let offset = 12; offset + 8 <= bytes.length;) {
    const id = ascii(bytes, offset, 4)
    const body = offset + 8
    const size = Math.min(view.getUint32(offset + 4), bytes.length - body)
    if (id === 'COMM' && size >= 18) {
      comm = {
        channels: view.getInt16(body),
        frames: view.getUint32(body + 2),
        bits: view.getInt16(body + 6),
        sampleRate: extended(view, body + 8),
        compression: aifc && size >= 22 ? ascii(bytes, body + 18, 4) : 'NONE',
      }
    } else if (id === 'SSND' && size >= 8) {
      data = { start: body + 8 + view.getUint32(body), end: body + size }
    }
    offset = body + size + (size % 2)
  }
  if (!comm) throw new Error('Unreadable AIFF: it has no COMM chunk')
  if (!data) throw new Error('Unreadable AIFF: it has no sound data (SSND chunk)')
  const { channels, sampleRate, compression } = comm
  let { bits } = comm
  if (compression === 'fl32' || compression === 'FL32') bits = 32
  else if (compression === 'fl64' || compression === 'FL64') bits = 64
  else if (compression === 'sowt') {
    if (bits !== 16) throw new Error(`Unsupported AIFF-C: 'sowt' with ${bits}-bit samples`)
  } else if (compression !== 'NONE' && compression !== 'twos' && compression !== 'in24')
    throw new Error(`Unsupported AIFF-C compression '${compression}'`)
  const float = ['fl32', 'fl64'].includes(compression.toLowerCase())
  if (channels < 1 || !(sampleRate > 0) || bits < 1 || bits > (float ? 64 : 32))
    throw new Error(
      `Unreadable AIFF: ${channels} channels, ${bits}-bit samples at ${sampleRate} Hz`,
    )
  const width = Math.ceil(bits / 8)
  const frames = Math.min(comm.frames, Math.floor((data.end - data.start) / (width * channels)))
  const out = Array.from({ length: channels }, () => new Float32Array(Math.max(0, frames)))
  const little = compression === 'sowt'
  const scale = 1 / 2 ** (8 * width - 1)
  let o = data.start
  for (let i = 0; i < frames; i++) {
    for (let c = 0; c < channels; c++, o += width) {
      let v: number
      if (float) v = width === 8 ? view.getFloat64(o) : view.getFloat32(o)
      else if (width === 1) v = view.getInt8(o) * scale
      else if (width === 2) v = view.getInt16(o, little) * scale
      else if (width === 3) v = ((view.getInt8(o) << 16) | view.getUint16(o + 1)) * scale
      else v = view.getInt32(o) * scale
      out[c][i] = v
    }
  }
  return { channels: out, sampleRate }
}

/** An 80-bit IEEE 754 extended-precision number (the COMM chunk's sample rate). */
function extended(view: DataView, at: number): number {
  const se = view.getUint16(at)
  const exp = (se & 0x7fff) - 16383 - 63
  const mantissa = view.getUint32(at + 2) * 2 ** 32 + view.getUint32(at + 6)
  const v = mantissa * 2 ** exp
  return se & 0x8000 ? -v : v
}

function ascii(bytes: Uint8Array, at: number, n: number): string {
  return String.fromCharCode(...bytes.subarray(at, at + n))
}
