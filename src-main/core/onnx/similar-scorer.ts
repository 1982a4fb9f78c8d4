// Scores every row of a served model (learnt and placed) in one pass and returns the top learnt rows and the top placed rows: the candidates of Similar songs.
import * as ort from 'onnxruntime-node'
import type { HeadSpec } from './heads'
import { checkHeads } from './heads'
import { unitRows } from './export'
import { SIMILAR_IO, similarGraph } from './similar-graph'
import { topK, type Ranked } from '../recommend/top-k'

/** Rows whose cosines are computed without the scoring pass (songs placed by a linear tag model). */
export interface RowsScoredApart {
  /** Model rows, ascending. */
  readonly rows: Int32Array
  /** Writes the cosine of each of `rows` with the unit query `q` into `out[row]`. */
  score(q: Float32Array, out: Float32Array): void
}

/** The rows a {@link SimilarScorer} serves: learnt rows first, then rows placed by content. */
export interface SimilarRows {
  dim: number
  /** Input vectors, `rows × dim` (rows = input.length / dim). */
  input: Float32Array
  /** Output vectors, same shape (read only by an 'output' head; zero rows for placed songs). */
  output: Float32Array
  /** Rows learnt from playlists: `0..trained-1`; the rest were placed. */
  trained: number
}

/** One query: context rows and how many of each kind to return. */
export interface SimilarQuery {
  context: readonly number[]
  /** One non-negative weight per context row (default all 1). */
  weights?: readonly number[]
  /** Learnt rows wanted (the served re-rank's candidate pool). */
  learnt: number
  /** Placed rows wanted. */
  placed: number
}

/** Best learnt rows and best placed rows, the context left out, by descending blended score. */
export interface SimilarScores {
  learnt: Ranked
  placed: Ranked
}

const EPSILON = 1e-12

/**
 * Exact float32 scoring of `rows × dim` per head (the heads and z-score blend of the exported
 * graph, with the z-score's mean and spread taken over the actual scores of every row, as the
 * brute-force reference does), then one top-k over the learnt rows and one over the placed rows.
 * Everything that depends only on the model (unit rows, the two id lists, the graph session) is
 * built once here; a query allocates its two query vectors and reuses one score buffer.
 */
export class SimilarScorer {
  readonly rows: number
  private readonly unit: Float32Array
  private readonly outputRows: number
  private readonly learntIds: Int32Array
  private readonly placedIds: Int32Array
  private readonly blended: Float64Array
  /** Cosine of every row: the pass's rows scattered from {@link passRows}, the rest scored apart. */
  private readonly cos: Float32Array
  private queue: Promise<unknown> = Promise.resolve()
  private released = false

  private constructor(
    private readonly model: SimilarRows,
    private readonly heads: HeadSpec[],
    unit: Float32Array,
    outputRows: number,
    private readonly session: ort.InferenceSession,
    /** The rows the ONNX pass scores (every row when none are scored apart). */
    private readonly passRows: Int32Array | undefined,
    private readonly apart: RowsScoredApart | undefined,
  ) {
    this.rows = model.input.length / model.dim
    this.unit = unit
    this.outputRows = outputRows
    this.learntIds = Int32Array.from({ length: model.trained }, (_, i) => i)
    this.placedIds = Int32Array.from(
      { length: this.rows - model.trained },
      (_, i) => model.trained + i,
    )
    this.blended = new Float64Array(this.rows)
    this.cos = new Float32Array(this.rows)
  }

  /**
   * Builds the scoring graph of `model` and loads it in onnxruntime. Rows in `opts.apart`
   * (placed rows only) leave the graph: their cosines come from `apart.score`.
   */
  static async create(
    model: SimilarRows,
    heads: HeadSpec[],
    opts: { intraOpNumThreads?: number; apart?: RowsScoredApart } = {},
  ): Promise<SimilarScorer> {
    checkHeads(heads)
    const { dim } = model
    const rows = model.input.length / dim
    if (!Number.isInteger(rows) || rows === 0) throw new Error('SimilarScorer: no rows to serve')
    if (!(model.trained >= 0 && model.trained <= rows))
      throw new Error(`SimilarScorer: ${model.trained} learnt rows of ${rows}`)
    const { unit } = unitRows(model.input, rows, dim)
    const wantsOutput = heads.some((h) => h.kind === 'output')
    // Placed rows have zero output vectors: the pass stops at the last row with one.
    let outputRows = 0
    if (wantsOutput) {
      if (model.output.length !== rows * dim) throw new Error('SimilarScorer: output shape differs')
      for (let r = rows - 1; r >= 0 && outputRows === 0; r--) {
        for (let d = 0; d < dim; d++)
          if (model.output[r * dim + d] !== 0) {
            outputRows = r + 1
            break
          }
      }
      outputRows = Math.max(1, outputRows)
    }
    let apart = opts.apart && opts.apart.rows.length > 0 ? opts.apart : undefined
    let passRows = apart ? rowsOutside(apart.rows, rows, model.trained) : undefined
    // The graph needs a row; a model of placed rows only is scored whole.
    if (passRows?.length === 0) passRows = apart = undefined
    const bytes = similarGraph({
      rows: passRows ? passRows.length : rows,
      dim,
      unit: passRows ? gatherRows(unit, passRows, dim) : unit,
      output: wantsOutput ? model.output.subarray(0, outputRows * dim) : undefined,
      outputRows,
    })
    const session = await ort.InferenceSession.create(bytes, {
      graphOptimizationLevel: 'all',
      executionMode: 'sequential',
      intraOpNumThreads: opts.intraOpNumThreads ?? 1,
      interOpNumThreads: 1,
    })
    return new SimilarScorer(model, heads, unit, outputRows, session, passRows, apart)
  }

  /** Rows the ONNX pass reads (the rest are scored apart). */
  get rowsInPass(): number {
    return this.passRows ? this.passRows.length : this.rows
  }

  /** Learnt rows first: `0..trained-1`. */
  get trained(): number {
    return this.model.trained
  }

  /** The best learnt and placed rows for `q` (queries run one after another). */
  query(q: SimilarQuery): Promise<SimilarScores> {
    return this.enqueue(() => this.run(q))
  }

  /**
   * The answers of the one-song queries `{ context: [row], learnt, placed }` for each of `rows`,
   * in one batched pass: the same scores and lists as {@link query} gives each of them.
   */
  queryEach(
    rows: readonly number[],
    k: { learnt: number; placed: number },
  ): Promise<SimilarScores[]> {
    return this.enqueue(() => this.runEach(rows, k))
  }

  async release(): Promise<void> {
    if (this.released) return
    this.released = true
    await this.queue
    await this.session.release()
  }

  private enqueue<T>(task: () => Promise<T>): Promise<T> {
    const next = this.queue.then(task)
    this.queue = next.catch(() => undefined)
    return next
  }

  private async run(q: SimilarQuery): Promise<SimilarScores> {
    if (this.released) throw new Error('SimilarScorer was released')
    const { dim } = this.model
    const context = q.context
    if (context.length === 0) throw new Error('query.context is empty')
    const weights = q.weights ?? context.map(() => 1)
    if (weights.length !== context.length)
      throw new Error(`${weights.length} weights for ${context.length} context rows`)
    let total = 0
    for (let i = 0; i < context.length; i++) {
      const r = context[i]
      if (!Number.isInteger(r) || r < 0 || r >= this.rows)
        throw new Error(
          `query.context[${i}] = ${r} is not a row of this model (0..${this.rows - 1})`,
        )
      if (!(weights[i] >= 0) || !Number.isFinite(weights[i]))
        throw new Error(`query.weights[${i}] = ${weights[i]}: weights must be finite and ≥ 0`)
      total += weights[i]
    }
    if (!(total > 0)) throw new Error('query.weights sum to 0')

    const cosineQuery = new Float32Array(dim)
    const outputQuery = new Float32Array(dim)
    this.queryVectors(context, weights, total, cosineQuery, outputQuery, 0)
    const out = await this.pass(cosineQuery, outputQuery, 1)
    const cos = this.cosinesOf(out.cos, cosineQuery)
    return this.answer(cos, out.dots, context, this.clampK(q))
  }

  private async runEach(
    rows: readonly number[],
    want: { learnt: number; placed: number },
  ): Promise<SimilarScores[]> {
    if (this.released) throw new Error('SimilarScorer was released')
    const { dim } = this.model
    const n = rows.length
    if (n === 0) return []
    for (const r of rows)
      if (!Number.isInteger(r) || r < 0 || r >= this.rows)
        throw new Error(`row ${r} is not a row of this model (0..${this.rows - 1})`)
    const cosineQueries = new Float32Array(n * dim)
    const outputQueries = new Float32Array(n * dim)
    rows.forEach((r, b) => this.queryVectors([r], [1], 1, cosineQueries, outputQueries, b * dim))
    const out = await this.pass(cosineQueries, outputQueries, n)
    // Every row's cosine per query: the pass's rows scattered, the rest scored apart.
    const all = this.rows
    let cosMany = out.cos
    if (this.passRows && this.apart) {
      cosMany = new Float32Array(n * all)
      const pass = this.passRows
      for (let b = 0; b < n; b++)
        for (let j = 0, o = b * pass.length; j < pass.length; j++, o++)
          cosMany[b * all + pass[j]] = out.cos[o]
      // One query at a time: the tag sums' single loop is faster than accumulating a batch side by side.
      for (let b = 0; b < n; b++)
        this.apart.score(
          cosineQueries.subarray(b * dim, (b + 1) * dim),
          cosMany.subarray(b * all, (b + 1) * all),
        )
    }
    const k = this.clampK(want)
    const dotsPer = this.outputRows
    return rows.map((r, b) =>
      this.answer(
        cosMany.subarray(b * all, (b + 1) * all),
        out.dots?.subarray(b * dotsPer, (b + 1) * dotsPer),
        [r],
        k,
      ),
    )
  }

  /** Writes one query's cosine query (unit length) and output query (weighted mean) at `at`. */
  private queryVectors(
    context: readonly number[],
    weights: readonly number[],
    total: number,
    cosineOut: Float32Array,
    outputOut: Float32Array,
    at: number,
  ): void {
    const { dim, input } = this.model
    const cosQ = new Float64Array(dim)
    const outQ = new Float64Array(dim)
    context.forEach((r, j) => {
      const w = weights[j]
      for (let d = 0; d < dim; d++) {
        cosQ[d] += w * this.unit[r * dim + d]
        outQ[d] += w * input[r * dim + d]
      }
    })
    let len = 0
    for (let d = 0; d < dim; d++) len += cosQ[d] * cosQ[d]
    len = Math.max(Math.sqrt(len), EPSILON)
    for (let d = 0; d < dim; d++) {
      cosineOut[at + d] = cosQ[d] / len
      outputOut[at + d] = outQ[d] / total
    }
  }

  /** The graph over `n` queries: cosines of the pass's rows and output-head dots, query-major. */
  private async pass(
    cosineQueries: Float32Array,
    outputQueries: Float32Array,
    n: number,
  ): Promise<{ cos: Float32Array; dots: Float32Array | undefined }> {
    const { dim } = this.model
    const feeds: Record<string, ort.Tensor> = {
      [SIMILAR_IO.cosineQuery]: new ort.Tensor('float32', cosineQueries, [n, dim]),
    }
    if (this.outputRows > 0)
      feeds[SIMILAR_IO.outputQuery] = new ort.Tensor('float32', outputQueries, [n, dim])
    const out = await this.session.run(feeds)
    return {
      cos: out[SIMILAR_IO.cosineScores].data as Float32Array,
      dots: this.outputRows > 0 ? (out[SIMILAR_IO.outputScores].data as Float32Array) : undefined,
    }
  }

  private clampK(q: { learnt: number; placed: number }): { learnt: number; placed: number } {
    return {
      learnt: Math.min(q.learnt, this.learntIds.length),
      placed: Math.min(q.placed, this.placedIds.length),
    }
  }

  /** Blends the heads over every row's scores and takes both top-k lists, `context` left out. */
  private answer(
    cos: Float32Array,
    dots: Float32Array | undefined,
    context: readonly number[],
    k: { learnt: number; placed: number },
  ): SimilarScores {
    const n = this.rows
    if (this.canSplit()) return this.splitTopK(cos, dots!, context, k)
    const s = this.blended
    if (this.heads.length === 1) {
      const only = this.heads[0].kind === 'cosine' ? cos : dots!
      for (let r = 0; r < n; r++) s[r] = r < only.length ? only[r] : 0
    } else {
      s.fill(0)
      for (const h of this.heads) {
        const x = h.kind === 'cosine' ? cos : dots!
        addZScored(s, x, n, h.weight)
      }
    }
    for (const r of context) s[r] = -Infinity
    const opts = { minScore: -Infinity }
    return {
      learnt: topK(s, k.learnt, { ...opts, candidates: this.learntIds }),
      placed: topK(s, k.placed, { ...opts, candidates: this.placedIds }),
    }
  }

  /** Every row's cosine: the pass's scores, scattered to their rows, and the rows scored apart. */
  private cosinesOf(pass: Float32Array, q: Float32Array): Float32Array {
    if (!this.passRows || !this.apart) return pass
    const cos = this.cos
    const rows = this.passRows
    for (let j = 0; j < rows.length; j++) cos[rows[j]] = pass[j]
    this.apart.score(q, cos)
    return cos
  }

  /**
   * The served heads (output, then cosine with a positive weight) where no placed row has an
   * output vector: every placed row gets the output head's same constant, so their order is the
   * cosine order — the placed top-k is taken on the cosine scores directly and only the learnt
   * rows are blended. Same arithmetic, per row, as the general path.
   */
  private canSplit(): boolean {
    const [a, b] = this.heads
    return (
      this.heads.length === 2 &&
      a.kind === 'output' &&
      b.kind === 'cosine' &&
      b.weight > 0 &&
      this.outputRows <= this.model.trained
    )
  }

  private splitTopK(
    cos: Float32Array,
    dots: Float32Array,
    context: readonly number[],
    k: { learnt: number; placed: number },
  ): SimilarScores {
    const n = this.rows
    const [out, cosine] = this.heads
    const d = zParams(dots, n, out.weight)
    const c = zParams(cos, n, cosine.weight)
    const trained = this.model.trained
    const s = this.blended
    for (let r = 0; r < trained; r++) {
      const fromOutput = r < dots.length ? d.a * (dots[r] - d.mean) : d.rest
      s[r] = 0 + fromOutput + c.a * (cos[r] - c.mean)
    }
    for (const r of context) if (r < trained) s[r] = -Infinity
    const exclude = new Set(context.filter((r) => r >= trained))
    const placed = topK(cos, k.placed, {
      minScore: -Infinity,
      candidates: this.placedIds,
      exclude,
    })
    return {
      learnt: topK(s, k.learnt, { minScore: -Infinity, candidates: this.learntIds }),
      placed: {
        ids: placed.ids,
        scores: placed.ids.map((r) => 0 + d.rest + c.a * (cos[r] - c.mean)),
      },
    }
  }
}

/** The rows `0..rows-1` not in `apart` (ascending, all placed: `≥ trained`). */
function rowsOutside(apart: Int32Array, rows: number, trained: number): Int32Array {
  const taken = new Uint8Array(rows)
  let n = 0
  for (const r of apart) {
    if (!(r >= trained && r < rows)) throw new Error(`SimilarScorer: row ${r} is not a placed row`)
    if (!taken[r]) n++
    taken[r] = 1
  }
  const out = new Int32Array(rows - n)
  for (let r = 0, j = 0; r < rows; r++) if (!taken[r]) out[j++] = r
  return out
}

function gatherRows(data: Float32Array, rows: Int32Array, dim: number): Float32Array {
  const out = new Float32Array(rows.length * dim)
  rows.forEach((r, j) => out.set(data.subarray(r * dim, (r + 1) * dim), j * dim))
  return out
}

/**
 * Mean, scale `weight / std` and the z-score of a zero row (`-scale · mean`), taken over `n`
 * rows of which `x` holds the first `x.length` (the rest score 0), as {@link addZScored} does.
 */
function zParams(
  x: Float32Array,
  n: number,
  weight: number,
): { mean: number; a: number; rest: number } {
  let sum = 0
  for (let r = 0; r < x.length; r++) sum += x[r]
  const mean = sum / n
  let v = 0
  for (let r = 0; r < x.length; r++) v += (x[r] - mean) ** 2
  v += (n - x.length) * mean * mean
  const std = Math.max(Math.sqrt(v / n), EPSILON)
  const a = weight / std
  return { mean, a, rest: -a * mean }
}

/**
 * Adds `weight · (x − mean) / std` to `s`, mean and population std taken over `n` rows of which
 * `x` holds the first `x.length` (the rest score 0).
 */
function addZScored(s: Float64Array, x: Float32Array, n: number, weight: number): void {
  const { mean, a, rest } = zParams(x, n, weight)
  for (let r = 0; r < x.length; r++) s[r] += a * (x[r] - mean)
  for (let r = x.length; r < n; r++) s[r] += rest
}
