// Mixes made from the listening histories alone: "On repeat" (most played this month), "Recent favourites" (played a lot these three months) and "Forgotten favourites" (loved long ago, not played for a year).
import { requestBlocked, ruleSong } from './candidates'
import type { MixEnv } from './env'
import { finishMix, mixSize, type MixOptions } from './finish'
import { DAY_MS, LATELY_DAYS, mostlySkipped, RECENT_DAYS, type Listening } from './listening'
import { applyMixRules } from './rules'
import type { Mix } from './types'
import { Explainer } from './why'

/** Songs of a listening mix unless asked otherwise. */
export const LISTENING_SIZE = 30
/** A listening mix with fewer songs than this is left out. */
export const MIN_LISTENING_SONGS = 3
/** Plays in the last {@link RECENT_DAYS} days a song needs to be "on repeat". */
export const ON_REPEAT_MIN_PLAYS = 3
/** Plays in the last {@link LATELY_DAYS} days a song needs to be a recent favourite (and not on repeat). */
export const RECENT_FAVOURITE_MIN_PLAYS = 5
/** Plays a song needs to be a forgotten favourite … */
export const FORGOTTEN_MIN_PLAYS = 5
/** … with none in this many days before the history's latest listen. */
export const FORGOTTEN_DAYS = 365

/** Whether a song is "on repeat": {@link ON_REPEAT_MIN_PLAYS}+ plays in the last 30 days, not mostly skipped. */
function onRepeat(listening: Listening, key: string): boolean {
  return (
    (listening.recent.get(key) ?? 0) >= ON_REPEAT_MIN_PLAYS &&
    !mostlySkipped(listening.facts.get(key))
  )
}

/** "On repeat": the songs played most in the last 30 days of the history (undefined without one, or too few). */
export function onRepeatMix(env: MixEnv, opts: MixOptions): Mix | undefined {
  const listening = env.listening
  if (!listening) return undefined
  const ranked = [...listening.recent]
    .filter(([k]) => onRepeat(listening, k))
    .sort((a, b) => b[1] - a[1] || cmp(a[0], b[0]))
  return listeningMix(env, opts, {
    name: 'On repeat',
    description: `What you played most in the last ${RECENT_DAYS} days`,
    keys: ranked.map(([k]) => k),
    reason: (k) => {
      const n = listening.recent.get(k) ?? 0
      return `${n} of them in the last ${RECENT_DAYS} days`
    },
  })
}

/**
 * "Recent favourites": songs played {@link RECENT_FAVOURITE_MIN_PLAYS}+ times in the history's last
 * {@link LATELY_DAYS} days that are not on repeat (so not played 3+ times in its last 30 days), most
 * played first; undefined without a history, or too few.
 */
export function recentFavouritesMix(env: MixEnv, opts: MixOptions): Mix | undefined {
  const listening = env.listening
  const lately = listening?.lately
  if (!listening || !lately) return undefined
  const ranked = [...lately]
    .filter(
      ([k, plays]) =>
        plays >= RECENT_FAVOURITE_MIN_PLAYS &&
        !onRepeat(listening, k) &&
        !mostlySkipped(listening.facts.get(k)),
    )
    .sort((a, b) => b[1] - a[1] || cmp(a[0], b[0]))
  return listeningMix(env, opts, {
    name: 'Recent favourites',
    description: `What you played a lot in the last ${LATELY_DAYS} days, beyond what is on repeat`,
    keys: ranked.map(([k]) => k),
    reason: (k) => `${lately.get(k) ?? 0} of them in the last ${LATELY_DAYS} days`,
  })
}

/** "Forgotten favourites": songs played many times but not in the history's last year (undefined without one, or too few). */
export function forgottenFavouritesMix(env: MixEnv, opts: MixOptions): Mix | undefined {
  const listening = env.listening
  if (!listening) return undefined
  const before = listening.now - FORGOTTEN_DAYS * DAY_MS
  const ranked = [...listening.facts]
    .filter(
      ([, f]) =>
        f.plays >= FORGOTTEN_MIN_PLAYS &&
        f.lastPlayed !== undefined &&
        f.lastPlayed < before &&
        !mostlySkipped(f),
    )
    .sort((a, b) => b[1].plays - a[1].plays || cmp(a[0], b[0]))
  return listeningMix(env, opts, {
    name: 'Forgotten favourites',
    description: 'Songs you loved long ago and have not played for a year',
    keys: ranked.map(([k]) => k),
    reason: (k) => {
      const last = listening.facts.get(k)?.lastPlayed ?? before
      const months = Math.floor((listening.now - last) / (30.44 * DAY_MS))
      return `not played for ${months} months`
    },
  })
}

function listeningMix(
  env: MixEnv,
  opts: MixOptions,
  spec: { name: string; description: string; keys: string[]; reason: (key: string) => string },
): Mix | undefined {
  const n = mixSize(opts.n, LISTENING_SIZE)
  const blocked = requestBlocked(env, opts.exclude)
  const picked = applyMixRules(
    spec.keys.filter((k) => !blocked.has(k)).map((k) => ruleSong(env, k)),
    { n, thumbsDown: env.library.thumbsDown, exclude: opts.exclude, playableNow: opts.playableNow },
  )
  if (picked.length < Math.min(n, MIN_LISTENING_SONGS)) return undefined
  const keys = picked.map((p) => p.key)
  return finishMix(
    {
      kind: 'daily',
      name: spec.name,
      description: spec.description,
      seed: opts.seed,
      params: { n, playableNow: opts.playableNow ?? false, listening: spec.name },
      keys,
    },
    new Explainer(env, keys, spec.reason),
  )
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0
}
