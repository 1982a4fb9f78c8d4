// Reads one audio file's tags and stream facts with music-metadata, filling missing artist/title from the file name.
import { readFile } from 'node:fs/promises'
import { parseBuffer, parseFile } from 'music-metadata'
import { tagsFromFileName } from './filename-tags'
import { describeFsError } from './scan-failure'

/** What the library stores about one file's content. */
export interface TrackTags {
  title: string | null
  artist: string | null
  album: string | null
  albumArtist: string | null
  trackNo: number | null
  discNo: number | null
  year: number | null
  genre: string | null
  /** Seconds. */
  duration: number | null
  /** Bits per second. */
  bitrate: number | null
  mbTrackId: string | null
  mbAlbumId: string | null
  mbArtistId: string | null
  /** Container / codec, e.g. "MPEG 1 Layer 3". */
  codec: string | null
  /** Where artist and title came from. */
  tagsFrom: 'tags' | 'file name' | 'tags and file name'
}

/** Longest time one file may take to read before it is reported as a failure. */
const READ_TIMEOUT_MS = 30_000

/**
 * Reads the file at `path`. Throws an Error whose message is the failure reason for empty,
 * truncated, corrupt or non-audio files.
 */
export async function readTrackTags(path: string, size: number): Promise<TrackTags> {
  if (size === 0) throw new Error('empty file (0 bytes)')
  let timer: NodeJS.Timeout | undefined
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new Error(`reading the tags took over ${READ_TIMEOUT_MS / 1000} s — skipped`)),
      READ_TIMEOUT_MS,
    )
  })
  let meta: Awaited<ReturnType<typeof parseFile>>
  try {
    meta = await Promise.race([parse(path, size), timeout])
  } catch (e) {
    if (typeof (e as NodeJS.ErrnoException)?.code === 'string') throw new Error(describeFsError(e))
    const msg = (e as Error)?.message ?? String(e)
    throw new Error(`unreadable or corrupt audio file: ${msg}`)
  } finally {
    clearTimeout(timer)
  }
  const { common, format } = meta
  const hasStream = Boolean(format.codec) || (format.duration !== undefined && format.duration > 0)
  if (!hasStream) {
    throw new Error(
      format.container
        ? `no audio stream found in the ${format.container} container — the file is truncated or corrupt`
        : 'not a recognisable audio file — corrupt, truncated, or a different format than its extension says',
    )
  }
  const fromName = tagsFromFileName(path)
  const tagTitle = text(common.title)
  const tagArtist = text(common.artist) ?? text(common.artists?.join(', '))
  const title = tagTitle ?? fromName.title ?? null
  const artist = tagArtist ?? fromName.artist ?? null
  const usedName =
    (tagTitle === undefined && title !== null) || (tagArtist === undefined && artist !== null)
  const usedTags = tagTitle !== undefined || tagArtist !== undefined
  return {
    title,
    artist,
    album: text(common.album) ?? null,
    albumArtist: text(common.albumartist) ?? null,
    trackNo: posInt(common.track?.no) ?? fromName.trackNo ?? null,
    discNo: posInt(common.disk?.no) ?? null,
    year: posInt(common.year) ?? null,
    genre: text(common.genre?.join('; ')) ?? null,
    duration: finite(format.duration),
    bitrate: finite(format.bitrate),
    mbTrackId: text(common.musicbrainz_recordingid) ?? null,
    mbAlbumId: text(common.musicbrainz_albumid) ?? null,
    mbArtistId: text(common.musicbrainz_artistid?.[0]) ?? null,
    codec: text(format.codec) ?? text(format.container) ?? null,
    tagsFrom: usedName ? (usedTags ? 'tags and file name' : 'file name') : 'tags',
  }
}

/** Files up to this size are read whole (one read instead of many small ones — about twice as fast). */
const WHOLE_FILE_LIMIT = 1024 * 1024

function parse(path: string, size: number): ReturnType<typeof parseFile> {
  const options = { skipCovers: true, duration: false }
  if (size > WHOLE_FILE_LIMIT) return parseFile(path, options)
  return readFile(path).then((bytes) => parseBuffer(bytes, { path, size: bytes.length }, options))
}

/** Trims, drops NULs, repairs UTF-8 that was read as Latin-1 ("CafÃ©" → "Café"); empty → undefined. */
export function text(v: string | undefined | null): string | undefined {
  if (v === undefined || v === null) return undefined
  const s = repairMojibake(v.replace(/\0/g, '').trim())
  return s === '' ? undefined : s
}

/** Latin-1-decoded UTF-8 (common in RIFF INFO and ID3v1) decoded again; other text is returned unchanged. */
export function repairMojibake(s: string): string {
  if (!/[\u00c2-\u00f4][\u0080-\u00bf]/.test(s)) return s
  for (let i = 0; i < s.length; i++) if (s.charCodeAt(i) > 0xff) return s
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(Buffer.from(s, 'latin1'))
  } catch {
    return s
  }
}

function posInt(n: number | null | undefined): number | undefined {
  return typeof n === 'number' && Number.isInteger(n) && n > 0 ? n : undefined
}

function finite(n: number | undefined): number | null {
  return typeof n === 'number' && Number.isFinite(n) && n > 0 ? n : null
}
