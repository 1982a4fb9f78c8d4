// Memoizes ONNX candidate queries, so many re-rank settings can replay one set of queries (tuning).
import type { ScoreQuery, ScoreResult } from '../onnx/query'
import type { CandidateSource } from './served'

/**
 * A {@link CandidateSource} that asks `source` once per distinct query and keeps the answers; a
 * query for fewer songs than a kept answer is served from its prefix.
 */
export class CandidateCache implements CandidateSource {
  private readonly answers = new Map<
    string,
    { indices: Int32Array; scores: Float32Array; k: number }
  >()
  /** Queries answered from the cache. */
  hits = 0
  /** Queries passed on to the source. */
  misses = 0

  constructor(private readonly source: CandidateSource) {}

  async query(q: ScoreQuery): Promise<ScoreResult> {
    const key = `${q.context.join(',')}|${q.weights?.join(',') ?? ''}|${q.exclude?.join(',') ?? ''}`
    let a = this.answers.get(key)
    if (a && (a.indices.length >= q.k || a.k >= q.k)) this.hits++
    else {
      this.misses++
      const r = await this.source.query(q)
      a = { indices: Int32Array.from(r.indices), scores: Float32Array.from(r.scores), k: q.k }
      this.answers.set(key, a)
    }
    const n = Math.min(q.k, a.indices.length)
    return {
      indices: Array.from(a.indices.subarray(0, n)),
      scores: Array.from(a.scores.subarray(0, n)),
    }
  }
}
