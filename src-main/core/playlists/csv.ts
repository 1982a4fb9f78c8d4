// Reads playlist CSV/TSV files (Exportify in any of its languages, iTunes "Export Playlist…" text, hand-made sheets): quoted fields, any delimiter, headers or none.
import { normalizeLocation } from './location'
import { inferColumns, mapHeader, type CsvColumn } from './csv-columns'
import type { ParsedPlaylist, PlaylistEntry } from './types'

/** True when the first line looks like a playlist CSV header (a title column and an artist column). */
export function looksLikePlaylistCsv(text: string): boolean {
  const firstLine = text.replace(/^\uFEFF/, '').split(/\r\n|\r|\n/, 1)[0] ?? ''
  const cols = mapHeader(splitRecords(firstLine, detectDelimiter(firstLine))[0] ?? [])
  return cols.has('title') && (cols.has('artist') || cols.has('location'))
}

/** Parses CSV text (already decoded) into one playlist; `name` usually comes from the file name. */
export function readCsv(text: string, name = ''): ParsedPlaylist {
  const body = text.replace(/^\uFEFF/, '')
  const firstLine = body.split(/\r\n|\r|\n/, 1)[0] ?? ''
  const warnings: string[] = []
  const records = splitRecords(body, detectDelimiter(firstLine), warnings)
  const header = records[0]
  if (!header)
    throw new Error('Empty CSV file: expected a header line such as "Track Name,Artist Name(s),…"')
  let cols = mapHeader(header)
  let start = 1
  if (!cols.has('title')) {
    const inferred = inferColumns(records)
    if (!inferred) {
      throw new Error(
        'Not a playlist CSV: no title column and no column of text to take titles from (expected a header such as "Track Name" or "Title")',
      )
    }
    cols = inferred.columns
    start = inferred.hasHeader ? 1 : 0
    warnings.push(`columns inferred from content (${describeColumns(cols, header)}) — check them`)
  }
  const entries: PlaylistEntry[] = []
  for (let r = start; r < records.length; r++) {
    const row = records[r]
    if (row.length === 1 && row[0].trim() === '') continue
    const get = (c: CsvColumn) => {
      const i = cols.get(c)
      const raw = i === undefined ? undefined : row[i]
      const v = c === 'location' || c === 'uri' ? raw?.trim() : raw?.replace(/\s+/g, ' ').trim()
      return v === '' ? undefined : c === 'artist' ? v : v?.replace(/\\,/g, ',')
    }
    const e: PlaylistEntry = {}
    const title = get('title')
    const artist = get('artist')
    const album = get('album')
    if (title) e.title = title
    if (artist) e.artist = joinArtists(artist)
    if (album) e.album = album
    const ms = Number(get('durationMs'))
    const dur = parseDuration(get('duration'))
    if (Number.isFinite(ms) && ms > 0) e.duration = ms / 1000
    else if (dur !== undefined) e.duration = dur
    const loc = hfsToPosix(get('location')) ?? get('uri')
    const location = loc === undefined ? undefined : normalizeLocation(loc)
    if (location) e.location = location
    if (!e.title && !e.location) {
      warnings.push(`row ${r + 1}: no title and no location — skipped`)
      continue
    }
    entries.push(e)
  }
  return { name, entries, warnings }
}

/**
 * Exportify joins several artists with "," and escapes a comma inside a name as "\\,"
 * ("Tyler\\, The Creator,Playboi Carti"): split at unescaped commas, unescape, join with ", ".
 */
export function joinArtists(raw: string): string {
  return raw
    .split(/(?<!\\),/)
    .map((p) => p.replace(/\\,/g, ',').trim())
    .filter((p) => p !== '')
    .join(', ')
}

/** iTunes on a Mac writes "Macintosh HD:Users:me:Music:x.mp3" (HFS): the boot volume is "/", others under /Volumes. */
export function hfsToPosix(loc: string | undefined): string | undefined {
  if (
    loc === undefined ||
    /[\\/]/.test(loc) ||
    /^(spotify|https?|file|deezer|tidal|youtube|local):/i.test(loc) ||
    !/^[^:]+:[^:]+:/.test(loc) ||
    /^[a-z]:/i.test(loc)
  )
    return loc
  const [volume, ...rest] = loc.split(':')
  const path = rest.join('/')
  return /^macintosh hd$/i.test(volume) ? `/${path}` : `/Volumes/${volume}/${path}`
}

function describeColumns(cols: Map<CsvColumn, number>, header: string[]): string {
  void header
  return [...cols]
    .sort((x, y) => x[1] - y[1])
    .map(([c, i]) => `${c} = column ${i + 1}`)
    .join(', ')
}

function detectDelimiter(line: string): string {
  let best = ','
  let bestCount = 0
  for (const d of [',', ';', '\t', '|']) {
    let n = 0
    let quoted = false
    for (const c of line) {
      if (c === '"') quoted = !quoted
      else if (c === d && !quoted) n++
    }
    if (n > bestCount) {
      best = d
      bestCount = n
    }
  }
  return best
}

/** RFC 4180 records: "" escapes a quote, quoted fields may hold delimiters and line breaks. */
function splitRecords(text: string, delim: string, warnings?: string[]): string[][] {
  const records: string[][] = []
  let row: string[] = []
  let field = ''
  let quoted = false
  let i = 0
  const n = text.length
  while (i < n) {
    const c = text[i]
    if (quoted) {
      if (c === '"') {
        if (text[i + 1] === '"') {
          field += '"'
          i += 2
          continue
        }
        quoted = false
        i++
        continue
      }
      const next = text.indexOf('"', i)
      const stop = next < 0 ? n : next
      field += text.slice(i, stop)
      i = stop
      continue
    }
    if (c === '"' && field.trim() === '') {
      quoted = true
      field = ''
      i++
    } else if (c === delim) {
      row.push(field)
      field = ''
      i++
    } else if (c === '\n' || c === '\r') {
      row.push(field)
      records.push(row)
      row = []
      field = ''
      i += c === '\r' && text[i + 1] === '\n' ? 2 : 1
    } else {
      field += c
      i++
    }
  }
  if (quoted) warnings?.push('the file ends inside a quoted field — the last row may be cut short')
  if (field !== '' || row.length > 0) {
    row.push(field)
    records.push(row)
  }
  return records
}

/** "215", "215.4", "3:35", "1:02:03" → seconds. */
function parseDuration(v: string | undefined): number | undefined {
  if (v === undefined) return undefined
  if (/^\d+(\.\d+)?$/.test(v)) {
    const s = Number(v)
    return s > 0 ? s : undefined
  }
  const m = /^(?:(\d+):)?(\d{1,2}):(\d{2})(?:\.\d+)?$/.exec(v)
  if (!m) return undefined
  const s = Number(m[1] ?? 0) * 3600 + Number(m[2]) * 60 + Number(m[3])
  return s > 0 ? s : undefined
}
