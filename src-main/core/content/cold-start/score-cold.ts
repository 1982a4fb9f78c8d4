// Scores placements of cold songs on held-out playlists: AHR@n of their occurrences, and mAP / AUC per playlist.
import { createRng } from '../../util/random'
import { auc, averagePrecision, topIndices } from './rank-metrics'

/** Figures of one way of ranking the cold songs. */
export interface ColdScores {
  /** Mean over playlists of hits / cold occurrences queried (each from its ±window known neighbours). */
  ahr: number
  /** Mean average precision of ranking the cold pool for each playlist (from all its known songs). */
  map: number
  /** Mean AUC of the same rankings. */
  auc: number
}

/** The known side of the space: unit vectors of the songs the model was trained on. */
export interface WarmSpace {
  dim: number
  /** Unit row of each catalogue id, or undefined when the id is not in the model. */
  row(id: number): Float32Array | undefined
}

/** How a method scores the cold pool for a query (the mean unit vector of the known context songs). */
export type PoolScorer = (query: Float64Array, queryIndex: number) => ArrayLike<number>

/** The queries of the protocol, built once and shared by every method. */
export interface ColdQueries {
  /** Per playlist: the leave-one-out queries of its cold occurrences (pool index + context vector). */
  occurrences: { target: number; query: Float64Array }[][]
  /** Per playlist (same order): its relevant pool indices and the mean of all its known songs. */
  playlists: { relevant: Set<number>; query: Float64Array }[]
  /** Cold occurrences skipped because no known song was within the window. */
  skipped: number
}

/** Builds the queries: cold occurrences with at least one known neighbour, playlists with a cold song and a known one. */
export function coldQueries(
  heldout: readonly (readonly number[])[],
  poolIndex: ReadonlyMap<number, number>,
  warm: WarmSpace,
  window: number,
): ColdQueries {
  const occurrences: ColdQueries['occurrences'] = []
  const playlists: ColdQueries['playlists'] = []
  let skipped = 0
  for (const p of heldout) {
    const qs: { target: number; query: Float64Array }[] = []
    const relevant = new Set<number>()
    for (let i = 0; i < p.length; i++) {
      const target = poolIndex.get(p[i])
      if (target === undefined) continue
      relevant.add(target)
      const ctx: number[] = []
      for (let j = Math.max(0, i - window); j < Math.min(p.length, i + window + 1); j++)
        if (j !== i) ctx.push(p[j])
      const q = meanQuery(ctx, warm)
      if (q) qs.push({ target, query: q })
      else skipped++
    }
    const all = relevant.size > 0 ? meanQuery(p, warm) : undefined
    if (qs.length > 0) occurrences.push(qs)
    if (all && relevant.size < poolIndex.size) playlists.push({ relevant, query: all })
  }
  return { occurrences, playlists, skipped }
}

/** Scores one method on the queries; `topn` cut for the AHR. */
export function scoreMethod(q: ColdQueries, scorer: PoolScorer, topn: number): ColdScores {
  let ahr = 0
  let n = 0
  for (const list of q.occurrences) {
    let hits = 0
    for (const occ of list) {
      const top = topIndices(scorer(occ.query, n), topn)
      if (top.includes(occ.target)) hits++
      n++
    }
    ahr += hits / list.length
  }
  let map = 0
  let aucSum = 0
  q.playlists.forEach((pl, i) => {
    const scores = scorer(pl.query, n + i)
    map += averagePrecision(scores, pl.relevant)
    aucSum += auc(scores, pl.relevant)
  })
  const np = q.playlists.length
  return {
    ahr: q.occurrences.length > 0 ? ahr / q.occurrences.length : 0,
    map: np > 0 ? map / np : 0,
    auc: np > 0 ? aucSum / np : 0,
  }
}

/** Content: cosine of each placed cold song (unit rows of `vectors`) to the query. */
export function contentScorer(vectors: Float32Array, dim: number): PoolScorer {
  const pool = vectors.length / dim
  const out = new Float64Array(pool)
  return (query) => {
    for (let c = 0; c < pool; c++) {
      let s = 0
      for (let d = 0; d < dim; d++) s += vectors[c * dim + d] * query[d]
      out[c] = s
    }
    return out
  }
}

/** The same fixed score for every query (e.g. a popularity prior). */
export function fixedScorer(scores: ArrayLike<number>): PoolScorer {
  return () => scores
}

/** Fresh uniform random scores per query, seeded (query i always gets the same draw). */
export function randomScorer(pool: number, seed: number): PoolScorer {
  const out = new Float64Array(pool)
  return (_query, i) => {
    const rng = createRng((seed ^ Math.imul(i + 1, 0x9e3779b1)) >>> 0)
    for (let c = 0; c < pool; c++) out[c] = rng.next()
    return out
  }
}

function meanQuery(ids: readonly number[], warm: WarmSpace): Float64Array | undefined {
  const q = new Float64Array(warm.dim)
  let n = 0
  for (const id of ids) {
    const v = warm.row(id)
    if (!v) continue
    for (let d = 0; d < warm.dim; d++) q[d] += v[d]
    n++
  }
  if (n === 0) return undefined
  for (let d = 0; d < warm.dim; d++) q[d] /= n
  return q
}
