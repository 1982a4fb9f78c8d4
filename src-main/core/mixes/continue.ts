// Continue this playlist: N more songs that fit it, the latest songs weighing most, its own songs left out.
import { modelPool, ownedNear, requestBlocked, ruleSong } from './candidates'
import { coocRerank } from './cooc-rerank'
import { SERVED_PARAMS } from '../recommend/defaults'
import { songName, type MixEnv } from './env'
import { finishMix, mixSize, type MixOptions } from './finish'
import { demoteSkipped } from './listening'
import { applyMixRules, MIN_OWNED_SHARE } from './rules'
import { DEFAULT_FRESHNESS, freshOrder, interleave, mixRng } from './sampling'
import type { Mix } from './types'
import { weightedDirection } from './unit-vectors'
import { Explainer } from './why'

/** The playlist to continue. */
export interface PlaylistToContinue {
  /** Its name (names the mix). */
  name: string
  /** Its song keys in play order. */
  keys: readonly string[]
}

/** Options of {@link continueMix}. */
export interface ContinueOptions extends MixOptions {
  /** The song `d` places from the end weighs `1 / d^recency` (0: all alike). Default 0.5. */
  recency?: number
}

/** Songs added unless asked otherwise. */
export const CONTINUE_SIZE = 20
/** Latest playlist songs used as context. */
const CONTEXT_SONGS = 100
/** Model candidates re-ranked with co-occurrence evidence (the served pipeline's pool). */
export const RERANK_POOL = SERVED_PARAMS.candidates

/** Weights of a playlist's songs for continuing it: `1 / d^recency`, d = 1 for the last song. */
export function recencyWeights(length: number, recency: number): number[] {
  if (!(recency >= 0) || !Number.isFinite(recency))
    throw new Error(`recency must be a finite number ≥ 0, got ${recency}`)
  return Array.from({ length }, (_, i) => 1 / Math.pow(length - i, recency))
}

/**
 * The ranking for continuing `keys` (their own songs and `blocked` left out), before any rule: the
 * model's top `max(k, RERANK_POOL)` songs re-ranked with co-occurrence evidence (`coocRerank`).
 */
export async function continuationRanking(
  env: MixEnv,
  keys: readonly string[],
  k: number,
  blocked: ReadonlySet<string>,
  recency: number,
): Promise<{ keys: string[]; modelId?: string }> {
  const context = keys.slice(-CONTEXT_SONGS)
  const weights = recencyWeights(context.length, recency)
  const pool = await modelPool(
    env,
    context,
    weights,
    Math.max(k, RERANK_POOL),
    new Set([...blocked, ...keys]),
  )
  return {
    keys: coocRerank(env, context, weights, pool.keys, pool.scores).slice(0, k),
    modelId: pool.modelId,
  }
}

/**
 * `n` songs to append to the playlist: `continuationRanking` (model + co-occurrence evidence,
 * recency-weighted), reordered with the seed, mostly skipped songs last, through the mix rules with the playlist's last songs counting for
 * artist spacing. With "playable now" the user's songs nearest the playlist fill at least 80 %.
 */
export async function continueMix(
  env: MixEnv,
  playlist: PlaylistToContinue,
  opts: ContinueOptions,
): Promise<Mix> {
  const n = mixSize(opts.n, CONTINUE_SIZE)
  if (playlist.keys.length === 0)
    throw new Error(`Playlist "${playlist.name}" has no songs the app recognises to continue from`)
  const recency = opts.recency ?? 0.5
  const freshness = opts.freshness ?? DEFAULT_FRESHNESS
  const blocked = requestBlocked(env, [...(opts.exclude ?? []), ...playlist.keys])
  const pool = await continuationRanking(env, playlist.keys, 3 * n + 30, blocked, recency)
  if (pool.keys.length === 0 && !opts.playableNow) {
    throw new Error(
      `The model does not know the songs of "${playlist.name}" yet — retrain after importing it`,
    )
  }
  const rng = mixRng(opts.seed, 'continue', playlist.keys.join('\n'))
  let ordered: string[]
  if (opts.playableNow) {
    const context = playlist.keys.slice(-CONTEXT_SONGS)
    const weights = recencyWeights(context.length, recency)
    const vs: Float32Array[] = []
    const ws: number[] = []
    context.forEach((k, i) => {
      const v = env.vectors.get(k)
      if (v) {
        vs.push(v)
        ws.push(weights[i])
      }
    })
    const direction = weightedDirection(vs, ws)
    const owned = direction
      ? ownedNear(env, direction, blocked, 3 * n)
      : pool.keys.filter((k) => env.library.owned.has(k))
    ordered = interleave(
      [
        freshOrder(owned, rng, freshness),
        freshOrder(
          pool.keys.filter((k) => !env.library.owned.has(k)),
          rng,
          freshness,
        ),
      ],
      [MIN_OWNED_SHARE, 1 - MIN_OWNED_SHARE],
    )
  } else ordered = freshOrder(pool.keys, rng, freshness)
  // Songs the histories say were mostly skipped come only when nothing else fits.
  const picked = applyMixRules(
    demoteSkipped(env.listening, ordered).map((k) => ruleSong(env, k)),
    {
      n,
      exclude: blocked,
      playableNow: opts.playableNow,
      before: playlist.keys.slice(-9).map((k) => ({ artist: songName(env, k).artist })),
    },
  )
  return finishMix(
    {
      kind: 'continue',
      name: `${playlist.name} — continued`,
      description: `${picked.length} more songs that fit "${playlist.name}"`,
      seed: opts.seed,
      modelId: pool.modelId,
      params: {
        playlist: playlist.name,
        n,
        recency,
        playableNow: opts.playableNow ?? false,
        freshness,
      },
      keys: picked.map((p) => p.key),
    },
    new Explainer(env, [...playlist.keys].reverse()),
  )
}
