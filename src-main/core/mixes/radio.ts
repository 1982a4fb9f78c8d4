// Radio: an endless station from one or several songs; each call returns the next batch, never repeating what was queued.
import { modelPool, ownedNear, requestBlocked, ruleSong } from './candidates'
import { RERANK_POOL } from './continue'
import { coocRerank } from './cooc-rerank'
import { knownKeys, songName, type MixEnv } from './env'
import { finishMix, mixSize, type MixOptions } from './finish'
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
 * the seeds and the queued songs, through the mix rules. With "playable now" the user's songs
 * nearest the seeds fill at least 80 %.
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
  if (opts.playableNow) {
    const direction = weightedDirection(
      known.map((k) => env.vectors.get(k)).filter((v): v is Float32Array => !!v),
    )
    const owned = direction
      ? ownedNear(env, direction, blocked, offset + 3 * n)
      : pool.keys.filter((k) => env.library.owned.has(k))
    const others = pool.keys.filter((k) => !env.library.owned.has(k))
    ordered = interleave(
      [freshOrder(owned, rng, freshness), freshOrder(others, rng, freshness)],
      [MIN_OWNED_SHARE, 1 - MIN_OWNED_SHARE],
    )
  } else ordered = freshOrder(pool.keys, rng, freshness)
  const picked = applyMixRules(
    ordered.map((k) => ruleSong(env, k)),
    {
      n,
      exclude: blocked,
      playableNow: opts.playableNow,
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
        .join(', ')}`,
      seed: opts.seed,
      modelId: pool.modelId,
      params: { seeds: known, n, offset, playableNow: opts.playableNow ?? false, freshness },
      keys: picked.map((p) => p.key),
    },
    new Explainer(env, known),
  )
}
