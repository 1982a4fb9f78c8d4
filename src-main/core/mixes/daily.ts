// Daily mixes: one per taste, the user's own songs of that taste blended with close songs they do not own yet.
import { modelPool, ownedNear, requestBlocked, ruleSong } from './candidates'
import type { MixEnv } from './env'
import { finishMix, mixSize, type MixOptions } from './finish'
import { demoteSkipped } from './listening'
import { applyMixRules, MIN_OWNED_SHARE } from './rules'
import { DEFAULT_FRESHNESS, freshOrder, interleave, mixRng } from './sampling'
import type { TasteCentroid } from './taste-profile'
import type { Mix, MixKind } from './types'
import { dot } from './unit-vectors'
import { Explainer } from './why'

/** Options of a taste mix. */
export interface TasteMixOptions extends MixOptions {
  /** Share of owned songs aimed at (default 0.6; "playable now" raises it to at least 0.8). */
  ownedShare?: number
}

/** Songs of a daily mix unless asked otherwise. */
export const DAILY_SIZE = 30
/** Taste songs used as the model's context for one taste. */
const CONTEXT_SONGS = 200

/**
 * One mix for one taste. Owned songs: the taste's own songs (most typical first), then other
 * owned songs nearest its centroid that are as close as a typical member (`typicalCos`). Songs not owned: the taste's songs the user only lists, then
 * the model's top songs for the taste's songs (weighted) that the user does not own. Both lists are reordered with the seed (freshness),
 * blended to `ownedShare`, and passed through the mix rules.
 */
export async function tasteMix(
  env: MixEnv,
  taste: TasteCentroid,
  kind: Extract<MixKind, 'daily' | 'cluster'>,
  name: string,
  opts: TasteMixOptions,
): Promise<Mix> {
  const n = mixSize(opts.n, DAILY_SIZE)
  const freshness = opts.freshness ?? DEFAULT_FRESHNESS
  const share = Math.max(opts.ownedShare ?? 0.6, opts.playableNow ? MIN_OWNED_SHARE : 0)
  if (!(share >= 0 && share <= 1))
    throw new Error(`ownedShare must lie in [0, 1], got ${opts.ownedShare}`)
  const blocked = requestBlocked(env, opts.exclude)
  const members = taste.members.filter((m) => !blocked.has(m.key))
  const memberKeys = new Set(members.map((m) => m.key))

  const ownedMembers = members.filter((m) => m.owned).map((m) => m.key)
  const nearby = ownedNear(
    env,
    taste.direction,
    new Set([...blocked, ...memberKeys]),
    2 * n,
    typicalCos(env, taste),
  )
  const ownedPool = [...ownedMembers, ...nearby].slice(0, Math.max(3 * n, ownedMembers.length))

  const context = members.slice(0, CONTEXT_SONGS)
  const model = await modelPool(
    env,
    context.map((m) => m.key),
    context.map((m) => m.weight),
    3 * n + env.library.owned.size,
    blocked,
  )
  const unownedMembers = members.filter((m) => !m.owned).map((m) => m.key)
  const newPool = [...unownedMembers, ...model.keys.filter((k) => !env.library.owned.has(k))].slice(
    0,
    Math.max(3 * n, unownedMembers.length),
  )

  const rng = mixRng(opts.seed, kind, name)
  const ordered = interleave(
    [freshOrder(ownedPool, rng, freshness), freshOrder(newPool, rng, freshness)],
    [share, 1 - share],
  )
  const picked = applyMixRules(
    demoteSkipped(env.listening, ordered).map((k) => ruleSong(env, k)),
    { n, thumbsDown: env.library.thumbsDown, exclude: opts.exclude, playableNow: opts.playableNow },
  )
  const artists = taste.topArtists.slice(0, 3).join(', ')
  return finishMix(
    {
      kind,
      name,
      description: artists
        ? `${taste.label} — with ${artists} and new finds`
        : `${taste.label} and new finds`,
      seed: opts.seed,
      modelId: model.modelId,
      params: {
        n,
        playableNow: opts.playableNow ?? false,
        freshness,
        ownedShare: share,
        taste: taste.label,
      },
      keys: picked.map((p) => p.key),
    },
    new Explainer(env, [...memberKeys]),
  )
}

/**
 * How close to the centroid an owned song that is not a member must be to join: the lower quartile
 * of the members' cosines (Infinity, i.e. none join, when no member has a vector).
 */
export function typicalCos(env: MixEnv, taste: TasteCentroid): number {
  const cos: number[] = []
  for (const m of taste.members) {
    const v = env.vectors.get(m.key)
    if (v) cos.push(dot(v, taste.direction))
  }
  if (cos.length === 0) return Infinity
  cos.sort((a, b) => a - b)
  return cos[Math.floor((cos.length - 1) / 4)]
}

/** Up to `max` daily mixes, one per taste, heaviest taste first, named "Daily Mix i: label". */
export async function dailyMixes(
  env: MixEnv,
  tastes: readonly TasteCentroid[],
  opts: TasteMixOptions & { max?: number },
): Promise<Mix[]> {
  const max = opts.max ?? 6
  const out: Mix[] = []
  for (const taste of tastes.slice(0, max)) {
    const mix = await tasteMix(
      env,
      taste,
      'daily',
      `Daily Mix ${taste.index + 1}: ${taste.label}`,
      opts,
    )
    if (mix.tracks.length > 0) out.push(mix)
  }
  return out
}
