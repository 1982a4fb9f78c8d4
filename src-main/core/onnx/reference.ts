// Exact brute-force scorer in plain JS (float64 sums): the yardstick for the ONNX graph's answers.
import { checkHeads, DEFAULT_HEADS, type HeadCombine, type HeadSpec } from './heads'
import { checkQuery, type ScoreQuery, type ScoreResult } from './query'

/** The matrices the reference reads. */
export interface ReferenceModel {
  /** Vector dimensionality. */
  dim: number
  /** Input vectors, row-major `songs × dim`. */
  input: Float32Array
  /** Output vectors, row-major `songs × dim` (read only by the 'output' head). */
  output: Float32Array
}

/** The same graph options as `exportOnnx`. */
export interface ReferenceOptions {
  /** Scoring heads; default cosine only. */
  heads?: HeadSpec[]
  /** How several heads combine; default 'zscore'. */
  combine?: HeadCombine
  /** Exclude the context songs; default true. */
  excludeContext?: boolean
}

const EPSILON = 1e-12

/** Computes every song's score for a query exactly as the exported graph defines it. */
export class ReferenceScorer {
  readonly size: number
  private readonly heads: HeadSpec[]
  private readonly combine: HeadCombine
  private readonly excludeContext: boolean
  /** Unit-length input rows, rounded to float32 as the exported file stores them. */
  private readonly unit: Float32Array

  constructor(
    private readonly model: ReferenceModel,
    opts: ReferenceOptions = {},
  ) {
    this.heads = opts.heads ?? [...DEFAULT_HEADS]
    checkHeads(this.heads)
    this.combine = opts.combine ?? 'zscore'
    this.excludeContext = opts.excludeContext ?? true
    const { dim, input } = model
    this.size = input.length / dim
    if (!Number.isInteger(this.size)) throw new Error('input length is not a multiple of dim')
    this.unit = new Float32Array(input.length)
    for (let r = 0; r < this.size; r++) {
      let ss = 0
      for (let c = 0; c < dim; c++) ss += input[r * dim + c] ** 2
      const norm = Math.sqrt(ss)
      if (norm > 0) for (let c = 0; c < dim; c++) this.unit[r * dim + c] = input[r * dim + c] / norm
    }
  }

  /** Top-k by descending score, ties to the lower index (TopK's rule). */
  query(q: ScoreQuery): ScoreResult {
    const scores = this.scoreAll(q)
    const c = checkQuery(q, this.size)
    for (const i of c.exclude) scores[i] = -Infinity
    if (this.excludeContext) for (const i of c.context) scores[i] = -Infinity
    let available = 0
    for (let i = 0; i < scores.length; i++) if (scores[i] !== -Infinity) available++
    const indices = topK(scores, Math.min(c.k, available))
    return { indices, scores: indices.map((i) => scores[i]) }
  }

  /** Every song's blended score before exclusion. */
  scoreAll(q: ScoreQuery): Float64Array {
    const c = checkQuery(q, this.size)
    const per = this.heads.map((h) =>
      h.kind === 'cosine' ? this.cosine(c.context, c.weights) : this.output(c.context, c.weights),
    )
    if (per.length === 1) return per[0]
    const out = new Float64Array(this.size)
    per.forEach((s, h) => {
      if (this.combine === 'zscore') zscore(s)
      const w = this.heads[h].weight
      for (let i = 0; i < s.length; i++) out[i] += w * s[i]
    })
    return out
  }

  private cosine(context: number[], weights: number[]): Float64Array {
    const { dim } = this.model
    const q = new Float64Array(dim)
    context.forEach((s, j) => {
      for (let d = 0; d < dim; d++) q[d] += weights[j] * this.unit[s * dim + d]
    })
    let len = 0
    for (let d = 0; d < dim; d++) len += q[d] * q[d]
    len = Math.max(Math.sqrt(len), EPSILON)
    for (let d = 0; d < dim; d++) q[d] /= len
    return dots(this.unit, q, this.size, dim)
  }

  private output(context: number[], weights: number[]): Float64Array {
    const { dim, input, output } = this.model
    const q = new Float64Array(dim)
    let total = 0
    context.forEach((s, j) => {
      total += weights[j]
      for (let d = 0; d < dim; d++) q[d] += weights[j] * input[s * dim + d]
    })
    for (let d = 0; d < dim; d++) q[d] /= total
    return dots(output, q, this.size, dim)
  }
}

function dots(m: Float32Array, q: Float64Array, rows: number, dim: number): Float64Array {
  const out = new Float64Array(rows)
  for (let r = 0; r < rows; r++) {
    let s = 0
    const o = r * dim
    for (let d = 0; d < dim; d++) s += m[o + d] * q[d]
    out[r] = s
  }
  return out
}

function zscore(s: Float64Array): void {
  let mean = 0
  for (let i = 0; i < s.length; i++) mean += s[i]
  mean /= s.length
  let v = 0
  for (let i = 0; i < s.length; i++) v += (s[i] - mean) ** 2
  const std = Math.max(Math.sqrt(v / s.length), EPSILON)
  for (let i = 0; i < s.length; i++) s[i] = (s[i] - mean) / std
}

/** Indices of the k largest scores, best first; equal scores keep the lower index first. */
export function topK(scores: ArrayLike<number>, k: number): number[] {
  const better = (a: number, b: number): boolean =>
    scores[a] > scores[b] || (scores[a] === scores[b] && a < b)
  if (k <= 0) return []
  if (k > 256) {
    const all = Array.from({ length: scores.length }, (_, i) => i)
    all.sort((a, b) => (better(a, b) ? -1 : better(b, a) ? 1 : 0))
    return all.slice(0, k)
  }
  const best: number[] = []
  for (let i = 0; i < scores.length; i++) {
    if (best.length === k && !better(i, best[k - 1])) continue
    let p = best.length === k ? k - 1 : best.length
    while (p > 0 && better(i, best[p - 1])) {
      best[p] = best[p - 1]
      p--
    }
    best[p] = i
  }
  return best
}
