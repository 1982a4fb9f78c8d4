// The scoring nodes: per-head query vectors, full or int8-then-exact scoring, blending, exclusion, top-k.
import { GraphBuilder, tensor } from './graph-builder'
import type { HeadCombine, HeadSpec } from './heads'
import { DataType } from './onnx-schema'
import { columnStats } from './matrix-stats'
import { addInt8Transposed, addMatrix, type Quantize } from './quantize'

/** Everything the scoring nodes are built from. */
export interface ScoringSpec {
  /** Songs (rows). */
  size: number
  /** Vector dimensionality. */
  dim: number
  /** Unit-length input rows, row-major. */
  unit: Float32Array
  /** Norms of the input rows. */
  norms: Float32Array
  /** Output vectors, row-major (read only by an 'output' head). */
  output: Float32Array
  /** Heads and their weights. */
  heads: HeadSpec[]
  /** How several heads combine. */
  combine: HeadCombine
  /** Exclude the context songs. */
  excludeContext: boolean
  /** Weight storage; 'int8' scans int8 copies and re-scores the best candidates exactly. */
  quantize: Quantize
}

/** Names of the graph values the nodes read and write. */
export interface ScoringIO {
  /** int64 [n] context song indices. */
  context: string
  /** float32 [n] context weights. */
  weights: string
  /** int64 [m] excluded song indices. */
  exclude: string
  /** int64 [1] songs requested. */
  k: string
  /** int64 [k'] output: song indices. */
  indices: string
  /** float32 [k'] output: their scores. */
  scores: string
  /** int64 [1] input ('int8' only): candidates the int8 scan keeps for exact re-scoring. */
  candidates: string
  /** bool [1] output ('int8' only): true when the answer is proven equal to exact brute force. */
  certified: string
}

/** Guards divisions by a norm or a standard deviation. */
const EPSILON = 1e-12

interface Head {
  spec: HeadSpec
  /** float32 [1, D] query vector. */
  query: string
  /** float32 [V, D] matrix scored against. */
  matrix: string
  /** Its values (the int8 scan quantises them). */
  data: Float32Array
  /** Vector dimensionality. */
  dim: number
  /** Mean and standard deviation of its scores over all songs (z-score blend), built once. */
  stats?: { mean: string; std: string }
}

/** Adds every node from the graph inputs to the `indices` and `scores` outputs. */
export function addScoringNodes(b: GraphBuilder, spec: ScoringSpec, io: ScoringIO): void {
  const { size, dim } = spec
  // float16 storage is cast back once at load (onnxruntime folds the Cast); int8 keeps float32 rows.
  const storage = spec.quantize === 'float16' ? 'float16' : 'none'
  const inputUnit = addMatrix(b, 'input_unit', spec.unit, size, dim, storage)
  const contextUnit = b.op('Gather', [inputUnit, io.context], { axis: { int: 0 } }, 'context_unit')
  const weightsRow = b.op('Unsqueeze', [io.weights, b.int64s('axes_0', [0])], {}, 'weights_row')

  const heads: Head[] = spec.heads.map((h) => {
    if (h.kind === 'cosine') {
      // Weighted sum of unit vectors, scaled to unit length: its dot with unit rows is the cosine.
      const sum = b.op('MatMul', [weightsRow, contextUnit], {}, 'cosine_sum')
      const len = b.op('ReduceL2', [sum], { keepdims: { int: 1 } }, 'cosine_len')
      const safe = b.op('Max', [len, b.float1('epsilon_cosine', EPSILON)])
      const query = b.op('Div', [sum, safe], {}, 'cosine_query')
      return { spec: h, query, matrix: inputUnit, data: spec.unit, dim }
    }
    // Raw input vectors = unit rows × their norms; weighted mean · output vectors.
    const norms = b.constant(tensor('input_norm', DataType.FLOAT, [size], spec.norms))
    const ctxNorms = b.op('Gather', [norms, io.context], { axis: { int: 0 } })
    const scaled = b.op('Mul', [weightsRow, ctxNorms], {}, 'weights_scaled')
    const sum = b.op('MatMul', [scaled, contextUnit], {}, 'output_sum')
    const total = b.op('ReduceSum', [io.weights], { keepdims: { int: 1 } }, 'weights_total')
    const query = b.op('Div', [sum, total], {}, 'output_query')
    const matrix = addMatrix(b, 'output_vectors', spec.output, size, dim, storage)
    return { spec: h, query, matrix, data: spec.output, dim }
  })

  // Exclusion: -inf at excluded (and context) songs; k is clamped to the songs left.
  const excluded = spec.excludeContext
    ? b.op('Concat', [io.exclude, io.context], { axis: { int: 0 } })
    : io.exclude
  const minusInf = tensor('', DataType.FLOAT, [1], new Float32Array([-Infinity]))
  const fill = b.op('ConstantOfShape', [b.op('Shape', [excluded])], { value: { tensor: minusInf } })
  // Songs left = V − distinct excluded (Unique is O(m); counting -inf over V costs ~0.4 ms).
  const distinct = b.op('Shape', [b.op('Unique', [excluded], { sorted: { int: 0 } })])
  const available = b.op('Sub', [b.int64s('vocab_size', [size]), distinct], {}, 'available')
  const kEff = b.op('Min', [io.k, available], {}, 'k_clamped')
  const mask = (scores: string): string =>
    b.op('ScatterElements', [scores, excluded, fill], { axis: { int: 0 } }, 'masked')
  const topK = { axis: { int: 0 }, largest: { int: 1 }, sorted: { int: 1 } }

  if (spec.quantize !== 'int8') {
    const full = heads.map((h) => scoreRows(b, h.query, h.matrix, `${h.spec.kind}_scores`))
    b.node('TopK', [mask(blend(b, heads, full, spec.combine)), kEff], [io.scores, io.indices], topK)
    return
  }

  // int8: approximate scores of every song, top candidates, then exact float32 re-scoring.
  const approx = heads.map((h) => scoreInt8(b, h, size, dim))
  const blended = blend(
    b,
    heads,
    approx.map((a) => a.scores),
    spec.combine,
  )
  const wanted = b.op('Max', [io.candidates, io.k])
  const kCand = b.op('Min', [wanted, available], {}, 'k_candidates')
  b.node('TopK', [mask(blended), kCand], ['candidate_scores', 'candidates_by_score'], topK)
  // In index order, so exact ties keep TopK's rule (lower song index first) after re-scoring.
  const cand = 'candidates_sorted'
  b.node('TopK', ['candidates_by_score', kCand], [cand, 'candidate_order'], {
    axis: { int: 0 },
    largest: { int: 0 },
    sorted: { int: 1 },
  })
  const exact = heads.map((h) => {
    const rows = b.op('Gather', [h.matrix, cand], { axis: { int: 0 } }, `${h.spec.kind}_rows`)
    return scoreRows(b, h.query, rows, `${h.spec.kind}_exact`)
  })
  const final = blend(b, heads, exact, spec.combine)
  b.node('TopK', [final, kEff], [io.scores, 'best_positions'], topK)
  b.node('Gather', [cand, 'best_positions'], [io.indices], { axis: { int: 0 } })
  addCertificate(b, heads, approx, spec.combine, kCand, available, io)
}

/**
 * The proof that the int8 stage lost nothing. Every song outside the pool has approximate score
 * ≤ a_C (the pool's lowest) and true score ≤ a_C + B, B the bound on |approx − true| of the blend;
 * so when the k-th exact score exceeds a_C + B, no song outside the pool can enter the top k.
 * When the pool holds every song left, there is nothing outside it.
 */
function addCertificate(
  b: GraphBuilder,
  heads: Head[],
  approx: Int8Scores[],
  combine: HeadCombine,
  kCand: string,
  available: string,
  io: ScoringIO,
): void {
  const terms = approx.map((a, i) => {
    if (heads.length === 1) return a.bound
    const w = b.float1(`abs_weight_${heads[i].spec.kind}`, Math.abs(heads[i].spec.weight))
    const scaled = b.op('Mul', [a.bound, w])
    return combine === 'zscore' ? b.op('Div', [scaled, heads[i].stats!.std]) : scaled
  })
  const bound = terms.length === 1 ? terms[0] : b.op('Sum', terms, {}, 'blend_bound')
  const inf = b.float1('plus_inf', Infinity)
  const lowest = (x: string, hint: string): string =>
    b.op(
      'ReduceMin',
      [b.op('Concat', [x, inf], { axis: { int: 0 } })],
      { keepdims: { int: 1 } },
      hint,
    )
  const kth = lowest(io.scores, 'kth_exact')
  const poolLowest = lowest('candidate_scores', 'pool_lowest_approx')
  const flatBound = b.op('Reshape', [bound, b.int64s('shape_1', [1])], {}, 'error_bound')
  const proven = b.op('Greater', [kth, b.op('Add', [poolLowest, flatBound])], {}, 'gap_proof')
  const whole = b.op('GreaterOrEqual', [kCand, available], {}, 'pool_is_everything')
  b.node('Or', [proven, whole], [io.certified])
}

/**
 * `matrix [r, D] · query [1, D]ᵀ` as an [r] vector. Gemm with transB lets onnxruntime pre-pack a
 * constant matrix: about 20× faster here than MatMul(matrix, query).
 */
function scoreRows(b: GraphBuilder, query: string, matrix: string, hint: string): string {
  const row = b.op('Gemm', [query, matrix], { transB: { int: 1 } })
  return b.op('Squeeze', [row, 'axes_0'], {}, hint)
}

/** A head's approximate [V] scores and a bound [1, 1] on their error against the exact scores. */
interface Int8Scores {
  scores: string
  bound: string
}

/**
 * Approximate [V] scores: the query quantised on the fly (uint8, DynamicQuantizeLinear) times
 * per-row 7-bit int8 rows, whose integer dot products are exact on every CPU. With q̂ the
 * dequantised query, r = q − q̂, and e = w − ŵ a row's rounding error:
 * w·q − ŵ·q̂ = e·q̂ + w·r, so |error| ≤ max‖e‖·‖q̂‖ + max‖w‖·‖r‖ (Cauchy–Schwarz), plus float32
 * rounding of both sides, bounded by max‖w‖·‖q‖·(D + 8)·2⁻²³.
 */
function scoreInt8(b: GraphBuilder, h: Head, size: number, dim: number): Int8Scores {
  const kind = h.spec.kind
  const name = kind === 'cosine' ? 'input_unit' : 'output_vectors'
  const { values, scales, maxResidualNorm, maxRowNorm } = addInt8Transposed(
    b,
    name,
    h.data,
    size,
    dim,
  )
  const q = `${kind}_query_u8`
  const qScale = `${kind}_query_scale`
  const qZero = `${kind}_query_zero`
  b.node('DynamicQuantizeLinear', [h.query], [q, qScale, qZero])
  const dots = b.op('MatMulInteger', [q, values, qZero])
  const asFloat = b.op('Cast', [dots], { to: { int: DataType.FLOAT } })
  const scaled = b.op('Mul', [b.op('Mul', [asFloat, qScale]), scales])
  const scores = b.op('Squeeze', [scaled, 'axes_0'], {}, `${kind}_approx`)

  const qHat = b.op('DequantizeLinear', [q, qScale, qZero], {}, `${kind}_query_dequantised`)
  const residual = b.op('Sub', [h.query, qHat])
  const l2 = (x: string): string => b.op('ReduceL2', [x], { keepdims: { int: 1 } })
  const rowError = b.float1(`${kind}_max_residual_norm`, maxResidualNorm)
  const rowNorm = b.float1(`${kind}_max_row_norm`, maxRowNorm)
  const rounding = b.float1(`${kind}_rounding`, maxRowNorm * (dim + 8) * 2 ** -23)
  const bound = b.op(
    'Sum',
    [
      b.op('Mul', [l2(qHat), rowError]),
      b.op('Mul', [l2(residual), rowNorm]),
      b.op('Mul', [l2(h.query), rounding]),
    ],
    {},
    `${kind}_error_bound`,
  )
  return { scores, bound }
}

/**
 * One head's scores as they are, or the weighted sum of several (z-scored unless combine is
 * 'sum'). The z-score's mean and spread over the whole vocabulary come in closed form from the
 * query and each matrix's column statistics (O(D²)), so they are exact whether `scores` covers
 * every song or only the int8 scan's candidates.
 */
function blend(b: GraphBuilder, heads: Head[], scores: string[], combine: HeadCombine): string {
  if (scores.length === 1) return scores[0]
  const parts = scores.map((s, i) => {
    const h = heads[i]
    const kind = h.spec.kind
    let x = s
    if (combine === 'zscore') {
      h.stats ??= headStats(b, h)
      x = b.op('Div', [b.op('Sub', [s, h.stats.mean]), h.stats.std], {}, `z_${kind}`)
    }
    const w = `weight_${kind}`
    if (!b.initializers.some((t) => t.name === w)) b.float1(w, h.spec.weight)
    return b.op('Mul', [x, w])
  })
  return b.op('Sum', parts, {}, 'blend')
}

/** Mean [1] = q·μ and standard deviation [] = √(qᵀCq) of a head's scores over all songs. */
function headStats(b: GraphBuilder, h: Head): { mean: string; std: string } {
  const kind = h.spec.kind
  const { mean, cov } = columnStats(h.data, h.data.length / h.dim, h.dim)
  const mu = b.constant(tensor(`${kind}_column_mean`, DataType.FLOAT, [h.dim], mean))
  const c = b.constant(tensor(`${kind}_column_cov`, DataType.FLOAT, [h.dim, h.dim], cov))
  const m = b.op('MatMul', [h.query, mu], {}, `${kind}_mean`)
  const qc = b.op('MatMul', [h.query, c])
  const variance = b.op('Relu', [
    b.op('ReduceSum', [b.op('Mul', [qc, h.query])], { keepdims: { int: 0 } }),
  ])
  const eps = b.float1(`epsilon_std_${kind}`, EPSILON)
  return { mean: m, std: b.op('Max', [b.op('Sqrt', [variance]), eps], {}, `${kind}_std`) }
}
