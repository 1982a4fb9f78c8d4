// The "Your listening" summary: listens per month, top artists and songs of a period, and how much of the history matched.
import type { Db } from '../store/db'
import type { HistoryReport } from './match'
import { DAY_MS } from './listening-facts'
import { TALLY_MIN_PLAYED_MS } from './store'

export type SummaryPeriod = 'month' | 'year' | 'all'

export interface HistorySummary {
  period: SummaryPeriod
  /** The period's first and last day (YYYY-MM-DD, UTC), null without listens. */
  from: string | null
  to: string | null
  /** The whole history's first and last day with a listen. */
  first: string | null
  last: string | null
  /** Every month from the first to the last listen ("2024-03"), empty months included. */
  months: { month: string; plays: number; skips: number }[]
  topArtists: { artist: string; plays: number }[]
  topSongs: { artist: string; title: string; key: string | null; plays: number }[]
  /**
   * Listens and distinct songs matched to your files, to the catalogue (independent counts: a song
   * can be both) or to neither, summed over the import reports of every history.
   */
  listens: { total: number; library: number; catalog: number; none: number }
  songs: { total: number; library: number; catalog: number; none: number }
}

interface Source {
  id: number
  imported: string
  report: string
  /** 1 when the import wrote the source's per-song and per-day tallies (migration 6). */
  tallied: number
}

const day = (d: number) => new Date(d * DAY_MS).toISOString().slice(0, 10)

/** Sources and import times: the summary is recomputed only when the imported histories change. */
const cache = new WeakMap<Db, { sig: string; byPeriod: Map<string, HistorySummary> }>()

/**
 * A play counts as in listeningFacts: not skipped and 30 s or more (or of unknown length); else a skip.
 * A history imported with tallies (migration 6, the 30 s rule) gives its plays per month from its
 * per-day tallies and its all-time top lists from its per-song tallies; the month's and year's top
 * lists are a range scan of the (source_id, ts) index. Without tallies (or with another rule) plays
 * per month are index range counts minus the skips (grouped by day) and 'all' groups every listen by
 * song. The matched share comes from the import reports.
 */
export async function historySummary(
  db: Db,
  period: SummaryPeriod = 'month',
  top = 10,
  minPlayedMs = 30_000,
): Promise<HistorySummary> {
  const sources = await db.all<Source>(
    'SELECT id, imported, report, tallied FROM history_sources ORDER BY id',
  )
  const sig = sources.map((s) => `${s.id}@${s.imported}@${s.tallied}`).join(',')
  let c = cache.get(db)
  if (!c || c.sig !== sig) cache.set(db, (c = { sig, byPeriod: new Map() }))
  const memo = `${period}/${top}/${minPlayedMs}`
  const hit = c.byPeriod.get(memo)
  if (hit) return structuredClone(hit)
  const out = await compute(db, sources, period, top, minPlayedMs)
  c.byPeriod.set(memo, out)
  return structuredClone(out)
}

/**
 * The first `top` of `items` sorted by plays (most first), then name: only the items with at least
 * the `top`-th most plays are sorted (the order among them is the full sort's, the sort being stable).
 */
function topByPlays<T extends { plays: number }>(
  items: T[],
  top: number,
  name: (x: T) => string,
): T[] {
  let least = -Infinity
  if (items.length > top && top > 0) {
    const plays = Float64Array.from(items, (x) => x.plays).sort()
    least = plays[plays.length - top]
  }
  return items
    .filter((x) => x.plays >= least)
    .sort((a, b) => b.plays - a.plays || name(a).localeCompare(name(b)))
    .slice(0, top)
}

async function compute(
  db: Db,
  sources: Source[],
  period: SummaryPeriod,
  top: number,
  minPlayedMs: number,
): Promise<HistorySummary> {
  const ms = Number(minPlayedMs)
  const isPlay = `(skipped = 0 AND (ms_played < 0 OR ms_played >= ${ms}))`
  // Sources with tallies written at import (by the default 30 s rule) are read from those.
  const tallied = (s: Source) => s.tallied === 1 && ms === TALLY_MIN_PLAYED_MS
  const out: HistorySummary = {
    period,
    from: null,
    to: null,
    first: null,
    last: null,
    months: [],
    topArtists: [],
    topSongs: [],
    listens: { total: 0, library: 0, catalog: 0, none: 0 },
    songs: { total: 0, library: 0, catalog: 0, none: 0 },
  }
  // The first and last listen of each source: ends of the (source_id, ts) index.
  let firstTs = Infinity
  let lastTs = -Infinity
  for (const s of sources) {
    const r = await db.get<{ lo: number | null; hi: number | null }>(
      `SELECT (SELECT ts FROM listens WHERE source_id = ? ORDER BY ts LIMIT 1) AS lo,
              (SELECT ts FROM listens WHERE source_id = ? ORDER BY ts DESC LIMIT 1) AS hi`,
      [s.id, s.id],
    )
    if (r?.lo != null) firstTs = Math.min(firstTs, r.lo)
    if (r?.hi != null) lastTs = Math.max(lastTs, r.hi)
  }
  if (!Number.isFinite(firstTs)) return out
  const firstDay = Math.floor(firstTs / DAY_MS)
  const lastDay = Math.floor(lastTs / DAY_MS)
  out.first = day(firstDay)
  out.last = day(lastDay)
  // Every month from the first listen to the last: listens counted on the index, skips by day.
  const start = new Date(firstDay * DAY_MS)
  const end = new Date(lastDay * DAY_MS)
  const bounds: number[] = []
  for (
    let y = start.getUTCFullYear(), mo = start.getUTCMonth();
    y < end.getUTCFullYear() || (y === end.getUTCFullYear() && mo <= end.getUTCMonth());
    mo === 11 ? ((mo = 0), y++) : mo++
  ) {
    out.months.push({ month: `${y}-${String(mo + 1).padStart(2, '0')}`, plays: 0, skips: 0 })
    bounds.push(Date.UTC(y, mo, 1))
  }
  bounds.push(Date.UTC(end.getUTCFullYear(), end.getUTCMonth() + 1, 1))
  const monthIndex = new Map(out.months.map((m, i) => [m.month, i]))
  for (const s of sources.filter(tallied))
    for (const r of await db.all<{ d: number; n: number; k: number }>(
      'SELECT day AS d, listens AS n, skips AS k FROM history_days WHERE source_id = ?',
      [s.id],
    )) {
      const m = out.months[monthIndex.get(day(r.d).slice(0, 7))!]
      m.plays += r.n - r.k
      m.skips += r.k
    }
  const counted = sources.filter((s) => !tallied(s))
  for (const s of counted)
    for (let i = 0; i < out.months.length; i += 100) {
      const parts: string[] = []
      const params: number[] = []
      for (let m = i; m < Math.min(out.months.length, i + 100); m++) {
        parts.push(
          `SELECT ${m} AS m, COUNT(*) AS n FROM listens WHERE source_id = ? AND ts >= ? AND ts < ?`,
        )
        params.push(s.id, bounds[m], bounds[m + 1])
      }
      for (const r of await db.all<{ m: number; n: number }>(parts.join(' UNION ALL '), params))
        out.months[r.m].plays += r.n
    }
  for (const r of counted.length === 0
    ? []
    : await db.all<{ d: number; n: number }>(
        `SELECT ts / ${DAY_MS} AS d, COUNT(*) AS n FROM listens
          WHERE source_id IN (${counted.map((s) => s.id).join(',')}) AND NOT ${isPlay} GROUP BY d`,
      )) {
    const m = out.months[monthIndex.get(day(r.d).slice(0, 7))!]
    m.skips += r.n
    m.plays -= r.n
  }
  // The period: the calendar month or year of the last listen, or everything.
  const from =
    period === 'month'
      ? Date.UTC(end.getUTCFullYear(), end.getUTCMonth(), 1)
      : period === 'year'
        ? Date.UTC(end.getUTCFullYear(), 0, 1)
        : firstDay * DAY_MS
  const to = (lastDay + 1) * DAY_MS
  out.from = day(Math.floor(from / DAY_MS))
  out.to = out.last
  // Plays per history song in the period (a range of the index, except for 'all'), joined to its song.
  const range = period === 'all' ? '' : 'AND ts >= ? AND ts < ?'
  const artists = new Map<string, { artist: string; plays: number }>()
  const bySong = new Map<string, HistorySummary['topSongs'][number]>()
  for (const src of sources) {
    // Tens of thousands of songs come back as one JSON text: sqlite3 makes a JS object per row at
    // ~10 µs each, JSON.parse the same rows in a fraction of that.
    const perSong =
      period === 'all' && tallied(src)
        ? `SELECT idx AS ord, artist, title, song_key AS key, plays FROM history_songs
            WHERE source_id = ? AND plays > 0`
        : `WITH per AS (
             SELECT song_idx, COUNT(*) AS plays FROM listens
              WHERE source_id = ? ${range} AND ${isPlay} GROUP BY song_idx)
           SELECT per.song_idx AS ord, s.artist AS artist, s.title AS title, s.song_key AS key,
                  per.plays AS plays
             FROM per JOIN history_songs s ON s.source_id = ? AND s.idx = per.song_idx`
    // In the order of the songs' index (the first spelling of an artist wins): the scan's order,
    // sorted here if it were ever not.
    const row = await db.get<{ j: string }>(
      `SELECT json_group_array(json_array(ord, artist, title, key, plays)) AS j FROM (${perSong})`,
      period === 'all' && tallied(src)
        ? [src.id]
        : period === 'all'
          ? [src.id, src.id]
          : [src.id, from, to, src.id],
    )
    const rows = JSON.parse(row?.j ?? '[]') as [
      number,
      string | null,
      string | null,
      string | null,
      number,
    ][]
    if (rows.some((r, i) => i > 0 && r[0] < rows[i - 1][0])) rows.sort((a, b) => a[0] - b[0])
    for (const [, a0, t0, key, plays] of rows) {
      const artist = a0 ?? ''
      const title = t0 ?? ''
      if (artist) {
        const a = artist.toLowerCase()
        let e = artists.get(a)
        if (!e) artists.set(a, (e = { artist, plays: 0 }))
        e.plays += plays
      }
      const id = key ?? `${artist.toLowerCase()}\u0000${title.toLowerCase()}`
      let e = bySong.get(id)
      if (!e) bySong.set(id, (e = { artist, title, key, plays: 0 }))
      e.plays += plays
    }
  }
  out.topArtists = topByPlays([...artists.values()], top, (x) => x.artist)
  out.topSongs = topByPlays([...bySong.values()], top, (x) => `${x.artist} ${x.title}`)
  // The matched share, as each import reported it (library and catalogue are independent counts).
  for (const src of sources) {
    const r = JSON.parse(src.report) as Partial<HistoryReport>
    out.listens.total += r.listens ?? 0
    out.listens.library += r.listens_library ?? 0
    out.listens.catalog += r.listens_catalog ?? 0
    out.listens.none += r.listens_unmatched ?? 0
    out.songs.total += r.distinct_songs ?? 0
    out.songs.library += r.songs_library ?? 0
    out.songs.catalog += r.songs_catalog ?? 0
    out.songs.none += r.songs_unmatched ?? 0
  }
  return out
}
