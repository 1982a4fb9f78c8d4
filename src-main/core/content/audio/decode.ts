// Decodes an audio file's bytes to PCM: our WAV and AIFF readers, WASM decoders for MP3, FLAC and Ogg, and ffmpeg (when installed) for the rest.
import { basename } from 'node:path'
import { decodeAiff, isAiff } from './aiff'
import { decodeBytesWithFfmpeg, decodeWithFfmpeg, findFfmpeg } from './ffmpeg-decode'
import type { Pcm } from './pcm'
import { decodeWav, isWav } from './wav'

/** The formats decoded in-process (no native binary). */
export type OwnFormat = 'wav' | 'aiff' | 'mp3' | 'flac' | 'ogg-vorbis' | 'ogg-opus'

/** Formats recognised by their content that only ffmpeg decodes here (no maintained MIT-compatible WASM decoder). */
export type FfmpegFormat = 'mp4' | 'aac' | 'asf' | 'ape' | 'wavpack' | 'caf'

/** The containers/codecs this module recognises by their first bytes. */
export type AudioFormat = OwnFormat | FfmpegFormat

const OWN: ReadonlySet<AudioFormat> = new Set<OwnFormat>([
  'wav',
  'aiff',
  'mp3',
  'flac',
  'ogg-vorbis',
  'ogg-opus',
])

/** The phrase every "needs ffmpeg" message carries (the status counts those failures apart). */
export const TAGS_ONLY = 'placed by its tags only'

/** True for a recorded analysis failure that only means "this format needs ffmpeg", not a broken file. */
export function isTagsOnlyReason(reason: string): boolean {
  return reason.includes(TAGS_ONLY)
}

/** Guesses the format from magic bytes (ID3 or an MPEG frame sync for MP3, ADTS for raw AAC); undefined when unknown. */
export function sniffFormat(bytes: Uint8Array): AudioFormat | undefined {
  if (isWav(bytes)) return 'wav'
  if (isAiff(bytes)) return 'aiff'
  const head = ascii(bytes, 0, 4)
  if (head === 'fLaC') return 'flac'
  if (head === 'OggS') {
    const firstPage = ascii(bytes, 0, 200)
    if (firstPage.includes('OpusHead')) return 'ogg-opus'
    if (firstPage.includes('vorbis')) return 'ogg-vorbis'
    return undefined
  }
  // MP4 starts with its ftyp box; old QuickTime-style files with moov, mdat or a wide/free atom.
  if (['ftyp', 'moov', 'mdat', 'wide', 'free'].includes(ascii(bytes, 4, 4))) return 'mp4'
  if (head === 'MAC ') return 'ape'
  if (head === 'wvpk') return 'wavpack'
  if (head === 'caff') return 'caf'
  if (ASF_GUID.every((b, i) => bytes[i] === b)) return 'asf'
  // An ID3v2 tag may precede MP3 frames or raw AAC (ADTS): look past it.
  let at = 0
  if (head.startsWith('ID3') && bytes.length >= 10) {
    const size = (bytes[6] << 21) | (bytes[7] << 14) | (bytes[8] << 7) | bytes[9]
    at = 10 + size + (bytes[5] & 0x10 ? 10 : 0)
    if (isAdts(bytes, at)) return 'aac'
    return 'mp3'
  }
  if (isAdts(bytes, at)) return 'aac'
  if (
    bytes.length >= 2 &&
    bytes[0] === 0xff &&
    (bytes[1] & 0xe0) === 0xe0 &&
    (bytes[1] & 0x06) !== 0
  )
    return 'mp3'
  return undefined
}

/** The ASF header object's GUID (WMA/WMV files). */
const ASF_GUID = [0x30, 0x26, 0xb2, 0x75, 0x8e, 0x66, 0xcf, 0x11, 0xa6, 0xd9, 0x00, 0xaa, 0x00]

/** An ADTS header at `at`: 12-bit sync 0xFFF and layer 00 (MP3 frames have layer ≠ 00), a valid rate index. */
function isAdts(bytes: Uint8Array, at: number): boolean {
  if (bytes.length < at + 7) return false
  if (bytes[at] !== 0xff || (bytes[at + 1] & 0xf6) !== 0xf0) return false
  const rateIndex = (bytes[at + 2] >> 2) & 0x0f
  const frameLength = ((bytes[at + 3] & 0x03) << 11) | (bytes[at + 4] << 3) | (bytes[at + 5] >> 5)
  return rateIndex < 13 && frameLength >= 7
}

/** What a format is, in words for messages: "AAC in an M4A file", "WMA (ASF)"… */
export function describeFormat(bytes: Uint8Array, format: AudioFormat): string {
  switch (format) {
    case 'mp4': {
      const brand = ascii(bytes, 8, 4)
      const box =
        brand === 'M4A ' || brand === 'M4B ' || brand === 'M4P '
          ? `an ${brand.trim()} file`
          : brand === 'qt  '
            ? 'a QuickTime file'
            : brand.startsWith('3g')
              ? 'a 3GP file'
              : 'an MP4 file'
      const codec = mp4AudioCodec(bytes)
      return codec ? `${codec} in ${box}` : box
    }
    case 'aac':
      return 'raw AAC (ADTS)'
    case 'asf':
      return 'WMA (an ASF file)'
    case 'ape':
      return "Monkey's Audio (APE)"
    case 'wavpack':
      return 'WavPack'
    case 'caf':
      return 'a Core Audio (CAF) file'
    default:
      return format.toUpperCase()
  }
}

const MP4_CODECS: Record<string, string> = {
  mp4a: 'AAC',
  alac: 'ALAC (Apple Lossless)',
  'ac-3': 'AC-3',
  'ec-3': 'E-AC-3',
  Opus: 'Opus',
  fLaC: 'FLAC',
  '.mp3': 'MP3',
}

/** The audio sample entry of the first `stsd` box naming a known audio codec (the moov box may be at the end). */
function mp4AudioCodec(bytes: Uint8Array): string | undefined {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength)
  for (let p = buf.indexOf('stsd'), tries = 0; p >= 0 && tries < 16; tries++) {
    const codec = MP4_CODECS[ascii(bytes, p + 16, 4)]
    if (codec) return codec
    p = buf.indexOf('stsd', p + 4)
  }
  return undefined
}

/** Options of {@link decodeAudio}. */
export interface DecodeOptions {
  /** The file the bytes were read from (ffmpeg reads it directly rather than a temporary copy). */
  path?: string
  /** Rate and channels ffmpeg should output (it resamples and mixes in C); own decoders keep the file's. */
  sampleRate?: number
  channels?: number
  /** Aborting kills a running ffmpeg. */
  signal?: AbortSignal
}

/**
 * Decodes `bytes` (format sniffed from its content); `name` only makes error messages clearer.
 * WAV, AIFF, MP3, FLAC and Ogg are decoded in-process; AAC/ALAC in MP4, WMA, APE, WavPack, CAF and
 * unrecognised content go through ffmpeg when one is installed (`SEGUE_FFMPEG` or `PATH`). Without
 * ffmpeg a recognised format is refused with a message containing {@link TAGS_ONLY}.
 */
export async function decodeAudio(
  bytes: Uint8Array,
  name = 'audio file',
  opts: DecodeOptions = {},
): Promise<Pcm> {
  const format = sniffFormat(bytes)
  let pcm: Pcm
  if (format && OWN.has(format)) {
    pcm =
      format === 'wav'
        ? decodeWav(bytes)
        : format === 'aiff'
          ? decodeAiff(bytes)
          : await decodeWasm(format as Exclude<OwnFormat, 'wav' | 'aiff'>, bytes)
  } else {
    const ffmpeg = findFfmpeg()
    const own = 'a WAV, AIFF, MP3, FLAC, Ogg Vorbis or Ogg Opus file'
    if (!ffmpeg.path) {
      if (!format)
        throw new Error(
          `Cannot decode ${name}: not ${own} (convert it to one of these, or install ffmpeg)`,
        )
      throw new Error(
        `${basename(name)} is ${describeFormat(bytes, format)}: Segue cannot decode it without ffmpeg, ` +
          `so it is ${TAGS_ONLY} (${ffmpeg.missing}; install ffmpeg, or set SEGUE_FFMPEG to its path, to place it by its sound too)`,
      )
    }
    const ffOpts = { ...opts, ffmpeg: ffmpeg.path }
    try {
      pcm = opts.path
        ? await decodeWithFfmpeg(opts.path, name, ffOpts)
        : await decodeBytesWithFfmpeg(bytes, name, ffOpts)
    } catch (e) {
      if (format || (e as Error).name === 'AbortError') throw e
      throw new Error(
        `Cannot decode ${name}: not ${own}, and ffmpeg cannot read it either (${(e as Error).message})`,
      )
    }
  }
  const samples = pcm.channels[0]?.length ?? 0
  if (samples === 0)
    throw new Error(`Cannot decode ${name}: the ${format} stream holds no audio samples`)
  return pcm
}

function ascii(bytes: Uint8Array, at: number, n: number): string {
  return String.fromCharCode(...bytes.subarray(at, Math.min(bytes.length, at + n)))
}

interface WasmDecoded {
  channelData: Float32Array[]
  samplesDecoded: number
  sampleRate: number
}

async function decodeWasm(
  format: Exclude<OwnFormat, 'wav' | 'aiff'>,
  bytes: Uint8Array,
): Promise<Pcm> {
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
