// Song directions for mixes: unit vectors from the scorer (cached), cosines, weighted centroids and slerp.
import type { Scorer } from './types'

/** Unit-length song vectors read through `scorer.vector`, each normalised once. */
export class UnitVectors {
  private readonly cache = new Map<string, Float32Array | null>()

  constructor(private readonly scorer: Scorer) {}

  /** Whether the scorer gives vectors at all. */
  get available(): boolean {
    return typeof this.scorer.vector === 'function'
  }

  /** The song's unit vector, or undefined when the model has none (or it is zero). */
  get(key: string): Float32Array | undefined {
    const hit = this.cache.get(key)
    if (hit !== undefined) return hit ?? undefined
    const raw = this.scorer.vector?.(key)
    const unit = raw ? normalized(raw) : undefined
    this.cache.set(key, unit ?? null)
    return unit
  }

  /** Cosine of two songs, or undefined when either has no vector. */
  cos(a: string, b: string): number | undefined {
    const va = this.get(a)
    const vb = this.get(b)
    return va && vb ? dot(va, vb) : undefined
  }
}

/** Dot product of two equally long vectors. */
export function dot(a: ArrayLike<number>, b: ArrayLike<number>): number {
  if (a.length !== b.length)
    throw new Error(`Vectors of different lengths (${a.length} and ${b.length}) cannot be compared`)
  let s = 0
  for (let i = 0; i < a.length; i++) s += a[i] * b[i]
  return s
}

/** A unit-length copy, or undefined for a zero or non-finite vector. */
export function normalized(v: ArrayLike<number>): Float32Array | undefined {
  let s = 0
  for (let i = 0; i < v.length; i++) s += v[i] * v[i]
  if (!(s > 1e-30) || !Number.isFinite(s)) return undefined
  const inv = 1 / Math.sqrt(s)
  const out = new Float32Array(v.length)
  for (let i = 0; i < v.length; i++) out[i] = v[i] * inv
  return out
}

/** Direction of the weighted sum of unit vectors, or undefined when it is zero. */
export function weightedDirection(
  vectors: readonly Float32Array[],
  weights?: readonly number[],
): Float32Array | undefined {
  if (vectors.length === 0) return undefined
  const sum = new Float64Array(vectors[0].length)
  vectors.forEach((v, i) => {
    const w = weights ? weights[i] : 1
    for (let d = 0; d < sum.length; d++) sum[d] += w * v[d]
  })
  return normalized(sum)
}

/**
 * Weights (wa, wb) with `wa·a + wb·b` = the point at fraction t of the great-circle arc from unit
 * vector a to b (spherical linear interpolation). Both weights are ≥ 0, so the point can be asked
 * of the scorer as a weighted two-song context. Throws when a and b are opposite (no unique arc).
 */
export function slerpWeights(a: Float32Array, b: Float32Array, t: number): [number, number] {
  const c = Math.max(-1, Math.min(1, dot(a, b)))
  const theta = Math.acos(c)
  if (theta < 1e-6) return [1 - t, t]
  const s = Math.sin(theta)
  if (s < 1e-6) {
    throw new Error(
      'The two songs point in opposite directions of the model: choose a song in between as a waypoint',
    )
  }
  return [Math.sin((1 - t) * theta) / s, Math.sin(t * theta) / s]
}

/** The unit vector at fraction t of the arc from a to b. */
export function slerp(a: Float32Array, b: Float32Array, t: number): Float32Array {
  const [wa, wb] = slerpWeights(a, b, t)
  const out = new Float64Array(a.length)
  for (let d = 0; d < a.length; d++) out[d] = wa * a[d] + wb * b[d]
  return normalized(out) ?? Float32Array.from(a)
}
