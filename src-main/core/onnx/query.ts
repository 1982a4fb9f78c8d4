// The shape of a top-k query and its checks, shared by the ONNX scorer and the JS reference.

/** A top-k query over song indices. */
export interface ScoreQuery {
  /** Indices of the songs the answer should follow from (at least one). */
  context: number[]
  /** One non-negative weight per context song (default: all 1); their sum must be positive. */
  weights?: number[]
  /** Song indices never to return (the context songs are excluded too unless exported otherwise). */
  exclude?: number[]
  /** How many songs to return (clamped to the songs not excluded). */
  k: number
}

/** The answer: song indices by descending score, and their scores. */
export interface ScoreResult {
  /** Song indices, best first. */
  indices: number[]
  /** Score of each returned song. */
  scores: number[]
}

/** A query after its checks, with weights filled in. */
export interface CheckedQuery {
  /** Context song indices. */
  context: number[]
  /** One weight per context song. */
  weights: number[]
  /** Songs to exclude. */
  exclude: number[]
  /** Songs requested. */
  k: number
}

/** Throws an Error saying what is wrong with `q` for a vocabulary of `vocabSize` songs. */
export function checkQuery(q: ScoreQuery, vocabSize: number): CheckedQuery {
  if (!q || !Array.isArray(q.context))
    throw new Error('query.context must be an array of song indices')
  if (q.context.length === 0) {
    throw new Error('query.context is empty: give at least one song index to score from')
  }
  checkIndices('context', q.context, vocabSize)
  const exclude = q.exclude ?? []
  if (!Array.isArray(exclude)) throw new Error('query.exclude must be an array of song indices')
  checkIndices('exclude', exclude, vocabSize)
  const weights = q.weights ?? q.context.map(() => 1)
  if (!Array.isArray(weights) || weights.length !== q.context.length) {
    throw new Error(
      `query.weights has ${weights?.length} values for ${q.context.length} context songs: give one weight per song`,
    )
  }
  let total = 0
  for (let i = 0; i < weights.length; i++) {
    const w = weights[i]
    if (typeof w !== 'number' || !Number.isFinite(w) || w < 0) {
      throw new Error(`query.weights[${i}] = ${w}: weights must be finite and non-negative`)
    }
    total += w
  }
  if (!(total > 0)) throw new Error('query.weights sum to 0: give at least one positive weight')
  if (!Number.isInteger(q.k) || q.k < 1) {
    throw new Error(`query.k = ${q.k}: ask for a positive whole number of songs`)
  }
  return { context: q.context, weights, exclude, k: q.k }
}

function checkIndices(field: string, values: number[], vocabSize: number): void {
  for (let i = 0; i < values.length; i++) {
    const v = values[i]
    if (!Number.isInteger(v) || v < 0 || v >= vocabSize) {
      throw new Error(
        `query.${field}[${i}] = ${v} is not a song index of this model (it has ${vocabSize} songs: 0..${vocabSize - 1})`,
      )
    }
  }
}
