// Radio: an endless station from one or several songs; each call returns the next batch, never repeating what was queued.
import { modelPool, ownedNear, requestBlocked, ruleSong } from './candidates'
import { RERANK_POOL } from './continue'
import { coocRerank } from './cooc-rerank'
import { knownKeys, songName, type MixEnv } from './env'
import { finishMix, mixSize, type MixOptions } from './finish'
import { demoteSkipped } from './listening'
import { applyMixRules, MIN_OWNED_SHARE } from './rules'
import { DEFAULT_FRESHNESS, freshOrder, interleave, mixRng } from './sampling'
import type { Mix } from './types'
import { weightedDirection } from './unit-vectors'
import { Explainer } from './why'

/** Options of a radio batch. */
export interface RadioOptions extends MixOptions {
  /**
   * Songs already queued by this radio, in play order: never repeated, and the last ones count
   * for artist spacing across batches.
   */
  exclude?: readonly string[]
  /** Songs the station has already played (0 for the first batch); varies the draw and deepens the pool. */
  offset?: number
}

/** Songs per radio batch unless asked otherwise. */
export const RADIO_BATCH = 25

/**
 * The radio's ranking for `seeds` (known to the model), before any rule: the model's top
 * `max(k, RERANK_POOL)` songs re-ranked with co-occurrence evidence (`coocRerank`).
 */
export async function radioRanking(
  env: MixEnv,
  seeds: readonly string[],
  k: number,
  blocked: ReadonlySet<string>,
): Promise<{ keys: string[]; modelId?: string }> {
  const weights = seeds.map(() => 1)
  const pool = await modelPool(env, seeds, weights, Math.max(k, RERANK_POOL), blocked)
  return {
    keys: coocRerank(env, seeds, weights, pool.keys, pool.scores).slice(0, k),
    modelId: pool.modelId,
  }
}

/**
 * The next `n` songs of the radio seeded by `seeds`: `radioRanking` for the seeds (pool deepened
 * by `offset` so refills do not run dry), reordered with the seed and the offset, without
 * the seeds and the queued songs, mostly skipped songs last, through the mix rules. With
 * "playable now" the user's songs nearest the seeds fill at least 80 %.
 */
export async function radioMix(
  env: MixEnv,
  seeds: readonly string[],
  opts: RadioOptions,
): Promise<Mix> {
  const n = mixSize(opts.n, RADIO_BATCH)
  const offset = opts.offset ?? 0
  if (!Number.isInteger(offset) || offset < 0)
    throw new Error(`offset must be a whole number ≥ 0, got ${offset}`)
  if (seeds.length === 0) throw new Error('A radio needs at least one seed song')
  const known = knownKeys(env, [...new Set(seeds)])
  if (known.length === 0) {
    throw new Error(
      'The model does not know any of these songs yet — retrain after importing playlists that contain them',
    )
  }
  const freshness = opts.freshness ?? DEFAULT_FRESHNESS
  const queued = opts.exclude ?? []
  const blocked = requestBlocked(env, [...queued, ...seeds])
  const pool = await radioRanking(env, known, offset + 3 * n + 30, blocked)
  const rng = mixRng(opts.seed, 'radio', known.join('\n'), offset)
  let ordered: string[]
  let ownedShare = MIN_OWNED_SHARE
  let note = ''
  if (opts.playableNow) {
    const direction = weightedDirection(
      known.map((k) => env.vectors.get(k)).filter((v): v is Float32Array => !!v),
    )
    const others = pool.keys.filter((k) => !env.library.owned.has(k))
    const owned = direction
      ? ownedNear(env, direction, blocked, offset + 3 * n, fitThreshold(env, direction, others, n))
      : pool.keys.filter((k) => env.library.owned.has(k))
    // Owned songs only where they fit: a thin library fills the rest from the catalogue.
    ownedShare = Math.min(MIN_OWNED_SHARE, Math.floor((owned.length / n) * 100) / 100)
    if (env.library.owned.size === 0)
      note = ' — a discovery station from the catalogue: import your music to play it'
    else if (ownedShare < MIN_OWNED_SHARE)
      note = ` — your library is thin here: ${owned.length} of your songs fit, the rest come from the catalogue`
    ordered = interleave(
      [freshOrder(owned, rng, freshness), freshOrder(others, rng, freshness)],
      [ownedShare, 1 - ownedShare],
    )
  } else ordered = freshOrder(pool.keys, rng, freshness)
  // Songs the histories say were mostly skipped come only when nothing else fits.
  const picked = applyMixRules(
    demoteSkipped(env.listening, ordered).map((k) => ruleSong(env, k)),
    {
      n,
      exclude: blocked,
      playableNow: opts.playableNow,
      minOwnedShare: ownedShare,
      before: queued.slice(-9).map((k) => ({ artist: songName(env, k).artist })),
    },
  )
  const first = songName(env, known[0])
  const name =
    known.length === 1
      ? `Radio: ${first.title}${first.artist ? ` by ${first.artist}` : ''}`
      : `Radio: ${first.title} + ${known.length - 1} more`
  return finishMix(
    {
      kind: 'radio',
      name,
      description: `Songs that go with ${known
        .map((k) => songName(env, k).title)
        .slice(0, 3)
        .join(', ')}${note}`,
      seed: opts.seed,
      modelId: pool.modelId,
      params: { seeds: known, n, offset, playableNow: opts.playableNow ?? false, freshness },
      keys: picked.map((p) => p.key),
    },
    new Explainer(env, known),
  )
}

/** An owned song fits a station when it is at least this share as close as the catalogue's n-th pick. */
export const OWNED_FIT = 0.8

/**
 * The closeness (cosine to the seeds' direction) an owned song needs to join the station:
 * {@link OWNED_FIT} × that of the `n`-th catalogue candidate (0 when the pool is shorter), so a
 * Bach file never joins a Kings of Leon radio just because the user owns few songs.
 */
export function fitThreshold(
  env: MixEnv,
  direction: Float32Array,
  candidates: readonly string[],
  n: number,
): number {
  const cos: number[] = []
  for (const k of candidates) {
    const v = env.vectors.get(k)
    if (v) cos.push(dot(v, direction))
  }
  if (cos.length < n) return 0
  cos.sort((a, b) => b - a)
  return Math.max(0, OWNED_FIT * cos[n - 1])
}

function dot(a: Float32Array, b: Float32Array): number {
  let s = 0
  for (let i = 0; i < a.length; i++) s += a[i] * b[i]
  return s
}
