// Playlists as rows of vocabulary indexes laid end to end: the form the training kernel reads.
import type { PlaylistCorpus } from './types'

/** `words[offsets[p] .. offsets[p + 1])` are playlist p's vocabulary rows (unknown songs dropped). */
export interface EncodedCorpus {
  words: Uint32Array
  offsets: Uint32Array
  /** Occurrences kept (= words.length): what one epoch processes before subsampling. */
  total: number
  /** Longest playlist, in kept occurrences. */
  longest: number
}

export function encodeCorpus(corpus: PlaylistCorpus, index: Map<string, number>): EncodedCorpus {
  let total = 0
  for (const playlist of corpus) for (const key of playlist) if (index.has(key)) total++
  const words = new Uint32Array(total)
  const offsets = new Uint32Array(corpus.length + 1)
  let n = 0
  let longest = 0
  corpus.forEach((playlist, p) => {
    const start = n
    for (const key of playlist) {
      const row = index.get(key)
      if (row !== undefined) words[n++] = row
    }
    longest = Math.max(longest, n - start)
    offsets[p + 1] = n
  })
  return { words, offsets, total, longest }
}

/**
 * Cuts playlists 0..P-1 into consecutive chunks of at least `chunkWords` occurrences (the last may
 * be smaller): the units threads claim, and the C tool's learning-rate step. Returns the K + 1
 * chunk boundaries (playlist indexes).
 */
export function chunkPlaylists(offsets: Uint32Array, chunkWords: number): Uint32Array {
  const playlists = offsets.length - 1
  const bounds = [0]
  let start = 0
  for (let p = 1; p <= playlists; p++) {
    if (offsets[p] - offsets[start] >= chunkWords || p === playlists) {
      bounds.push(p)
      start = p
    }
  }
  if (playlists === 0) bounds.push(0)
  return Uint32Array.from(bounds)
}
