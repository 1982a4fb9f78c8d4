// Sums the co-occurrence rows of a context into a reusable dense score buffer (the hot loop of item kNN).
import type { CoocMatrix } from './cooc-matrix'
import { TouchedScores } from './touched-scores'

/** Square sparse rows of weights (a {@link CoocMatrix} is one): row `a` is `cols/weights[rowStart[a] .. rowStart[a+1])`. */
export type SparseRows = Pick<CoocMatrix, 'size' | 'rowStart' | 'cols' | 'weights'>

/** Dense scores over the catalogue plus the list of songs that got any, reset cheaply between queries. */
export class CoocScores extends TouchedScores {
  constructor(readonly matrix: SparseRows) {
    super(matrix.size)
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
}
