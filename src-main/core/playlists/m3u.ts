// Reads M3U / M3U8 playlists: plain path lists and extended #EXTM3U files with #EXTINF, #EXTART, #EXTALB, #PLAYLIST.
import { splitDisplayTitle } from './display-title'
import { normalizeLocation } from './location'
import type { ParsedPlaylist, PlaylistEntry } from './types'

/** Parses M3U text (already decoded); `name` is used unless the file names itself with #PLAYLIST. */
export function readM3u(text: string, name = ''): ParsedPlaylist {
  const entries: PlaylistEntry[] = []
  const warnings: string[] = []
  let playlistName = name
  let pending: PlaylistEntry | undefined
  let pendingLine = 0
  const lines = text.split(/\r\n|\r|\n/)
  const extended = /^\uFEFF?\s*#EXTM3U/i.test(text)
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i].replace(/^\uFEFF/, '').trim()
    if (line === '') continue
    if (line.startsWith('#')) {
      const upper = line.slice(0, 10).toUpperCase()
      if (upper.startsWith('#EXTINF:')) {
        if (pending?.title || pending?.artist) entries.push(pending) // an #EXTINF with no path: keep what it says
        pending = parseExtinf(line.slice(8))
        pendingLine = i + 1
      } else if (upper.startsWith('#EXTART:')) {
        pending = { ...pending, artist: line.slice(8).trim() || pending?.artist }
        pendingLine ||= i + 1
      } else if (upper.startsWith('#EXTALB:')) {
        pending = { ...pending, album: line.slice(8).trim() || pending?.album }
        pendingLine ||= i + 1
      } else if (upper.startsWith('#PLAYLIST:')) {
        const n = line.slice(10).trim()
        if (n !== '') playlistName = n
      }
      continue
    }
    if (extended && pending === undefined && isDecoration(line)) {
      warnings.push(`line ${i + 1}: separator line "${line.slice(0, 40)}" — not an entry`)
      continue
    }
    const location = normalizeLocation(line)
    if (location === undefined) continue
    entries.push({ ...pending, location })
    pending = undefined
    pendingLine = 0
  }
  if (pending) {
    if (pending.title || pending.artist) entries.push(pending)
    else warnings.push(`line ${pendingLine}: #EXTINF without a following path or title — skipped`)
  }
  return { name: playlistName, entries: entries.map(clean), warnings }
}

/**
 * A decorative separator of an extended M3U ("====morocco====", "----- News -----", "*****"):
 * it opens and closes with a run of 3+ of the same punctuation mark. No file or URL looks like that.
 */
export function isDecoration(line: string): boolean {
  return /^([=\-*_~+#.])\1{2,}.*\1{3}$/.test(line) || /^([=\-*_~+.])\1{2,}$/.test(line)
}

/** `#EXTINF:123 key="v" …,Artist - Title` → duration and display parts. */
function parseExtinf(rest: string): PlaylistEntry {
  const comma = findInfoComma(rest)
  const head = comma < 0 ? rest : rest.slice(0, comma)
  const display = comma < 0 ? '' : rest.slice(comma + 1)
  const entry: PlaylistEntry = {}
  const d = Number.parseFloat(head.trim().split(/\s+/)[0] ?? '')
  if (Number.isFinite(d) && d > 0) entry.duration = d
  const { artist, title } = splitDisplayTitle(display)
  if (artist) entry.artist = artist
  if (title) entry.title = title
  return entry
}

/** The comma that ends the duration/attributes part, skipping commas inside quoted attribute values. */
function findInfoComma(s: string): number {
  let quoted = false
  for (let i = 0; i < s.length; i++) {
    const c = s[i]
    if (c === '"') quoted = !quoted
    else if (c === ',' && !quoted) return i
  }
  return s.indexOf(',')
}

function clean(e: PlaylistEntry): PlaylistEntry {
  const out: PlaylistEntry = {}
  if (e.location) out.location = e.location
  if (e.artist) out.artist = e.artist
  if (e.title) out.title = e.title
  if (e.album) out.album = e.album
  if (e.duration !== undefined) out.duration = e.duration
  return out
}
