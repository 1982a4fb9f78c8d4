// Scorers for mixes from plain matrices: an in-memory one (tests, evaluation) and song vectors added to any scorer (the app).
import type { HeadSpec } from '../onnx/heads'
import { ReferenceScorer } from '../onnx/reference'
import type { Scorer, ScorerQueryOptions, ScoredKey } from './types'

/** Song vectors by key: row `i` of `data` (`keys.length × dim`, row-major) belongs to `keys[i]`. */
export interface KeyedVectors {
  keys: readonly string[]
  data: Float32Array
  dim: number
}

/** Options of {@link VectorScorer}. */
export interface VectorScorerOptions {
  /** Output vectors (same shape as the input ones), needed by an 'output' head. */
  output?: Float32Array
  /** Scoring heads, as in the exported ONNX graph (default: cosine). */
  heads?: HeadSpec[]
  /** Id reported with every answer. */
  modelId?: string
}

/**
 * Answers like the exported ONNX graph, computed exactly in JS (`ReferenceScorer`): the context
 * songs and `exclude` are never returned, ties go to the lower row. Also gives every song's vector.
 */
export class VectorScorer implements Scorer {
  private readonly index: Map<string, number>
  private readonly reference: ReferenceScorer

  constructor(
    private readonly vectors: KeyedVectors,
    private readonly opts: VectorScorerOptions = {},
  ) {
    checkVectors(vectors)
    this.index = new Map(vectors.keys.map((k, i) => [k, i]))
    if (this.index.size !== vectors.keys.length) throw new Error('VectorScorer keys must be unique')
    this.reference = new ReferenceScorer(
      { dim: vectors.dim, input: vectors.data, output: opts.output ?? vectors.data },
      { heads: opts.heads },
    )
  }

  has(key: string): boolean {
    return this.index.has(key)
  }

  vector(key: string): Float32Array | undefined {
    const i = this.index.get(key)
    if (i === undefined) return undefined
    return this.vectors.data.subarray(i * this.vectors.dim, (i + 1) * this.vectors.dim)
  }

  async recommend(
    keys: string[],
    k: number,
    options: ScorerQueryOptions = {},
  ): Promise<{ modelId?: string; results: ScoredKey[] }> {
    const context: number[] = []
    const weights: number[] = []
    keys.forEach((key, n) => {
      const i = this.index.get(key)
      if (i === undefined) return
      context.push(i)
      weights.push(options.weights?.[n] ?? 1)
    })
    if (context.length === 0) throw new Error('The model does not know any of these songs')
    const exclude = (options.exclude ?? [])
      .map((key) => this.index.get(key))
      .filter((i): i is number => i !== undefined)
    const r = this.reference.query({ context, weights, exclude, k })
    return {
      modelId: this.opts.modelId,
      results: r.indices.map((i, n) => ({ key: this.vectors.keys[i], score: r.scores[n] })),
    }
  }
}

/**
 * `scorer` (e.g. the app's ModelService) plus song vectors from the model files (e.g. the input
 * matrix of `loadModel`), which taste profiles, journeys and explanations need. Pass the vectors
 * of the model the scorer serves.
 */
export function withVectors(scorer: Scorer, vectors: KeyedVectors): Scorer {
  checkVectors(vectors)
  const index = new Map(vectors.keys.map((k, i) => [k, i]))
  return {
    recommend: (keys, k, options) => scorer.recommend(keys, k, options),
    has: (key) => (scorer.has ? scorer.has(key) : index.has(key)),
    vector: (key) => {
      const i = index.get(key)
      return i === undefined
        ? undefined
        : vectors.data.subarray(i * vectors.dim, (i + 1) * vectors.dim)
    },
  }
}

function checkVectors(v: KeyedVectors): void {
  if (!Number.isInteger(v.dim) || v.dim < 1)
    throw new Error(`Vector dimension must be a whole number ≥ 1, got ${v.dim}`)
  if (v.data.length !== v.keys.length * v.dim) {
    throw new Error(`Expected ${v.keys.length} × ${v.dim} vector values, got ${v.data.length}`)
  }
}
