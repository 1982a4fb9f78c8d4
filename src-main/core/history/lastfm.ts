// Last.fm scrobbles: the common CSV export (uts,utc_time,artist,…,track,…), the headerless "artist,album,track,date" CSV, and JSON (API pages or flat objects).
import type { HistorySink, Listen } from './types'
import { JsonArrayStream, LineStream } from './json-array-stream'
import { num, obj, str, type TextReader } from './text-reader'

/** Splits one CSV line (RFC 4180 quotes); returns undefined while a quoted field is still open. */
export function splitCsvLine(line: string, sep = ','): string[] | undefined {
  const out: string[] = []
  let field = ''
  let quoted = false
  for (let i = 0; i < line.length; i++) {
    const c = line[i]
    if (quoted) {
      if (c === '"') {
        if (line[i + 1] === '"') {
          field += '"'
          i++
        } else quoted = false
      } else field += c
    } else if (c === '"' && field === '') quoted = true
    else if (c === sep) {
      out.push(field)
      field = ''
    } else field += c
  }
  if (quoted) return undefined
  out.push(field)
  return out
}

/** "31 Jan 2021 12:34" (UTC, as Last.fm exports print it) → ms. */
function parseLastfmDate(s: string): number | undefined {
  const t = Date.parse(/[zZ]|[+-]\d\d:?\d\d$|UTC|GMT/.test(s) ? s : `${s} UTC`)
  return Number.isFinite(t) ? t : undefined
}

/** Last.fm CSV: with a header (uts/utc_time/artist/album/track) or the headerless artist,album,track,date. */
export function lastfmCsvReader(sink: HistorySink): TextReader {
  let cols: { uts: number; date: number; artist: number; album: number; track: number } | undefined
  let carry = ''
  return new LineStream((raw, n) => {
    const line = carry === '' ? raw : `${carry}\n${raw}`
    if (line.trim() === '') return
    const f = splitCsvLine(line)
    if (f === undefined) {
      carry = line
      return
    }
    carry = ''
    if (cols === undefined) {
      const h = f.map((x) => x.trim().toLowerCase())
      if (h.includes('artist') && (h.includes('track') || h.includes('title'))) {
        cols = {
          uts: h.indexOf('uts'),
          date: h.findIndex((x) => x === 'utc_time' || x === 'date' || x === 'time'),
          artist: h.indexOf('artist'),
          album: h.indexOf('album'),
          track: h.includes('track') ? h.indexOf('track') : h.indexOf('title'),
        }
        return
      }
      cols = { uts: -1, date: 3, artist: 0, album: 1, track: 2 }
    }
    const at = (i: number) => (i >= 0 ? f[i]?.trim() : undefined)
    const uts = num(at(cols.uts))
    const dateText = at(cols.date)
    const ts = uts !== undefined ? uts * 1000 : dateText ? parseLastfmDate(dateText) : undefined
    const artist = str(at(cols.artist))
    const title = str(at(cols.track))
    if (ts === undefined) return sink.ignore(`line ${n}: no time stamp`)
    if (artist === undefined || title === undefined)
      return sink.ignore(`line ${n}: no artist or title`)
    const l: Listen = { ts, artist, title }
    const album = str(at(cols.album))
    if (album) l.album = album
    sink.listen(l)
  })
}

/** "#text" of Last.fm API values, or the plain string, or `name`. */
function text(v: unknown): string | undefined {
  const o = obj(v)
  return o ? (str(o['#text']) ?? str(o.name)) : str(v)
}

function putTrack(sink: HistorySink, v: unknown): void {
  const o = obj(v)
  if (!o) return sink.ignore('not an object')
  const nested = obj(o.recenttracks)?.track ?? o.track
  if (Array.isArray(nested)) {
    for (const t of nested) putTrack(sink, t)
    return
  }
  if (obj(o['@attr'])?.nowplaying === 'true') return sink.ignore('now playing (not yet scrobbled)')
  const date = obj(o.date)
  const uts = num(date?.uts) ?? num(o.uts) ?? num(o.timestamp)
  const ts =
    uts !== undefined
      ? uts < 1e11
        ? uts * 1000
        : uts
      : typeof o.date === 'string'
        ? parseLastfmDate(o.date)
        : undefined
  const artist = text(o.artist)
  const title = str(o.name) ?? text(o.track) ?? str(o.title)
  if (ts === undefined) return sink.ignore('no time stamp')
  if (artist === undefined || title === undefined) return sink.ignore('no artist or title')
  const l: Listen = { ts, artist, title }
  const album = text(o.album)
  if (album) l.album = album
  sink.listen(l)
}

/** Last.fm JSON: an array of scrobbles or of API pages (`{recenttracks: {track: […]}}` / `{track: […]}`), or one page. */
export function lastfmJsonReader(sink: HistorySink, shape: 'array' | 'object'): TextReader {
  if (shape === 'array')
    return new JsonArrayStream(
      (v) => putTrack(sink, v),
      (m) => sink.warn(m),
    )
  // One page (a few hundred scrobbles): small enough to parse whole.
  const parts: string[] = []
  return {
    write: (c) => void parts.push(c),
    end: () => putTrack(sink, JSON.parse(parts.join(''))),
  }
}
