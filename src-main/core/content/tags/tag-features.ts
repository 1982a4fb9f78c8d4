// Turns a song's tag list into a fixed-length feature row: tag indicators scaled to unit length.

/** The tags a model knows, in feature order. */
export interface TagVocabulary {
  names: string[]
  index: Map<string, number>
}

/** The vocabulary of `names` (duplicates dropped, first occurrence wins). */
export function tagVocabulary(names: readonly string[]): TagVocabulary {
  const index = new Map<string, number>()
  const out: string[] = []
  for (const n of names) {
    if (index.has(n)) continue
    index.set(n, out.length)
    out.push(n)
  }
  return { names: out, index }
}

/**
 * Feature row of one song: 1/√k on each of its k known tags (unknown tags ignored), so a song with
 * many tags weighs no more than one with few. Returns undefined when no tag is known.
 */
export function tagRow(
  vocab: TagVocabulary,
  tags: readonly string[],
  out = new Float32Array(vocab.names.length),
): Float32Array | undefined {
  out.fill(0)
  let k = 0
  for (const t of tags) {
    const i = vocab.index.get(t)
    if (i !== undefined && out[i] === 0) {
      out[i] = 1
      k++
    }
  }
  if (k === 0) return undefined
  const v = 1 / Math.sqrt(k)
  for (let i = 0; i < out.length; i++) if (out[i] !== 0) out[i] = v
  return out
}

/** Feature rows of many songs (row-major `n × tags`); `known[i]` is false for a song with no known tag. */
export function tagMatrix(
  vocab: TagVocabulary,
  songs: readonly (readonly string[])[],
): { x: Float32Array; known: boolean[] } {
  const p = vocab.names.length
  const x = new Float32Array(songs.length * p)
  const known = songs.map(
    (tags, i) => tagRow(vocab, tags, x.subarray(i * p, (i + 1) * p)) !== undefined,
  )
  return { x, known }
}
