// Similar songs of every learnt song, computed once per model in batched passes: a one-song query (what the Similar songs view asks) is then a lookup, not a pass over every row.
import type { SimilarQuery, SimilarScores } from './similar-scorer'

/** A memo's arrays, as {@link SimilarMemo.parts} gives them. */
export interface SimilarMemoParts {
  rows: number
  learntK: number
  placedK: number
  learntIds: Int32Array
  learntScores: Float64Array
  placedIds: Int32Array
  placedScores: Float64Array
  learntLength: Int32Array
  placedLength: Int32Array
}

/** What a memo is filled from: batched one-song queries (a {@link SimilarScorer}). */
export interface OneSongScorer {
  queryEach(
    rows: readonly number[],
    k: { learnt: number; placed: number },
  ): Promise<SimilarScores[]>
}

/**
 * The answers of `{ context: [row], learnt: ≤ learntK, placed: ≤ placedK }` for rows
 * `0..rows-1`, as flat typed arrays (learnt rows × (learntK + placedK) ids and float64 scores).
 * A top-k list's first k' entries are its top-k' (the order is total: score, then lower id), so
 * smaller queries read a prefix.
 */
export class SimilarMemo {
  private readonly p: SimilarMemoParts
  private filled: number

  /** An empty memo of `rows` rows, or one rebuilt from {@link parts} (e.g. moved from a worker). */
  constructor(rows: number, learntK: number, placedK: number)
  constructor(parts: SimilarMemoParts)
  constructor(a: number | SimilarMemoParts, learntK = 0, placedK = 0) {
    const p: SimilarMemoParts =
      typeof a === 'number'
        ? {
            rows: a,
            learntK,
            placedK,
            learntIds: new Int32Array(a * learntK),
            learntScores: new Float64Array(a * learntK),
            placedIds: new Int32Array(a * placedK),
            placedScores: new Float64Array(a * placedK),
            learntLength: new Int32Array(a).fill(-1),
            placedLength: new Int32Array(a).fill(-1),
          }
        : a
    if (
      p.learntIds.length !== p.rows * p.learntK ||
      p.learntScores.length !== p.rows * p.learntK ||
      p.placedIds.length !== p.rows * p.placedK ||
      p.placedScores.length !== p.rows * p.placedK ||
      p.learntLength.length !== p.rows ||
      p.placedLength.length !== p.rows
    )
      throw new Error('SimilarMemo: parts of inconsistent sizes')
    this.p = p
    this.filled = p.learntLength.reduce((n, l) => n + (l >= 0 ? 1 : 0), 0)
  }

  get rows(): number {
    return this.p.rows
  }

  get learntK(): number {
    return this.p.learntK
  }

  get placedK(): number {
    return this.p.placedK
  }

  /** Its arrays (their buffers can move to another thread; this memo must not be used after). */
  parts(): SimilarMemoParts {
    return this.p
  }

  /** Rows answered so far. */
  get done(): number {
    return this.filled
  }

  get complete(): boolean {
    return this.filled === this.p.rows
  }

  /** The memo's answer to `q`, or undefined when it has none (several songs, weights, larger k). */
  get(q: SimilarQuery): SimilarScores | undefined {
    if (q.context.length !== 1) return undefined
    if (q.weights && !(q.weights.length === 1 && q.weights[0] > 0 && Number.isFinite(q.weights[0])))
      return undefined
    const row = q.context[0]
    if (!Number.isInteger(row) || row < 0 || row >= this.p.rows) return undefined
    const nl = this.p.learntLength[row]
    const np = this.p.placedLength[row]
    if (nl < 0) return undefined
    // A list shorter than its k holds every candidate there is; a longer k cannot be answered.
    if (q.learnt > this.p.learntK && nl === this.p.learntK) return undefined
    if (q.placed > this.p.placedK && np === this.p.placedK) return undefined
    const takeLearnt = Math.min(Math.max(0, q.learnt), nl)
    const takePlaced = Math.min(Math.max(0, q.placed), np)
    const lo = row * this.p.learntK
    const po = row * this.p.placedK
    return {
      learnt: {
        ids: Array.from(this.p.learntIds.subarray(lo, lo + takeLearnt)),
        scores: Array.from(this.p.learntScores.subarray(lo, lo + takeLearnt)),
      },
      placed: {
        ids: Array.from(this.p.placedIds.subarray(po, po + takePlaced)),
        scores: Array.from(this.p.placedScores.subarray(po, po + takePlaced)),
      },
    }
  }

  /** Keeps the answer of `row` (at most learntK / placedK of each list). */
  put(row: number, answer: SimilarScores): void {
    if (this.p.learntLength[row] < 0) this.filled++
    const nl = Math.min(answer.learnt.ids.length, this.p.learntK)
    const np = Math.min(answer.placed.ids.length, this.p.placedK)
    const lo = row * this.p.learntK
    const po = row * this.p.placedK
    for (let i = 0; i < nl; i++) {
      this.p.learntIds[lo + i] = answer.learnt.ids[i]
      this.p.learntScores[lo + i] = answer.learnt.scores[i]
    }
    for (let i = 0; i < np; i++) {
      this.p.placedIds[po + i] = answer.placed.ids[i]
      this.p.placedScores[po + i] = answer.placed.scores[i]
    }
    this.p.learntLength[row] = nl
    this.p.placedLength[row] = np
  }
}

/**
 * Fills `memo` in batches of `batch` rows from the scorer `scorerOf()` returns at each batch (a
 * model's scorer may be swapped for an equivalent one meanwhile), letting other work run between
 * batches (`pause`). Stops early, keeping what it has, when `stopped()` says so.
 */
export async function fillSimilarMemo(
  memo: SimilarMemo,
  scorerOf: () => OneSongScorer,
  opts: { batch?: number; pause?: () => Promise<void>; stopped?: () => boolean } = {},
): Promise<void> {
  const batch = Math.max(1, opts.batch ?? 32)
  const k = { learnt: memo.learntK, placed: memo.placedK }
  for (let start = 0; start < memo.rows; start += batch) {
    if (opts.stopped?.()) return
    const rows = Array.from({ length: Math.min(batch, memo.rows - start) }, (_, i) => start + i)
    const answers = await scorerOf().queryEach(rows, k)
    rows.forEach((r, i) => memo.put(r, answers[i]))
    await opts.pause?.()
  }
}
