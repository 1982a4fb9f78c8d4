// The song vocabulary: which songs get a vector, in which row, with how many occurrences.
import type { PlaylistCorpus } from './types'

/** Songs kept for training: `words[row]`, `counts[row]`, and the reverse map key → row. */
export interface Vocab {
  words: string[]
  counts: Uint32Array
  index: Map<string, number>
}

/**
 * Songs seen at least `minCount` times, by descending count, ties by first appearance (so the
 * order, and therefore every row, is deterministic).
 */
export function buildVocab(corpus: PlaylistCorpus, minCount: number): Vocab {
  const { keys, counts } = countSongs(corpus)
  const rows = keys.map((_, i) => i).filter((i) => counts[i] >= minCount)
  rows.sort((a, b) => counts[b] - counts[a] || a - b)
  return fromRows(
    rows.map((i) => keys[i]),
    rows.map((i) => counts[i]),
  )
}

/**
 * Incremental training's vocabulary: the old rows first, unchanged, with this corpus's occurrences
 * added to their counts; then the new songs seen at least `minCount` times, ordered as in
 * `buildVocab`.
 */
export function extendVocab(
  oldWords: readonly string[],
  oldCounts: Uint32Array,
  corpus: PlaylistCorpus,
  minCount: number,
): Vocab {
  const { keys, counts } = countSongs(corpus)
  const seen = new Map<string, number>()
  keys.forEach((k, i) => seen.set(k, counts[i]))
  const words = [...oldWords]
  const merged = oldWords.map((w, row) =>
    Math.min(2 ** 32 - 1, oldCounts[row] + (seen.get(w) ?? 0)),
  )
  const old = new Set(oldWords)
  const fresh = keys
    .map((_, i) => i)
    .filter((i) => !old.has(keys[i]) && counts[i] >= minCount)
    .sort((a, b) => counts[b] - counts[a] || a - b)
  for (const i of fresh) {
    words.push(keys[i])
    merged.push(counts[i])
  }
  return fromRows(words, merged)
}

/** Distinct keys in order of first appearance, with their occurrence counts. */
function countSongs(corpus: PlaylistCorpus): { keys: string[]; counts: number[] } {
  const at = new Map<string, number>()
  const keys: string[] = []
  const counts: number[] = []
  for (const playlist of corpus) {
    for (const key of playlist) {
      if (typeof key !== 'string') {
        throw new Error(`Song2Vec corpus entries must be strings (song keys), got ${typeof key}`)
      }
      const i = at.get(key)
      if (i === undefined) {
        at.set(key, keys.length)
        keys.push(key)
        counts.push(1)
      } else counts[i]++
    }
  }
  return { keys, counts }
}

function fromRows(words: string[], counts: number[]): Vocab {
  const index = new Map<string, number>()
  words.forEach((w, i) => index.set(w, i))
  return { words, counts: Uint32Array.from(counts), index }
}
