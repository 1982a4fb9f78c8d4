// Discover: only songs the user neither owns, lists nor has played, ranked by closeness to each of their tastes.
import { modelPool, requestBlocked, ruleSong } from './candidates'
import type { MixEnv } from './env'
import { finishMix, mixSize, type MixOptions } from './finish'
import { demoteSkipped } from './listening'
import { applyMixRules } from './rules'
import { DEFAULT_FRESHNESS, freshOrder, interleave, mixRng } from './sampling'
import type { TasteCentroid } from './taste-profile'
import type { Mix } from './types'
import { Explainer } from './why'

/** Songs of Discover unless asked otherwise. */
export const DISCOVER_SIZE = 30
const CONTEXT_SONGS = 200

/**
 * Per taste, the model's top songs for the taste's songs (weighted), leaving out everything the
 * user owns or has in a playlist; the tastes share the mix by weight. Without tastes (no vectors)
 * one query over all of the user's songs stands in. "Playable now" does not apply: nothing here
 * is owned.
 */
export async function discoverMix(
  env: MixEnv,
  tastes: readonly TasteCentroid[],
  opts: MixOptions,
): Promise<Mix> {
  const n = mixSize(opts.n, DISCOVER_SIZE)
  const freshness = opts.freshness ?? DEFAULT_FRESHNESS
  const known = [...env.library.owned.keys(), ...env.library.playlistKeys, ...played(env)]
  const blocked = requestBlocked(env, [...(opts.exclude ?? []), ...known])
  const groups =
    tastes.length > 0
      ? tastes.map((t) => ({ songs: t.members, share: t.share }))
      : [{ songs: env.library.taste, share: 1 }]
  const rng = mixRng(opts.seed, 'discover')
  const lists: string[][] = []
  const shares: number[] = []
  const from = new Map<string, number>()
  let modelId: string | undefined
  const totalShare = groups.reduce((s, g) => s + g.share, 0) || 1
  for (const [g, group] of groups.entries()) {
    const context = group.songs.slice(0, CONTEXT_SONGS)
    const share = group.share / totalShare
    const pool = await modelPool(
      env,
      context.map((s) => s.key),
      context.map((s) => s.weight),
      Math.ceil(3 * n * share) + 20,
      blocked,
    )
    modelId ??= pool.modelId
    for (const k of pool.keys) if (!from.has(k)) from.set(k, g)
    lists.push(freshOrder(pool.keys, rng, freshness))
    shares.push(share)
  }
  const picked = applyMixRules(
    demoteSkipped(env.listening, interleave(lists, shares)).map((k) => ruleSong(env, k)),
    { n, exclude: blocked },
  )
  const explainers = groups.map(
    (g) =>
      new Explainer(
        env,
        g.songs.map((s) => s.key),
      ),
  )
  return finishMix(
    {
      kind: 'discover',
      name: 'Discover',
      description:
        tastes.length > 0
          ? `New to you, close to ${tastes
              .slice(0, 3)
              .map((t) => t.label)
              .join(', ')}`
          : 'New to you, close to your songs',
      seed: opts.seed,
      modelId,
      params: { n, freshness },
      keys: picked.map((p) => p.key),
    },
    (key) => explainers[from.get(key) ?? 0],
  )
}

/** Songs the listening histories say were played (not new, even when not owned). */
function played(env: MixEnv): string[] {
  const facts = env.listening?.facts
  return facts ? [...facts].filter(([, f]) => f.plays > 0).map(([k]) => k) : []
}
