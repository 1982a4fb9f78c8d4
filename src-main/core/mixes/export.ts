// A mix as a playlist file: owned songs by their file path, the others as artist + title entries.
import type { PlaylistEntry } from '../playlists/types'
import { writeM3u8, writeXspf } from '../playlists/writers'
import type { Mix } from './types'

/** The formats a mix exports to. */
export type MixExportFormat = 'm3u8' | 'xspf'

/** What the library knows about an owned track at export time (its file may have moved). */
export interface TrackFile {
  path?: string
  /** Seconds, when the file's tags or decoder told. */
  duration?: number | null
}

/** The mix's songs as playlist entries (`fileOf` gives an owned track's current path and duration). */
export function mixEntries(
  mix: Mix,
  fileOf?: (trackId: number) => TrackFile | undefined,
): PlaylistEntry[] {
  return mix.tracks.map((t) => {
    const e: PlaylistEntry = { artist: t.artist, title: t.title }
    const file = t.owned && t.trackId !== undefined ? fileOf?.(t.trackId) : undefined
    const location = t.owned ? (file?.path ?? t.path) : undefined
    if (location) e.location = location
    if (file?.duration && file.duration > 0) e.duration = file.duration
    return e
  })
}

/**
 * The mix as an M3U8 or XSPF document. M3U8 holds only playable entries (owned files, with their
 * real durations); the songs the user does not own are listed as comments.
 */
export function exportMix(
  mix: Mix,
  format: MixExportFormat,
  fileOf?: (trackId: number) => TrackFile | undefined,
): string {
  const entries = mixEntries(mix, fileOf)
  if (format === 'm3u8') return writeM3u8(entries, { name: mix.name, missing: 'comment' })
  if (format === 'xspf') return writeXspf(mix.name, entries)
  throw new Error(`Unknown export format "${String(format)}" — use m3u8 or xspf`)
}

/**
 * A file name for the mix that every file system and player accepts: "Daily Mix 1: Jazz · Miles
 * Davis, Nina Simone" -> "Daily Mix 1 - Jazz - Miles Davis, Nina Simone.m3u8".
 */
export function mixFileName(name: string, format: MixExportFormat): string {
  const base = name
    .replace(/\s*[:·|/\\—–]\s*/g, ' - ')
    .replace(/[^\p{L}\p{N} ,'&()._-]+/gu, '')
    .replace(/\s+/g, ' ')
    .replace(/( - )+/g, ' - ')
    .replace(/^[\s.-]+|[\s.-]+$/g, '')
    .slice(0, 120)
    .trim()
  return `${base || 'mix'}.${format}`
}
