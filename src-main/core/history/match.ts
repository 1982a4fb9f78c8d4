// Matches a history's distinct songs (and tallies, feedback) to the library and catalogue through the playlist importer's resolveEntry, and counts the report.
import { resolveEntry, type ResolveContext, type ResolvedEntry } from '../playlists/resolve-entry'
import type { HistoryCollector } from './collect'
import type { PlayTally } from './types'

/** What an import of one history found (CLI `import --json`, the Library view). */
export interface HistoryReport {
  file: string
  /** Formats read (a zip or folder can hold several). */
  formats: string[]
  listens: number
  distinct_songs: number
  /** Distinct songs matched to one of your files / to the catalogue (independent counts) / neither. */
  songs_library: number
  songs_catalog: number
  songs_unmatched: number
  /** The same, counted over listens. */
  listens_library: number
  listens_catalog: number
  listens_unmatched: number
  /** Plays the service or player marked skipped. */
  skipped: number
  /** Items left out, by reason (podcasts, lines without artist or title…). */
  ignored: Record<string, number>
  /** First and last listen, ISO (null without listens). */
  first: string | null
  last: string | null
  /** Songs with a play count / rating from a library file (iTunes). */
  tallies: number
  /** Loved / hated songs found, and how many of them matched a song. */
  feedback: number
  feedback_matched: number
  errors: string[]
}

/** A history matched song by song: one resolution per distinct song, tally and feedback item. */
export interface MatchedHistory {
  songs: ResolvedEntry[]
  tallies: { tally: PlayTally; resolved: ResolvedEntry }[]
  feedback: { song_key: string; score: 1 | -1 }[]
  report: HistoryReport
}

/** Resolves every distinct song once (2 million plays are rarely more than 50,000 songs). */
export function matchHistory(
  c: HistoryCollector,
  ctx: ResolveContext,
  file: string,
  formats: string[],
  onProgress?: (done: number, total: number) => void,
): MatchedHistory {
  const songs: ResolvedEntry[] = []
  for (let i = 0; i < c.songs.length; i++) {
    const s = c.songs[i]
    songs.push(
      resolveEntry(
        {
          artist: s.artist,
          title: s.title,
          ...(s.album ? { album: s.album } : {}),
          ...(s.durationMs ? { duration: s.durationMs / 1000 } : {}),
        },
        ctx,
      ),
    )
    if (onProgress && i % 2000 === 1999) onProgress(i + 1, c.songs.length)
  }
  const tallies = c.tallies.map((t) => ({
    tally: t,
    resolved: resolveEntry(
      {
        ...(t.location ? { location: t.location } : {}),
        ...(t.artist ? { artist: t.artist } : {}),
        ...(t.title ? { title: t.title } : {}),
        ...(t.album ? { album: t.album } : {}),
      },
      ctx,
    ),
  }))

  // Feedback names a recording by service id (matched through the listens that carry it) or by tags.
  const byId = new Map<string, number>()
  c.songs.forEach((s, i) => {
    if (s.id) byId.set(s.id, i)
  })
  const feedback: MatchedHistory['feedback'] = []
  for (const f of c.feedbacks) {
    const i = f.id ? byId.get(f.id) : undefined
    const key =
      i !== undefined
        ? songs[i].song_key
        : f.artist && f.title
          ? resolveEntry({ artist: f.artist, title: f.title }, ctx).song_key
          : null
    if (key) feedback.push({ song_key: key, score: f.score })
  }

  let skipped = 0
  const perSong = new Int32Array(c.songs.length)
  let first = Infinity
  let last = -Infinity
  for (let i = 0; i < c.length; i++) {
    perSong[c.song[i]]++
    if (c.skipped[i]) skipped++
    const t = c.ts[i]
    if (t < first) first = t
    if (t > last) last = t
  }
  const report: HistoryReport = {
    file,
    formats,
    listens: c.length,
    distinct_songs: c.songs.length,
    songs_library: 0,
    songs_catalog: 0,
    songs_unmatched: 0,
    listens_library: 0,
    listens_catalog: 0,
    listens_unmatched: 0,
    skipped,
    ignored: Object.fromEntries(c.ignored),
    first: c.length ? new Date(first).toISOString() : null,
    last: c.length ? new Date(last).toISOString() : null,
    tallies: tallies.length,
    feedback: c.feedbacks.length,
    feedback_matched: feedback.length,
    errors: [...c.warnings],
  }
  songs.forEach((r, i) => {
    const n = perSong[i]
    if (r.track_id !== null) {
      report.songs_library++
      report.listens_library += n
    }
    if (r.catalog_id !== null) {
      report.songs_catalog++
      report.listens_catalog += n
    }
    if (r.track_id === null && r.catalog_id === null) {
      report.songs_unmatched++
      report.listens_unmatched += n
    }
  })
  return { songs, tallies, feedback, report }
}
