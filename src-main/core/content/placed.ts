// The result of placing songs by content: their keys, their vectors in the Song2Vec space, and what placed them.

/** What content placed a song. */
export type PlacedBy = 'tags' | 'audio' | 'tags+audio'

/** Songs placed by content, marked so the app can say "placed by content". */
export interface PlacedSongs {
  /** Song keys (`songKey(artist, title)` in the app; catalogue ids as strings in the evaluation). */
  keys: string[]
  /** Unit vectors, row-major `keys.length × dim`. */
  vectors: Float32Array
  dim: number
  placedBy: PlacedBy
}

/** Averages two placements of the same songs (unit rows, re-normalised) where both exist; keys are the union. */
export function combinePlacements(a: PlacedSongs, b: PlacedSongs, weightA = 0.5): PlacedSongs {
  if (a.dim !== b.dim) throw new Error(`Cannot combine ${a.dim}-d and ${b.dim}-d placements`)
  const dim = a.dim
  const rowsA = new Map(a.keys.map((k, i) => [k, i]))
  const rowsB = new Map(b.keys.map((k, i) => [k, i]))
  const keys = [...new Set([...a.keys, ...b.keys])]
  const vectors = new Float32Array(keys.length * dim)
  keys.forEach((key, r) => {
    const ia = rowsA.get(key)
    const ib = rowsB.get(key)
    const out = vectors.subarray(r * dim, (r + 1) * dim)
    const wa = ia === undefined ? 0 : ib === undefined ? 1 : weightA
    for (let d = 0; d < dim; d++) {
      out[d] =
        (ia === undefined ? 0 : wa * a.vectors[ia * dim + d]) +
        (ib === undefined ? 0 : (1 - wa) * b.vectors[ib * dim + d])
    }
    let ss = 0
    for (let d = 0; d < dim; d++) ss += out[d] * out[d]
    if (ss > 0) for (let d = 0; d < dim; d++) out[d] /= Math.sqrt(ss)
  })
  return { keys, vectors, dim, placedBy: 'tags+audio' }
}
