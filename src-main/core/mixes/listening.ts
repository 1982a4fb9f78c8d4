// What imported listening histories tell the mixes: per-song facts, how much a song's listens weigh in the taste, which songs were mostly skipped.
import {
  DAY_MS,
  latestListen,
  listeningFacts,
  listeningReason,
  playsBetween,
  type ListeningFact,
} from '../history/listening-facts'
import type { Db } from '../store/db'
import type { UserLibrary } from './user-library'

export { DAY_MS }
/** "On repeat" looks at this many days before the history's latest listen. */
export const RECENT_DAYS = 30
/** "Recent favourites" looks at this many days before the history's latest listen. */
export const LATELY_DAYS = 90
/** A listen's weight in the taste halves every this many days before the history's latest listen. */
export const HALF_LIFE_DAYS = 365

/** The user's histories, read once per mix request. */
export interface Listening {
  /** Song key → plays, skips, last play (see `listeningFacts`). */
  facts: Map<string, ListeningFact>
  /** Song key → plays in the last {@link RECENT_DAYS} days before `now`. */
  recent: Map<string, number>
  /** Song key → plays in the last {@link LATELY_DAYS} days before `now` (absent: none counted). */
  lately?: Map<string, number>
  /** The histories' "now": their latest listen (so an old export still has a last month). */
  now: number
  /** Today, for wording reasons ("last in March" drops the year only in this year). */
  today: number
}

/** Reads the histories' facts; undefined when no history was imported (or it matched no song). */
export async function loadListening(
  db: Db,
  opts: { now?: number; today?: number } = {},
): Promise<Listening | undefined> {
  const facts = await listeningFacts(db)
  if (facts.size === 0) return undefined
  const now = opts.now ?? (await latestListen(db)) ?? Date.now()
  const recent = await playsBetween(db, now - RECENT_DAYS * DAY_MS, now)
  const lately = await playsBetween(db, now - LATELY_DAYS * DAY_MS, now)
  return { facts, recent, lately, now, today: opts.today ?? Date.now() }
}

/**
 * How much the user's own rating (1–100) scales a song's taste weight: 1 unrated or at 3 stars,
 * ×1.5 at 5 stars, ×0.5 at 1 star (`1 + (rating − 60) / 80`).
 */
export function ratingFactor(f: ListeningFact | undefined): number {
  if (!f?.rating) return 1
  return Math.min(1.5, Math.max(0.5, 1 + (f.rating - 60) / 80))
}

/**
 * How much a song's listens scale its taste weight: `(1 + ln(1 + plays × ½^(age / half-life)))
 * × skip factor × rating factor`, age = time since its last play; 1 for a song the histories do not
 * know. The skip factor is 1 while at most half of its listens were skips and falls linearly to 0
 * (out of the taste) when all were; the rating factor is {@link ratingFactor}.
 */
export function listeningWeight(f: ListeningFact | undefined, now: number): number {
  if (!f) return 1
  if (f.plays + f.skips === 0) return ratingFactor(f)
  const age = f.lastPlayed === undefined ? HALF_LIFE_DAYS * DAY_MS : now - f.lastPlayed
  const decay = 0.5 ** (Math.max(0, age) / (HALF_LIFE_DAYS * DAY_MS))
  const skipShare = f.skips / (f.plays + f.skips)
  const skipFactor = skipShare <= 0.5 ? 1 : 2 * (1 - skipShare)
  return (1 + Math.log1p(f.plays * decay)) * skipFactor * ratingFactor(f)
}

/** Skipped at least twice and more often than played: pushed to the end of every mix's candidates. */
export function mostlySkipped(f: ListeningFact | undefined): boolean {
  return f !== undefined && f.skips >= 2 && f.skips > f.plays
}

/** The library with its taste weights scaled by {@link listeningWeight} (songs weighing 0 drop out). */
export function weighByListening(library: UserLibrary, listening: Listening): UserLibrary {
  const taste = library.taste
    .map((s) => ({
      ...s,
      weight: s.weight * listeningWeight(listening.facts.get(s.key), listening.now),
    }))
    .filter((s) => s.weight > 0)
  return { ...library, taste }
}

/** `keys` in the same order, the mostly skipped ones moved behind all others. */
export function demoteSkipped(listening: Listening | undefined, keys: readonly string[]): string[] {
  if (!listening) return [...keys]
  const kept: string[] = []
  const demoted: string[] = []
  for (const k of keys) (mostlySkipped(listening.facts.get(k)) ? demoted : kept).push(k)
  return [...kept, ...demoted]
}

/** "you played this 41 times, last in March" for a song the histories know, else undefined. */
export function listenedReason(listening: Listening | undefined, key: string): string | undefined {
  return listening ? listeningReason(listening.facts.get(key), listening.today) : undefined
}
