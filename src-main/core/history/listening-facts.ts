// Per-song listening facts (plays, skips, last play) from stored histories and library play counts, and the "why" a mix can cite.
import type { Db } from '../store/db'

/** Milliseconds in a day (listens are stamped in ms since 1970 UTC). */
export const DAY_MS = 86_400_000

/** What the user's histories say about one song. */
export interface ListeningFact {
  plays: number
  skips: number
  /** Last full play, ms since 1970 UTC (undefined when never). */
  lastPlayed?: number
  /** The user's own rating, 1–100, from a library's play counts (iTunes, MusicBee, foobar2000); absent when unrated. */
  rating?: number
  /** Loved: a thumbs-up in the feedback table (ListenBrainz feedback, iTunes/Music "Loved", or yours). */
  loved?: boolean
}

/** Song key → facts; a play counts when it is not skipped and ran 30 s or more (or its length is unknown). */
export async function listeningFacts(
  db: Db,
  minPlayedMs = 30_000,
): Promise<Map<string, ListeningFact>> {
  const out = new Map<string, ListeningFact>()
  // CROSS JOIN keeps listens the outer loop, each song found by its primary key: with a plain JOIN
  // SQLite walks songs by key and re-reads every listen of the source for each (20k listens of 5k
  // songs: 39 s, now 48 ms).
  const rows = await db.all<{ key: string; plays: number; skips: number; last: number | null }>(
    `SELECT s.song_key AS key,
            SUM(CASE WHEN l.skipped = 0 AND (l.ms_played < 0 OR l.ms_played >= ?) THEN 1 ELSE 0 END) AS plays,
            SUM(CASE WHEN l.skipped = 1 OR (l.ms_played >= 0 AND l.ms_played < ?) THEN 1 ELSE 0 END) AS skips,
            MAX(CASE WHEN l.skipped = 0 AND (l.ms_played < 0 OR l.ms_played >= ?) THEN l.ts END) AS last
       FROM listens l CROSS JOIN history_songs s ON s.source_id = l.source_id AND s.idx = l.song_idx
      WHERE s.song_key IS NOT NULL GROUP BY s.song_key`,
    [minPlayedMs, minPlayedMs, minPlayedMs],
  )
  for (const r of rows)
    out.set(r.key, { plays: r.plays, skips: r.skips, lastPlayed: r.last ?? undefined })
  // Library play counts (iTunes, MusicBee, foobar2000) where no single plays say more; their ratings always.
  const tallies = await db.all<{
    key: string
    plays: number
    skips: number
    last: number | null
    rating: number | null
  }>(
    `SELECT song_key AS key, MAX(plays) AS plays, MAX(skips) AS skips, MAX(last_played) AS last,
            MAX(CASE WHEN rating > 0 THEN rating END) AS rating
       FROM history_tallies WHERE song_key IS NOT NULL GROUP BY song_key`,
  )
  for (const t of tallies) {
    let f = out.get(t.key)
    if (!f) {
      f = { plays: t.plays, skips: t.skips, lastPlayed: t.last ?? undefined }
      out.set(t.key, f)
    } else if (t.plays > f.plays) {
      f.plays = t.plays
      f.skips = Math.max(f.skips, t.skips)
      f.lastPlayed = Math.max(f.lastPlayed ?? 0, t.last ?? 0) || undefined
    }
    if (t.rating !== null && t.rating > 0) f.rating = Math.min(100, t.rating)
  }
  // Loved songs the histories know (the feedback table holds what histories and you loved).
  if (out.size > 0)
    for (const r of await db.all<{ key: string }>(
      'SELECT song_key AS key FROM feedback WHERE value = 1',
    )) {
      const f = out.get(r.key)
      if (f) f.loved = true
    }
  return out
}

const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
]

/** "4 stars" for a 1–100 rating (20 a star, as iTunes, MusicBee and foobar2000 count them). */
function starsInWords(rating: number): string {
  const stars = Math.max(1, Math.round(rating / 20))
  return stars === 1 ? '1 star' : `${stars} stars`
}

/**
 * "you played this 41 times, last in March" (the year added when it is not this year), ", rated 4
 * stars" when the library says ("you loved this and played it …" for a loved song); "you rated this
 * 4 stars" or "you loved this" for a song never played; undefined without plays, rating or love.
 */
export function listeningReason(
  f: ListeningFact | undefined,
  now = Date.now(),
): string | undefined {
  if (!f) return undefined
  const rated = f.rating ? starsInWords(f.rating) : undefined
  if (f.plays === 0)
    return f.loved
      ? `you loved this${rated ? `, rated ${rated}` : ''}`
      : rated
        ? `you rated this ${rated}`
        : undefined
  const times = f.plays === 1 ? 'once' : f.plays === 2 ? 'twice' : `${f.plays} times`
  let when = ''
  if (f.lastPlayed !== undefined) {
    const d = new Date(f.lastPlayed)
    const sameYear = d.getUTCFullYear() === new Date(now).getUTCFullYear()
    when = `, last in ${MONTHS[d.getUTCMonth()]}${sameYear ? '' : ` ${d.getUTCFullYear()}`}`
  }
  const skips = f.skips > 0 ? ` (skipped ${f.skips === 1 ? 'once' : `${f.skips} times`})` : ''
  const played = f.loved ? `you loved this and played it` : `you played this`
  return `${played} ${times}${when}${skips}${rated ? `, rated ${rated}` : ''}`
}

/** Song key → full plays (as {@link listeningFacts} counts them) started in [from, to]. */
export async function playsBetween(
  db: Db,
  from: number,
  to: number,
  minPlayedMs = 30_000,
): Promise<Map<string, number>> {
  const rows = await db.all<{ key: string; plays: number }>(
    `SELECT s.song_key AS key, COUNT(*) AS plays
       FROM listens l CROSS JOIN history_songs s ON s.source_id = l.source_id AND s.idx = l.song_idx
      WHERE s.song_key IS NOT NULL AND l.ts >= ? AND l.ts <= ?
        AND l.skipped = 0 AND (l.ms_played < 0 OR l.ms_played >= ?)
      GROUP BY s.song_key`,
    [from, to, minPlayedMs],
  )
  return new Map(rows.map((r) => [r.key, r.plays]))
}

/** The latest moment any history knows of (a listen, else a library's last play), or undefined. */
export async function latestListen(db: Db): Promise<number | undefined> {
  const r = await db.get<{ l: number | null; t: number | null }>(
    `SELECT (SELECT MAX(ts) FROM listens) AS l, (SELECT MAX(last_played) FROM history_tallies) AS t`,
  )
  const latest = Math.max(r?.l ?? -Infinity, r?.t ?? -Infinity)
  return Number.isFinite(latest) ? latest : undefined
}
