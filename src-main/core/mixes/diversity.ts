// How varied a list of songs is: distinct artists per 10 consecutive songs, and mean pairwise similarity.
import { artistId } from './rules'
import { dot, normalized } from './unit-vectors'

/**
 * Distinct artists per `window` songs: the mean number of distinct artists over every run of
 * `window` consecutive songs; a list shorter than that counts as one run scaled to the window
 * (distinct / length × window), so short and long lists compare. Artists compare normalised
 * ("The Beatles" = "Beatles"); songs without an artist each count as distinct. 0 for an empty list.
 */
export function distinctArtistsPerWindow(
  songs: readonly { artist: string }[],
  window = 10,
): number {
  if (!Number.isInteger(window) || window < 1)
    throw new Error(`window must be a whole number ≥ 1, got ${window}`)
  if (songs.length === 0) return 0
  const ids = songs.map((s, i) => artistId(s.artist) || `\u0000${i}`)
  if (ids.length < window) return (new Set(ids).size / ids.length) * window
  const w = window
  let sum = 0
  let runs = 0
  for (let start = 0; start + w <= ids.length; start++) {
    sum += new Set(ids.slice(start, start + w)).size
    runs++
  }
  return sum / runs
}

/**
 * Intra-list similarity: the mean cosine over all pairs of songs that have a vector (higher = more
 * alike). Undefined when fewer than two songs have one.
 */
export function intraListSimilarity(
  keys: readonly string[],
  vectorOf: (key: string) => ArrayLike<number> | undefined,
): number | undefined {
  const units: Float32Array[] = []
  for (const k of keys) {
    const v = vectorOf(k)
    const u = v ? normalized(v) : undefined
    if (u) units.push(u)
  }
  if (units.length < 2) return undefined
  let sum = 0
  let pairs = 0
  for (let i = 0; i < units.length; i++) {
    for (let j = i + 1; j < units.length; j++) {
      sum += dot(units[i], units[j])
      pairs++
    }
  }
  return sum / pairs
}
