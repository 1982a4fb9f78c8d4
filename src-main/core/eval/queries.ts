// The two query sets of the protocol: leave-one-out with ±window context, and playlist continuation.

/** One leave-one-out query: the song to find and the songs around it. */
export interface LeaveOneOutQuery {
  /** The song left out, to be found. */
  target: number
  /** Up to `window` songs before and after the target, in playlist order, the target left out. */
  context: number[]
  /** Index in `context` where the target sat (the songs before it are `context[0..slot)`). */
  slot: number
}

/** Leave-one-out queries of a playlist, one per position (gensim_anchor.py's `contexts`). */
export function leaveOneOutQueries(
  playlist: readonly number[],
  window: number,
): LeaveOneOutQuery[] {
  const out: LeaveOneOutQuery[] = []
  for (let i = 0; i < playlist.length; i++) {
    const lo = Math.max(0, i - window)
    const hi = Math.min(playlist.length, i + window + 1)
    const context = [...playlist.slice(lo, i), ...playlist.slice(i + 1, hi)]
    out.push({ target: playlist[i], context, slot: i - lo })
  }
  return out
}

/** One continuation query: the first half of a playlist and what followed it. */
export interface ContinuationQuery {
  /** The first ⌊length / 2⌋ songs. */
  context: number[]
  /** Distinct songs of the rest that are not in the context (a continuation brings new songs). */
  relevant: Set<number>
}

/** The continuation query of a playlist, or undefined when the rest has no new song. */
export function continuationQuery(playlist: readonly number[]): ContinuationQuery | undefined {
  const half = Math.floor(playlist.length / 2)
  if (half < 1) return undefined
  const context = playlist.slice(0, half)
  const given = new Set(context)
  const relevant = new Set<number>()
  for (const s of playlist.slice(half)) if (!given.has(s)) relevant.add(s)
  return relevant.size > 0 ? { context, relevant } : undefined
}
