// Turns listening history into sentences for training: sessions split at long gaps, skips and short plays left out (and counted against the song), repeats collapsed.

/** Listens in time order, as columns (what `loadListens` and the benchmark give). */
export interface ListenColumns {
  ts: ArrayLike<number>
  /** ms played, −1 unknown (a scrobble: counted as listened). */
  ms: ArrayLike<number>
  skipped: ArrayLike<number>
  /** Index into `keys`, −1 for a song without a key. */
  song: ArrayLike<number>
  keys: readonly string[]
}

export interface SessionOptions {
  /** A silence longer than this starts a new session; default 30 minutes. */
  gapMinutes?: number
  /** Plays shorter than this are skips; default 30 s. */
  minPlayedMs?: number
  /** Sessions shorter than this (after cleaning) are left out; default 2 (a sentence needs a neighbour). */
  minLength?: number
}

export interface Sessions {
  /** Song-key sentences, in time order. */
  sessions: string[][]
  /** Song key → plays skipped or cut short (negative evidence). */
  skips: Map<string, number>
  /** Plays left out: skipped / shorter than the minimum / an immediate repeat / without a song key. */
  dropped: { skipped: number; short: number; repeats: number; unkeyed: number }
}

export const SESSION_DEFAULTS = { gapMinutes: 30, minPlayedMs: 30_000, minLength: 2 } as const

/** Splits time-ordered listens into sessions (see `SessionOptions`). */
export function sessionsOf(l: ListenColumns, o: SessionOptions = {}): Sessions {
  const gap = (o.gapMinutes ?? SESSION_DEFAULTS.gapMinutes) * 60_000
  const minMs = o.minPlayedMs ?? SESSION_DEFAULTS.minPlayedMs
  const minLength = o.minLength ?? SESSION_DEFAULTS.minLength
  const out: Sessions = {
    sessions: [],
    skips: new Map(),
    dropped: { skipped: 0, short: 0, repeats: 0, unkeyed: 0 },
  }
  let current: string[] = []
  let lastEnd = -Infinity
  const close = () => {
    if (current.length >= minLength) out.sessions.push(current)
    current = []
  }
  const n = l.ts.length
  for (let i = 0; i < n; i++) {
    const start = l.ts[i]
    const ms = l.ms[i]
    if (start - lastEnd > gap) close()
    lastEnd = Math.max(lastEnd, start + Math.max(0, ms))
    const k = l.song[i]
    if (k < 0) {
      out.dropped.unkeyed++
      continue
    }
    const key = l.keys[k]
    const skipped = l.skipped[i] === 1
    if (skipped || (ms >= 0 && ms < minMs)) {
      if (skipped) out.dropped.skipped++
      else out.dropped.short++
      out.skips.set(key, (out.skips.get(key) ?? 0) + 1)
      continue
    }
    if (current[current.length - 1] === key) {
      out.dropped.repeats++
      continue
    }
    current.push(key)
  }
  close()
  return out
}
