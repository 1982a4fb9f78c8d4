// Reads XSPF playlists: <playlist><title/><trackList><track> with location and/or creator + title, album, duration (ms).
import { isUrl, normalizeLocation, percentDecode } from './location'
import type { ParsedPlaylist, PlaylistEntry } from './types'
import { localName, XmlTokenizer } from './xml-tokenizer'

/** Parses XSPF text (already decoded). Tolerates namespace prefixes and mis-nested tags (with a warning). */
export function readXspf(text: string, name = ''): ParsedPlaylist {
  const entries: PlaylistEntry[] = []
  const warnings: string[] = []
  const stack: string[] = []
  let playlistTitle = ''
  let sawPlaylist = false
  let track: { fields: Map<string, string>; locations: string[] } | undefined
  let trackDepth = -1
  let buffer = ''

  const tokenizer = new XmlTokenizer({
    open(raw) {
      const n = localName(raw)
      stack.push(n)
      buffer = ''
      if (n === 'playlist') sawPlaylist = true
      if (n === 'track' && track === undefined && stack.includes('trackList')) {
        track = { fields: new Map(), locations: [] }
        trackDepth = stack.length
      }
    },
    text(t) {
      buffer += t
    },
    close(raw) {
      const n = localName(raw)
      const at = stack.lastIndexOf(n)
      if (at < 0) {
        warnings.push(`unexpected </${raw}> — ignored`)
        return
      }
      if (at !== stack.length - 1)
        warnings.push(`<${stack[stack.length - 1]}> closed by </${raw}> — repaired`)
      const depth = at + 1
      const value = buffer.trim()
      buffer = ''
      if (track !== undefined && depth === trackDepth + 1) {
        if (n === 'location') track.locations.push(value)
        else if (!track.fields.has(n)) track.fields.set(n, value)
      } else if (track === undefined && n === 'title' && stack[at - 1] === 'playlist') {
        playlistTitle = value
      }
      if (track !== undefined && depth <= trackDepth) {
        const entry = toEntry(track)
        if (entry) entries.push(entry)
        else warnings.push(`track ${entries.length + 1} has no location and no title — skipped`)
        track = undefined
        trackDepth = -1
      }
      stack.length = at
    },
  })
  tokenizer.write(text)
  try {
    tokenizer.end()
  } catch (e) {
    warnings.push((e as Error).message)
  }
  if (track !== undefined) {
    const entry = toEntry(track)
    if (entry) entries.push(entry)
    warnings.push('the file ends inside a <track> — the file is cut short')
  }
  if (!sawPlaylist) throw new Error('Not an XSPF playlist: no <playlist> element')
  return { name: playlistTitle || name, entries, warnings }
}

function toEntry(t: {
  fields: Map<string, string>
  locations: string[]
}): PlaylistEntry | undefined {
  const e: PlaylistEntry = {}
  for (const raw of t.locations) {
    // XSPF locations are URIs: relative ones are percent-encoded too.
    const loc = normalizeLocation(isUrl(raw.trim()) ? raw : percentDecode(raw))
    if (loc) {
      e.location = loc
      break
    }
  }
  const creator = t.fields.get('creator')
  const title = t.fields.get('title')
  const album = t.fields.get('album')
  if (creator) e.artist = creator
  if (title) e.title = title
  if (album) e.album = album
  const ms = Number(t.fields.get('duration'))
  if (Number.isFinite(ms) && ms > 0) e.duration = ms / 1000
  if (!e.location && !e.title) return undefined
  return e
}
