// The audio file extensions a library scan reads.
import { extname } from 'node:path'

/** Lower-case extensions (with the dot) of the audio formats Segue indexes. */
export const AUDIO_EXTENSIONS: ReadonlySet<string> = new Set([
  '.mp3',
  '.flac',
  '.ogg',
  '.oga',
  '.opus',
  '.m4a',
  '.aac',
  '.alac',
  '.wav',
  '.aiff',
  '.aif',
  '.wma',
  '.wv',
  '.ape',
  '.mpc',
])

/** True when the file name has one of the supported audio extensions (any case). */
export function isAudioFile(name: string): boolean {
  return AUDIO_EXTENSIONS.has(extname(name).toLowerCase())
}
