// Keeps what readers read compactly: distinct songs once, each listen as numbers in typed arrays (2 million plays ≈ 40 MB).
import type { HistorySink, Listen, PlayTally, SongFeedback } from './types'

/** One distinct song of a history (first spelling seen wins). */
export interface HistorySong {
  artist: string
  title: string
  album?: string
  durationMs?: number
  /** Service id (MusicBrainz recording, Spotify URI) seen on its listens. */
  id?: string
}

function grow<T extends Float64Array | Int32Array | Uint8Array>(a: T, need: number): T {
  if (need <= a.length) return a
  const b = new (a.constructor as new (n: number) => T)(Math.max(need, a.length * 2))
  b.set(a)
  return b
}

/** A `HistorySink` that keeps everything for matching, reports and storing. */
export class HistoryCollector implements HistorySink {
  readonly songs: HistorySong[] = []
  private readonly index = new Map<string, number>()
  /** Artist → title → song, by the strings as spelt (a cache in front of `index`). */
  private readonly exact = new Map<string, Map<string, number>>()
  /** Listen columns; `length` of them are in use. */
  ts = new Float64Array(1024)
  /** ms played, −1 unknown. */
  ms = new Int32Array(1024)
  skipped = new Uint8Array(1024)
  song = new Int32Array(1024)
  length = 0
  readonly tallies: PlayTally[] = []
  readonly feedbacks: SongFeedback[] = []
  /** Reason → how many items were left out for it. */
  readonly ignored = new Map<string, number>()
  readonly warnings: string[] = []

  listen(l: Listen): void {
    const i = this.songOf(l)
    const n = this.length
    if (n === this.ts.length) {
      this.ts = grow(this.ts, n + 1)
      this.ms = grow(this.ms, n + 1)
      this.skipped = grow(this.skipped, n + 1)
      this.song = grow(this.song, n + 1)
    }
    this.ts[n] = l.ts
    this.ms[n] = l.msPlayed === undefined ? -1 : Math.min(l.msPlayed, 2 ** 31 - 1)
    this.skipped[n] = l.skipped ? 1 : 0
    this.song[n] = i
    this.length = n + 1
  }

  tally(t: PlayTally): void {
    this.tallies.push(t)
  }

  feedback(f: SongFeedback): void {
    this.feedbacks.push(f)
  }

  ignore(reason: string): void {
    // Line numbers make every reason distinct: count by the reason without its "line N: ".
    const r = reason.replace(/^line \d+: /, '')
    this.ignored.set(r, (this.ignored.get(r) ?? 0) + 1)
  }

  warn(message: string): void {
    if (this.warnings.length < 100) this.warnings.push(message)
  }

  /** Distinct-song index of a listen: same artist and title (case and spacing aside) are one song. */
  private songOf(l: Listen): number {
    const artist = l.artist ?? ''
    const title = l.title ?? ''
    // Most listens repeat a spelling seen before: found by the exact strings, no lower-casing.
    let titles = this.exact.get(artist)
    if (!titles) this.exact.set(artist, (titles = new Map()))
    let i = titles.get(title)
    if (i === undefined) {
      i = this.indexOf(l, artist, title)
      titles.set(title, i)
    } else {
      const s = this.songs[i]
      if (l.id && !s.id) s.id = l.id
      if (l.durationMs && !s.durationMs) s.durationMs = l.durationMs
    }
    return i
  }

  private indexOf(l: Listen, artist: string, title: string): number {
    const key = `${artist.toLowerCase()}\u0001${title.toLowerCase()}`
    let i = this.index.get(key)
    if (i === undefined) {
      i = this.songs.length
      this.index.set(key, i)
      const s: HistorySong = { artist, title }
      if (l.album) s.album = l.album
      if (l.durationMs) s.durationMs = l.durationMs
      if (l.id) s.id = l.id
      this.songs.push(s)
    } else {
      const s = this.songs[i]
      if (l.id && !s.id) s.id = l.id
      if (l.durationMs && !s.durationMs) s.durationMs = l.durationMs
    }
    return i
  }

  /** Listens in time order (readers may give them in any order: files per year, zip entries per month). */
  order(): Int32Array {
    const idx = new Int32Array(this.length)
    for (let i = 0; i < idx.length; i++) idx[i] = i
    const ts = this.ts
    return idx.sort((a, b) => ts[a] - ts[b])
  }
}
