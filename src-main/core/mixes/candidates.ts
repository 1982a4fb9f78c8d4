// Candidate songs for a mix: the model's top songs for a weighted context, and the user's own songs nearest a direction.
import { blockedKeys, knownKeys, songName, type MixEnv } from './env'
import type { RuleSong } from './rules'
import { dot } from './unit-vectors'

/** The largest candidate pool asked of the model in one query. */
export const MAX_POOL = 5000

/** Ranked keys (and their model scores) for a weighted context, without blocked keys. */
export async function modelPool(
  env: MixEnv,
  context: readonly string[],
  weights: readonly number[] | undefined,
  k: number,
  blocked: ReadonlySet<string>,
): Promise<{ keys: string[]; scores: number[]; modelId?: string }> {
  if (weights && weights.length !== context.length)
    throw new Error('modelPool needs one weight per context song')
  const known = new Set(knownKeys(env, context))
  const ctx: string[] = []
  const w: number[] = []
  context.forEach((key, i) => {
    const weight = weights ? weights[i] : 1
    if (known.has(key) && weight > 0) {
      ctx.push(key)
      w.push(weight)
    }
  })
  if (ctx.length === 0) return { keys: [], scores: [] }
  const size = Math.max(1, Math.min(MAX_POOL, Math.ceil(k)))
  const answer = await env.scorer.recommend(ctx, size, { weights: w, exclude: [...blocked] })
  const kept = answer.results.filter((r) => !blocked.has(r.key))
  return { keys: kept.map((r) => r.key), scores: kept.map((r) => r.score), modelId: answer.modelId }
}

/** The user's owned songs closest to `direction` (cosine above `minCos`, default 0), best first, without blocked keys. */
export function ownedNear(
  env: MixEnv,
  direction: Float32Array,
  blocked: ReadonlySet<string>,
  limit: number,
  minCos = 0,
): string[] {
  const scored: { key: string; cos: number }[] = []
  for (const key of env.library.owned.keys()) {
    if (blocked.has(key)) continue
    const v = env.vectors.get(key)
    if (!v) continue
    const cos = dot(v, direction)
    if (cos > minCos) scored.push({ key, cos })
  }
  scored.sort((a, b) => b.cos - a.cos || (a.key < b.key ? -1 : 1))
  return scored.slice(0, limit).map((s) => s.key)
}

/** What the rules need about a key. */
export function ruleSong(env: MixEnv, key: string): RuleSong {
  return { key, artist: songName(env, key).artist, owned: env.library.owned.has(key) }
}

/** Blocked keys of a request: thumbs-down plus the caller's exclusions. */
export function requestBlocked(env: MixEnv, exclude: Iterable<string> | undefined): Set<string> {
  return blockedKeys(env, exclude ?? [])
}
