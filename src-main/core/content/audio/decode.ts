// Decodes an audio file's bytes to PCM without native binaries: our WAV reader, WASM decoders for MP3, FLAC and Ogg.
import type { Pcm } from './pcm'
import { decodeWav, isWav } from './wav'

/** The containers/codecs this module recognises by their first bytes. */
export type AudioFormat = 'wav' | 'mp3' | 'flac' | 'ogg-vorbis' | 'ogg-opus'

/** Guesses the format from magic bytes (ID3 or an MPEG frame sync for MP3); undefined when unknown. */
export function sniffFormat(bytes: Uint8Array): AudioFormat | undefined {
  if (isWav(bytes)) return 'wav'
  const head = String.fromCharCode(...bytes.subarray(0, 4))
  if (head === 'fLaC') return 'flac'
  if (head === 'OggS') {
    const firstPage = String.fromCharCode(...bytes.subarray(0, Math.min(bytes.length, 200)))
    if (firstPage.includes('OpusHead')) return 'ogg-opus'
    if (firstPage.includes('vorbis')) return 'ogg-vorbis'
    return undefined
  }
  if (head.startsWith('ID3')) return 'mp3'
  if (
    bytes.length >= 2 &&
    bytes[0] === 0xff &&
    (bytes[1] & 0xe0) === 0xe0 &&
    (bytes[1] & 0x06) !== 0
  )
    return 'mp3'
  return undefined
}

/** Decodes `bytes` (format sniffed from its content); `name` only makes error messages clearer. */
export async function decodeAudio(bytes: Uint8Array, name = 'audio file'): Promise<Pcm> {
  const format = sniffFormat(bytes)
  if (!format) {
    throw new Error(
      `Cannot decode ${name}: not a WAV, MP3, FLAC, Ogg Vorbis or Ogg Opus file (convert it to one of these)`,
    )
  }
  const pcm = format === 'wav' ? decodeWav(bytes) : await decodeWasm(format, bytes)
  const samples = pcm.channels[0]?.length ?? 0
  if (samples === 0)
    throw new Error(`Cannot decode ${name}: the ${format} stream holds no audio samples`)
  return pcm
}

interface WasmDecoded {
  channelData: Float32Array[]
  samplesDecoded: number
  sampleRate: number
}

async function decodeWasm(format: Exclude<AudioFormat, 'wav'>, bytes: Uint8Array): Promise<Pcm> {
  let out: WasmDecoded
  if (format === 'mp3') {
    const { MPEGDecoder } = await import('mpg123-decoder')
    const d = new MPEGDecoder()
    await d.ready
    try {
      out = d.decode(bytes)
    } finally {
      d.free()
    }
  } else if (format === 'flac') {
    const { FLACDecoder } = await import('@wasm-audio-decoders/flac')
    const d = new FLACDecoder()
    await d.ready
    try {
      out = await d.decodeFile(bytes)
    } finally {
      d.free()
    }
  } else if (format === 'ogg-vorbis') {
    const { OggVorbisDecoder } = await import('@wasm-audio-decoders/ogg-vorbis')
    const d = new OggVorbisDecoder()
    await d.ready
    try {
      out = await d.decodeFile(bytes)
    } finally {
      d.free()
    }
  } else {
    const { OggOpusDecoder } = await import('ogg-opus-decoder')
    const d = new OggOpusDecoder()
    await d.ready
    try {
      out = await d.decodeFile(bytes)
    } finally {
      d.free()
    }
  }
  const n = out.samplesDecoded
  return { channels: out.channelData.map((c) => c.subarray(0, n)), sampleRate: out.sampleRate }
}
