// Seeded variety for mixes: a fresh but reproducible order of ranked candidates, and blending of several pools.
import { createRng, type Rng } from '../util/random'

/** Default freshness: how far a regenerated mix strays from the strict ranking (0 = never). */
export const DEFAULT_FRESHNESS = 0.35

/**
 * Reorders a best-first list by sampling without replacement: the song at rank r (0-based) is
 * drawn with probability ∝ (1 + r)^(−1 / freshness) (Gumbel top-k), so the head of the ranking
 * stays likely while each seed gives another mix. `freshness` 0 keeps the order.
 */
export function freshOrder<T>(ranked: readonly T[], rng: Rng, freshness: number): T[] {
  if (!(freshness >= 0) || !Number.isFinite(freshness)) {
    throw new Error(`freshness must be a finite number ≥ 0, got ${freshness}`)
  }
  if (freshness === 0) return [...ranked]
  const keyed = ranked.map((item, r) => {
    let u = rng.next()
    while (u === 0) u = rng.next()
    return { item, r, key: -Math.log(1 + r) / freshness - Math.log(-Math.log(u)) }
  })
  keyed.sort((a, b) => b.key - a.key || a.r - b.r)
  return keyed.map((k) => k.item)
}

/**
 * Merges lists so that list i fills about `shares[i]` of the positions: each position goes to the
 * non-exhausted list furthest behind its share (ties to the lower index). Deterministic.
 */
export function interleave<T>(lists: readonly (readonly T[])[], shares: readonly number[]): T[] {
  if (lists.length !== shares.length) throw new Error('interleave needs one share per list')
  if (shares.some((s) => !(s >= 0))) throw new Error('interleave shares must be ≥ 0')
  const taken = lists.map(() => 0)
  const total = lists.reduce((s, l) => s + l.length, 0)
  const out: T[] = []
  while (out.length < total) {
    let best = -1
    let bestDeficit = -Infinity
    for (let i = 0; i < lists.length; i++) {
      if (taken[i] >= lists[i].length) continue
      const deficit = shares[i] * (out.length + 1) - taken[i]
      if (deficit > bestDeficit) {
        best = i
        bestDeficit = deficit
      }
    }
    out.push(lists[best][taken[best]++])
  }
  return out
}

/** A random source for one mix, derived from the user's seed and what the mix is. */
export function mixRng(seed: number, ...parts: (string | number)[]): Rng {
  if (!Number.isSafeInteger(seed))
    throw new Error(`The mix seed must be a whole number, got ${seed}`)
  return createRng(hashParts(seed, parts))
}

/** FNV-1a over the seed and the parts: a 32-bit seed that changes with any of them. */
export function hashParts(seed: number, parts: readonly (string | number)[]): number {
  let h = 0x811c9dc5
  const feed = (s: string): void => {
    for (let i = 0; i < s.length; i++) {
      h ^= s.charCodeAt(i)
      h = Math.imul(h, 0x01000193) >>> 0
    }
    h ^= 0xff
    h = Math.imul(h, 0x01000193) >>> 0
  }
  feed(String(seed))
  for (const p of parts) feed(String(p))
  return h >>> 0
}
