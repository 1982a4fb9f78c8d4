// Writes playlists and mixes as M3U8 (EXTM3U with EXTINF) and XSPF (escaped XML) — files the readers read back unchanged.
import { joinDisplayTitle } from './display-title'
import { isUrl } from './location'
import type { PlaylistEntry } from './types'

/** Output choices for M3U8. */
export interface M3u8Options {
  /** Name written as #PLAYLIST. */
  name?: string
  /**
   * What becomes of an entry without a location: `extinf` (default) keeps its #EXTINF line (Segue
   * reads it back as artist + title, other players skip it); `comment` writes a plain comment
   * `# not in your library: Artist - Title`, so the file holds only entries a player can play.
   */
  missing?: 'extinf' | 'comment'
}

/**
 * `#EXTM3U`, then per entry `#EXTINF:<seconds>,Artist - Title` and its path (seconds -1 when the
 * duration is unknown, as the format says). Entries without a location: see {@link M3u8Options.missing}.
 */
export function writeM3u8(entries: PlaylistEntry[], options: M3u8Options = {}): string {
  const lines = ['#EXTM3U']
  if (options.name) lines.push(`#PLAYLIST:${oneLine(options.name)}`)
  for (const e of entries) {
    if (!e.location && options.missing === 'comment') {
      lines.push(`# not in your library: ${oneLine(joinDisplayTitle(e.artist, e.title))}`)
      continue
    }
    const seconds = e.duration !== undefined && e.duration > 0 ? Math.round(e.duration) : -1
    lines.push(`#EXTINF:${seconds},${oneLine(joinDisplayTitle(e.artist, e.title))}`)
    if (e.album) lines.push(`#EXTALB:${oneLine(e.album)}`)
    if (e.location) lines.push(oneLine(e.location.startsWith('#') ? `./${e.location}` : e.location))
  }
  return `${lines.join('\n')}\n`
}

/** An XSPF document: title, and per track location (file:// URL for paths), creator, title, album, duration (ms). */
export function writeXspf(name: string, entries: PlaylistEntry[]): string {
  const out = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<playlist version="1" xmlns="http://xspf.org/ns/0/">',
  ]
  out.push(`  <title>${escapeXml(name)}</title>`, '  <trackList>')
  for (const e of entries) {
    out.push('    <track>')
    if (e.location) out.push(`      <location>${escapeXml(toUrl(e.location))}</location>`)
    if (e.artist) out.push(`      <creator>${escapeXml(e.artist)}</creator>`)
    if (e.title) out.push(`      <title>${escapeXml(e.title)}</title>`)
    if (e.album) out.push(`      <album>${escapeXml(e.album)}</album>`)
    if (e.duration !== undefined && e.duration > 0)
      out.push(`      <duration>${Math.round(e.duration * 1000)}</duration>`)
    out.push('    </track>')
  }
  out.push('  </trackList>', '</playlist>')
  return `${out.join('\n')}\n`
}

/** Escapes markup characters and drops characters XML 1.0 cannot carry. */
export function escapeXml(s: string): string {
  return s
    .replace(/[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;')
}

function toUrl(raw: string): string {
  const location = /^[a-z]:\\/i.test(raw) ? raw.replace(/\\/g, '/') : raw
  if (isUrl(location)) return location
  if (/^[a-z]:\//i.test(location)) return `file:///${encodePath(location)}`
  if (location.startsWith('/')) return `file://${encodePath(location)}`
  return encodePath(location) // relative: a relative URL
}

/** Percent-encodes each path segment (lone surrogates become U+FFFD first, so encoding cannot fail). */
function encodePath(p: string): string {
  return p
    .replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '\uFFFD')
    .split('/')
    .map((seg) => (/^[a-z]:$/i.test(seg) ? seg : encodeURIComponent(seg)))
    .join('/')
}

function oneLine(s: string): string {
  return s.replace(/[\r\n]+/g, ' ')
}
