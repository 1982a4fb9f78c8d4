// A mix as a playlist file: owned songs by their file path, the others as artist + title entries.
import type { PlaylistEntry } from '../playlists/types'
import { writeM3u8, writeXspf } from '../playlists/writers'
import type { Mix } from './types'

/** The formats a mix exports to. */
export type MixExportFormat = 'm3u8' | 'xspf'

/** The mix's songs as playlist entries (`pathOf` overrides the stored path of an owned track, e.g. after a relink). */
export function mixEntries(
  mix: Mix,
  pathOf?: (trackId: number) => string | undefined,
): PlaylistEntry[] {
  return mix.tracks.map((t) => {
    const e: PlaylistEntry = { artist: t.artist, title: t.title }
    const location =
      t.owned && t.trackId !== undefined ? (pathOf?.(t.trackId) ?? t.path) : undefined
    if (location) e.location = location
    return e
  })
}

/** The mix as an M3U8 or XSPF document. */
export function exportMix(
  mix: Mix,
  format: MixExportFormat,
  pathOf?: (trackId: number) => string | undefined,
): string {
  const entries = mixEntries(mix, pathOf)
  if (format === 'm3u8') return writeM3u8(entries, { name: mix.name })
  if (format === 'xspf') return writeXspf(mix.name, entries)
  throw new Error(`Unknown export format "${String(format)}" — use m3u8 or xspf`)
}
