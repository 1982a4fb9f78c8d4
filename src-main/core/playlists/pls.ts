// Reads PLS playlists ([playlist] with FileN / TitleN / LengthN keys, any order, any case).
import { splitDisplayTitle } from './display-title'
import { normalizeLocation } from './location'
import type { ParsedPlaylist, PlaylistEntry } from './types'

/** Parses PLS text (already decoded). Entries come in FileN number order. */
export function readPls(text: string, name = ''): ParsedPlaylist {
  const warnings: string[] = []
  const files = new Map<number, { file?: string; title?: string; length?: string; line: number }>()
  let playlistName = name
  let sawHeader = false
  const lines = text.split(/\r\n|\r|\n/)
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i].replace(/^\uFEFF/, '').trim()
    if (line === '' || line.startsWith(';') || line.startsWith('#')) continue
    if (line.startsWith('[')) {
      if (/^\[playlist\]$/i.test(line)) sawHeader = true
      continue
    }
    const eq = line.indexOf('=')
    if (eq < 0) {
      warnings.push(`line ${i + 1}: expected key=value — skipped`)
      continue
    }
    const key = line.slice(0, eq).trim().toLowerCase()
    const value = unquote(line.slice(eq + 1).trim())
    const m = /^(file|title|length)(\d{1,9})$/.exec(key)
    if (m) {
      const n = Number(m[2])
      const slot = files.get(n) ?? { line: i + 1 }
      if (m[1] === 'file') slot.file = value
      else if (m[1] === 'title') slot.title = value
      else slot.length = value
      files.set(n, slot)
    } else if (key === 'x-playlist-name' || key === 'playlistname' || key === 'name') {
      if (value !== '') playlistName = value
    }
  }
  if (!sawHeader && files.size > 0) warnings.push('no [playlist] header — read anyway')
  const entries: PlaylistEntry[] = []
  for (const n of [...files.keys()].sort((a, b) => a - b)) {
    const slot = files.get(n)!
    const location = slot.file === undefined ? undefined : normalizeLocation(slot.file)
    const entry: PlaylistEntry = {}
    if (location) entry.location = location
    const { artist, title } = splitDisplayTitle(slot.title ?? '')
    if (artist) entry.artist = artist
    if (title) entry.title = title
    const d = Number.parseFloat(slot.length ?? '')
    if (Number.isFinite(d) && d > 0) entry.duration = d
    if (!entry.location && !entry.title) {
      warnings.push(`line ${slot.line}: entry ${n} has neither File${n} nor Title${n} — skipped`)
      continue
    }
    entries.push(entry)
  }
  return { name: playlistName, entries, warnings }
}

/** `"v"` or `'v'` → v (Mopidy's and some stream servers' PLS quote their values). */
function unquote(v: string): string {
  if (v.length >= 2 && (v[0] === '"' || v[0] === "'") && v.at(-1) === v[0])
    return v.slice(1, -1).trim()
  return v
}
