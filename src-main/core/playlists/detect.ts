// Decides a playlist file's format from its content first (strong signatures), then from its extension.
import { extname } from 'node:path'
import { looksLikePlaylistCsv } from './csv'
import type { PlaylistFormat } from './types'

const BY_EXTENSION: Record<string, PlaylistFormat> = {
  '.m3u': 'm3u',
  '.m3u8': 'm3u',
  '.m3a': 'm3u',
  '.txt': 'm3u',
  '.pls': 'pls',
  '.xspf': 'xspf',
  '.xml': 'itunes-xml',
  '.json': 'spotify-json',
  '.csv': 'csv',
  '.tsv': 'csv',
}

/** Extensions a folder scan treats as playlists (the unambiguous ones). */
export const PLAYLIST_EXTENSIONS_IN_FOLDERS = new Set(['.m3u', '.m3u8', '.pls', '.xspf'])

/**
 * The format of a file named `fileName` whose decoded beginning is `head`, or undefined when
 * neither the content nor the extension says.
 */
export function detectFormat(fileName: string, head: string): PlaylistFormat | undefined {
  const s = head.replace(/^\uFEFF/, '').trimStart()
  if (/^#EXTM3U/i.test(s)) return 'm3u'
  if (/^\[playlist\]/i.test(s)) return 'pls'
  if (s.startsWith('<')) {
    const probe = s.slice(0, 4096)
    if (/<plist[\s>]/.test(probe)) return 'itunes-xml'
    if (/<([a-z]+:)?playlist[\s>]/i.test(probe)) return 'xspf'
  }
  const ext = extname(fileName).toLowerCase()
  const byExt = BY_EXTENSION[ext]
  if (s.startsWith('{') && (byExt === undefined || byExt === 'spotify-json')) return 'spotify-json'
  // A header row naming title and artist columns is a CSV/TSV whatever the extension: iTunes/Music
  // "Export Playlist…" writes tab-separated UTF-16 text as .txt (no M3U starts with such a row).
  if (byExt !== 'spotify-json' && byExt !== 'xspf' && looksLikePlaylistCsv(s.slice(0, 4096)))
    return 'csv'
  return byExt
}
