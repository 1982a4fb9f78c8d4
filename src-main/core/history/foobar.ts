// foobar2000 play counts: the Playback Statistics (foo_playcount) XML backup, and a tab/CSV text export of a playlist or library with play count columns.
import { normalizeLocation } from '../playlists/location'
import { XmlTokenizer } from '../playlists/xml-tokenizer'
import { LineStream } from './json-array-stream'
import { splitCsvLine } from './lastfm'
import { num, str, type TextReader } from './text-reader'
import type { HistorySink, PlayTally } from './types'

/** Windows FILETIME (100 ns steps since 1601-01-01 UTC), as the XML's FirstPlayed/LastPlayed/Added hold it → ms since 1970. */
export function fileTimeToMs(v: string | undefined): number | undefined {
  const n = num(v)
  if (n === undefined || n <= 0) return undefined
  const ms = n / 10_000 - 11_644_473_600_000
  return ms > 0 ? Math.round(ms) : undefined
}

/** What to export instead when a Playback Statistics file names songs only by hashes. */
export const FOOBAR_HASHES_ONLY =
  'this foobar2000 Playback Statistics export names its songs only by hashes (no file paths, artists or titles), so Segue cannot tell which songs they are. ' +
  'Export it again from a current foo_playcount (Library → Playback Statistics → Export: its XML lists each song’s file), ' +
  'or select your library in foobar2000 and export it as text with artist, title and %play_count% columns (e.g. Text Tools with %artist%<tab>%title%<tab>%album%<tab>%play_count%<tab>%rating%<tab>%last_played%, a header line first)'

/**
 * The foo_playcount XML backup: `<PlaybackStatistics Version="3.0" …>` with one
 * `<Entry ID=… Count=… FirstPlayed=… LastPlayed=… Added=…>` per song holding `<Item Path=… [Subsong=…]>`
 * children. A song's tally is joined to the user's files by the first item's path. A file whose
 * entries carry no items (only the hash ID) is refused with {@link FOOBAR_HASHES_ONLY}.
 */
export function foobarXmlReader(sink: HistorySink): TextReader {
  let entry: { attrs: Record<string, string>; path?: string } | undefined
  let entries = 0
  let withPath = 0
  let sawRoot = false
  const tokenizer = new XmlTokenizer({
    open(name, attrs) {
      if (name === 'PlaybackStatistics') sawRoot = true
      else if (name === 'Entry') entry = { attrs }
      else if (name === 'Item' && entry && entry.path === undefined) {
        const p = str(attrs['Path'])
        if (p) entry.path = p
      }
    },
    close(name) {
      if (name !== 'Entry' || !entry) return
      const e = entry
      entry = undefined
      entries++
      if (e.path === undefined) return sink.ignore('no file path (hash only)')
      withPath++
      const plays = Math.max(0, Math.round(num(e.attrs['Count']) ?? 0))
      const rating = foobarRating(e.attrs['Rating'])
      if (plays === 0 && rating === undefined) return sink.ignore('never played or rated')
      // foobar2000 writes local paths, sometimes as "file://C:\…" (backslashes are no URL).
      const location = normalizeLocation(e.path.replace(/^file:\/\/(?=[a-z]:\\)/i, ''))
      const t: PlayTally = { plays, skips: 0 }
      if (location) t.location = location
      const last = fileTimeToMs(e.attrs['LastPlayed'])
      if (last !== undefined) t.lastPlayed = last
      if (rating !== undefined) t.rating = rating
      sink.tally(t)
    },
    text() {},
  })
  return {
    write: (c) => tokenizer.write(c),
    end: () => {
      tokenizer.end()
      if (!sawRoot) throw new Error('not a foobar2000 Playback Statistics file')
      if (entries > 0 && withPath === 0) throw new Error(FOOBAR_HASHES_ONLY)
    },
  }
}

/** foo_playcount's rating 1–5 (Playcount 2003 also 6–10) → 0–100; 0 or none → undefined. */
export function foobarRating(v: string | undefined): number | undefined {
  const r = num(v)
  if (r === undefined || r <= 0) return undefined
  if (r <= 5) return Math.round(r * 20)
  if (r <= 10) return Math.round(r * 10)
  return r <= 100 ? Math.round(r) : undefined
}

/** A header cell as a column name: `%play_count%`, "Play Count", "playcount" → "playcount". */
function columnName(cell: string): string {
  return cell
    .trim()
    .replace(/^%|%$/g, '')
    .toLowerCase()
    .replace(/[\s_-]+/g, '')
}

const COLUMNS = {
  artist: ['artist', 'albumartist', 'trackartist'],
  title: ['title', 'tracktitle', 'track', 'name'],
  album: ['album'],
  plays: ['playcount', 'plays', 'timesplayed'],
  skips: ['skipcount', 'skips'],
  rating: ['rating'],
  last: ['lastplayed', 'lastplayedtimestamp', 'lastplayeddate'],
  path: ['path', 'filepath', 'location', 'url'],
} as const

type Column = keyof typeof COLUMNS

/** The separator of a header line: tab, semicolon, pipe or comma, whichever splits it most. */
function separatorOf(line: string): string {
  let best = ','
  let most = 0
  for (const sep of ['\t', ';', '|', ',']) {
    const n = line.split(sep).length
    if (n > most) {
      most = n
      best = sep
    }
  }
  return best
}

/** The columns a header line names, when it has artist, title and play count ones (else undefined). */
export function playCountColumns(
  headerLine: string,
): { sep: string; at: Partial<Record<Column, number>> } | undefined {
  const sep = separatorOf(headerLine)
  const cells = (splitCsvLine(headerLine, sep) ?? headerLine.split(sep)).map(columnName)
  const at: Partial<Record<Column, number>> = {}
  for (const col of Object.keys(COLUMNS) as Column[]) {
    const i = cells.findIndex((c) => (COLUMNS[col] as readonly string[]).includes(c))
    if (i >= 0) at[col] = i
  }
  if (
    at.plays === undefined ||
    (at.path === undefined && (at.artist === undefined || at.title === undefined))
  )
    return undefined
  return { sep, at }
}

/** A play date as foobar2000 prints it ("2024-01-01 12:00:00", local time, read as UTC), ISO, or Unix seconds. */
function playDate(v: string | undefined): number | undefined {
  const s = str(v)
  if (s === undefined) return undefined
  if (/^\d{9,11}$/.test(s)) return Number(s) * 1000
  const m = /^(\d{4})-(\d\d)-(\d\d)[ T](\d\d):(\d\d)(?::(\d\d))?/.exec(s)
  if (m && !/[zZ]|[+-]\d\d:?\d\d$/.test(s))
    return Date.UTC(+m[1], +m[2] - 1, +m[3], +m[4], +m[5], +(m[6] ?? 0))
  const t = Date.parse(s)
  return Number.isFinite(t) ? t : undefined
}

/**
 * A text export with a header line naming artist, title and play count columns (foobar2000 Text Tools /
 * "Copy" with `%artist%`, `%title%`, `%play_count%`, `%rating%`, `%last_played%`; tab, semicolon, pipe or
 * comma separated, CSV quotes allowed): one tally per line with any plays or a rating.
 */
export function playCountTextReader(sink: HistorySink): TextReader {
  let cols: ReturnType<typeof playCountColumns>
  let carry = ''
  let warnedTime = false
  return new LineStream((raw, n) => {
    const line = carry === '' ? raw : `${carry}\n${raw}`
    if (line.trim() === '') return
    if (cols === undefined) {
      cols = playCountColumns(line.replace(/^\uFEFF/, ''))
      if (!cols) throw new Error('no header line naming artist, title and play count columns')
      return
    }
    const f =
      cols.sep === ',' || line.includes('"') ? splitCsvLine(line, cols.sep) : line.split(cols.sep)
    if (f === undefined) {
      carry = line
      return
    }
    carry = ''
    const get = (c: Column) => {
      const i = cols!.at[c]
      return i === undefined ? undefined : str(f[i])
    }
    const plays = Math.max(0, Math.round(num(get('plays')) ?? 0))
    const skips = Math.max(0, Math.round(num(get('skips')) ?? 0))
    const rating = foobarRating(get('rating'))
    const artist = get('artist')
    const title = get('title')
    const path = get('path')
    if (!path && (!artist || !title)) return sink.ignore(`line ${n}: no artist or title`)
    if (plays === 0 && skips === 0 && rating === undefined)
      return sink.ignore('never played, rated or skipped')
    const t: PlayTally = { plays, skips }
    if (artist) t.artist = artist
    if (title) t.title = title
    const album = get('album')
    if (album) t.album = album
    if (path) {
      const location = normalizeLocation(path.replace(/^file:\/\/(?=[a-z]:\\)/i, ''))
      if (location) t.location = location
    }
    const lastText = get('last')
    const last = playDate(lastText)
    if (last !== undefined) {
      t.lastPlayed = last
      if (
        !warnedTime &&
        lastText &&
        !/^\d+$/.test(lastText) &&
        !/[zZ]|[+-]\d\d:?\d\d$/.test(lastText)
      ) {
        warnedTime = true
        sink.warn('last-played times have no time zone: read as UTC')
      }
    }
    if (rating !== undefined) t.rating = rating
    sink.tally(t)
  })
}
