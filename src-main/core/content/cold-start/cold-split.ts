// Picks the cold songs of the cold-start protocol and removes them from the training playlists entirely.
import { createRng } from '../../util/random'
import { shuffle } from '../nn/fit'

/**
 * A seeded sample of `count` songs among those that occur in the held-out playlists and satisfy
 * `eligible` (they have the content being evaluated), in ascending id order.
 */
export function pickColdSongs(
  heldout: readonly (readonly number[])[],
  eligible: (id: number) => boolean,
  count: number,
  seed: number,
): number[] {
  if (!Number.isInteger(count) || count < 1)
    throw new Error(`coldSongs must be a positive whole number, got ${count}`)
  const candidates = [...new Set(heldout.flat())].filter(eligible).sort((a, b) => a - b)
  if (candidates.length < 2) {
    throw new Error(
      `Only ${candidates.length} held-out songs have content to place: hold out more playlists or add tags/audio`,
    )
  }
  return shuffle(candidates, createRng(seed ^ 0x636f6c64))
    .slice(0, Math.min(count, candidates.length))
    .sort((a, b) => a - b)
}

/** The playlists with the cold songs removed; playlists left with fewer than 2 songs are dropped. */
export function withoutSongs(
  playlists: readonly (readonly number[])[],
  cold: ReadonlySet<number>,
): number[][] {
  const out: number[][] = []
  for (const p of playlists) {
    const kept = p.filter((s) => !cold.has(s))
    if (kept.length > 1) out.push(kept)
  }
  return out
}
