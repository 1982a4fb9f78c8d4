// The scoring heads an exported graph can combine, and the checks on a head list.

/** 'cosine': cosine of the weighted mean of the context's unit vectors (the seed's method);
 * 'output': CBOW's own prediction, weighted mean of context input vectors · output vectors. */
export type HeadKind = 'cosine' | 'output'

/** One scoring head and its weight in the blend. */
export interface HeadSpec {
  /** Which score. */
  kind: HeadKind
  /** Its weight when several heads are blended (ignored with a single head). */
  weight: number
}

/** How several heads are combined: z-scores over the vocabulary (default) or the raw scores. */
export type HeadCombine = 'zscore' | 'sum'

/** The head used when none is given: the seed article's cosine similarity. */
export const DEFAULT_HEADS: readonly HeadSpec[] = [{ kind: 'cosine', weight: 1 }]

/** Throws a clear error for an empty list, an unknown kind, a repeated kind or a bad weight. */
export function checkHeads(heads: readonly HeadSpec[]): void {
  if (heads.length === 0) throw new Error('heads is empty: give at least one scoring head')
  const seen = new Set<string>()
  for (const h of heads) {
    if (h.kind !== 'cosine' && h.kind !== 'output') {
      throw new Error(`Unknown head kind '${String(h.kind)}': use 'cosine' or 'output'`)
    }
    if (seen.has(h.kind)) throw new Error(`Head '${h.kind}' listed twice: give each kind once`)
    seen.add(h.kind)
    if (!Number.isFinite(h.weight)) throw new Error(`Head '${h.kind}' has a non-finite weight`)
  }
  if (heads.length > 1 && heads.every((h) => h.weight === 0)) {
    throw new Error('Every head weight is 0: give at least one head a non-zero weight')
  }
}
