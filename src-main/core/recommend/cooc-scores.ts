// Sums the co-occurrence rows of a context into a reusable dense score buffer (the hot loop of item kNN).
import type { CoocMatrix } from './cooc-matrix'

/** Square sparse rows of weights (a {@link CoocMatrix} is one): row `a` is `cols/weights[rowStart[a] .. rowStart[a+1])`. */
export type SparseRows = Pick<CoocMatrix, 'size' | 'rowStart' | 'cols' | 'weights'>

/** Dense scores over the catalogue plus the list of songs that got any, reset cheaply between queries. */
export class CoocScores {
  /** Score of every song for the last context (0 for untouched songs). */
  readonly scores: Float64Array
  /** Songs with a non-zero score, in first-touched order; the first `count` entries are valid. */
  readonly touched: Int32Array
  count = 0

  constructor(readonly matrix: SparseRows) {
    this.scores = new Float64Array(matrix.size)
    this.touched = new Int32Array(matrix.size)
  }

  /**
   * Replaces the scores by `Σ_c weight(c) · row(c)` over the context songs (a song listed twice
   * counts twice). Songs outside the matrix and non-positive weights are skipped; `contextWeights[i]` defaults to 1.
   */
  accumulate(context: readonly number[], contextWeights?: readonly number[]): this {
    this.clear()
    const { rowStart, cols, weights, size } = this.matrix
    const { scores, touched } = this
    for (let i = 0; i < context.length; i++) {
      const a = context[i]
      if (!(a >= 0 && a < size)) continue
      const w = contextWeights ? contextWeights[i] : 1
      if (!(w > 0)) continue
      for (let e = rowStart[a]; e < rowStart[a + 1]; e++) {
        const b = cols[e]
        if (scores[b] === 0) touched[this.count++] = b
        scores[b] += w * weights[e]
      }
    }
    return this
  }

  /** Largest score of the last context (0 when nothing was touched). */
  max(): number {
    let m = 0
    for (let i = 0; i < this.count; i++) m = Math.max(m, this.scores[this.touched[i]])
    return m
  }

  clear(): void {
    for (let i = 0; i < this.count; i++) this.scores[this.touched[i]] = 0
    this.count = 0
  }
}
