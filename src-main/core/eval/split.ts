// The seeded, leak-free split of playlists into training and held-out sets.
import { PythonRandom } from './python-shuffle'

/** A split of a playlist list by index: every playlist is in exactly one part. */
export interface PlaylistSplit<T> {
  /** Training playlists. */
  train: T[]
  /** Held-out playlists. */
  heldout: T[]
  /** Indices (into the input) of the training playlists, in training order. */
  trainIndex: number[]
  /** Indices of the held-out playlists, in held-out order. */
  heldoutIndex: number[]
}

/** The permutation 0..n-1 exactly as Python's `random.Random(seed).shuffle(list(range(n)))` leaves it. */
export function seededPermutation(n: number, seed: number): number[] {
  return new PythonRandom(seed).shuffle(Array.from({ length: n }, (_, i) => i))
}

/**
 * Shuffles the playlist indices with `seed` and holds out the first `holdout` of them; the rest
 * are the training set — gensim_anchor.py's `split`, with the identical permutation. Throws unless
 * 1 ≤ holdout < playlists.length.
 */
export function splitPlaylists<T>(
  playlists: readonly T[],
  holdout: number,
  seed: number,
): PlaylistSplit<T> {
  if (!Number.isInteger(holdout) || holdout < 1 || holdout >= playlists.length) {
    throw new Error(
      `Cannot hold out ${holdout} of ${playlists.length} playlists: choose a whole number from 1 to ${playlists.length - 1}`,
    )
  }
  if (!Number.isSafeInteger(seed) || seed < 0)
    throw new Error(`The split seed must be a non-negative whole number, got ${seed}`)
  const order = seededPermutation(playlists.length, seed)
  const heldoutIndex = order.slice(0, holdout)
  const trainIndex = order.slice(holdout)
  return {
    train: trainIndex.map((i) => playlists[i]),
    heldout: heldoutIndex.map((i) => playlists[i]),
    trainIndex,
    heldoutIndex,
  }
}
