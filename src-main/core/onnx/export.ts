// Builds the self-contained ONNX scoring graph of a Song2Vec model and writes it atomically.
import { randomBytes } from 'node:crypto'
import { mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs'
import { dirname } from 'node:path'
import { GraphBuilder, valueInfo } from './graph-builder'
import { checkHeads, DEFAULT_HEADS, type HeadCombine, type HeadSpec } from './heads'
import { encodeMetadata, GRAPH_FORMAT, hashVocab } from './metadata'
import { DataType, IR_VERSION, onnxType, OPSET_VERSION } from './onnx-schema'
import { DEFAULT_QUANTIZE, type Quantize } from './quantize'
import { addScoringNodes } from './scoring-graph'

/** The parts of a trained model the graph needs. */
export interface ExportableModel {
  /** Song keys, index = row. */
  vocab: string[]
  /** Vector dimensionality. */
  dim: number
  /** Input vectors, row-major `vocab.length × dim`. */
  input: Float32Array
  /** Output vectors, row-major `vocab.length × dim` (read only by the 'output' head). */
  output: Float32Array
  /** Identifier of the trained model, returned with every answer. */
  id: string
  /** Hash of the vocabulary; computed with `hashVocab` when absent. */
  vocabHash?: string
  /** Training parameters, stored as JSON metadata. */
  params?: unknown
}

/** Graph options fixed at export. */
export interface ExportOptions {
  /** Scoring heads and weights; default: cosine only. */
  heads?: HeadSpec[]
  /** How several heads are combined; default 'zscore'. */
  combine?: HeadCombine
  /** Exclude the context songs from the answers; default true. */
  excludeContext?: boolean
  /** Storage of the weight matrices; default DEFAULT_QUANTIZE (float32, exact on every CPU). */
  quantize?: Quantize
  /** ISO date stored as `created`; default now. */
  created?: string
}

/** Names of the graph's inputs and outputs (the serving contract). */
export const GRAPH_IO = {
  context: 'context',
  weights: 'weights',
  exclude: 'exclude',
  k: 'k',
  indices: 'indices',
  scores: 'scores',
  /** 'int8' graphs only: input, candidates kept by the int8 scan. */
  candidates: 'candidates',
  /** 'int8' graphs only: output, true when the answer is proven exact. */
  certified: 'certified',
} as const

/**
 * Serialises `model` as an ONNX graph (IR 8, opset 17) answering top-k queries:
 * inputs `context` int64[n], `weights` float32[n], `exclude` int64[m] (m may be 0), `k` int64[1];
 * outputs `indices` int64[k'], `scores` float32[k'] by descending score, where k' is k clamped to
 * the number of songs not excluded. 'int8' graphs also take `candidates` int64[1] (the pool the
 * int8 scan keeps) and return `certified` bool[1]: true when the answer is proven to be the exact
 * one; otherwise the caller asks again with a wider pool (OnnxScorer does).
 */
export function exportOnnx(model: ExportableModel, opts: ExportOptions = {}): Uint8Array {
  const heads = (opts.heads ?? DEFAULT_HEADS).map((h) => ({ kind: h.kind, weight: h.weight }))
  checkHeads(heads)
  const combine = opts.combine ?? 'zscore'
  if (combine !== 'zscore' && combine !== 'sum') {
    throw new Error(`Unknown combine '${String(combine)}': use 'zscore' or 'sum'`)
  }
  const quantize = opts.quantize ?? DEFAULT_QUANTIZE
  if (quantize !== 'none' && quantize !== 'float16' && quantize !== 'int8') {
    throw new Error(`Unknown quantize '${String(quantize)}': use 'none', 'float16' or 'int8'`)
  }
  const excludeContext = opts.excludeContext ?? true
  const { vocab, dim } = model
  const size = vocab.length
  checkModel(model, heads)

  const { unit, norms } = unitRows(model.input, size, dim)
  const int8 = quantize === 'int8'
  const b = new GraphBuilder()
  const { context, weights, exclude, k } = GRAPH_IO
  addScoringNodes(
    b,
    { size, dim, unit, norms, output: model.output, heads, combine, excludeContext, quantize },
    GRAPH_IO,
  )

  const model_ = {
    ir_version: IR_VERSION,
    opset_import: [{ domain: '', version: OPSET_VERSION }],
    producer_name: 'segue',
    producer_version: '1',
    doc_string: 'Song2Vec top-k scorer',
    graph: {
      name: 'song2vec_topk',
      node: b.nodes,
      initializer: b.initializers,
      input: [
        valueInfo(context, DataType.INT64, ['n']),
        valueInfo(weights, DataType.FLOAT, ['n']),
        valueInfo(exclude, DataType.INT64, ['m']),
        valueInfo(k, DataType.INT64, [1]),
        ...(int8 ? [valueInfo(GRAPH_IO.candidates, DataType.INT64, [1])] : []),
      ],
      output: [
        valueInfo(GRAPH_IO.indices, DataType.INT64, ['top']),
        valueInfo(GRAPH_IO.scores, DataType.FLOAT, ['top']),
        ...(int8 ? [valueInfo(GRAPH_IO.certified, DataType.BOOL, [1])] : []),
      ],
    },
    metadata_props: encodeMetadata({
      format: GRAPH_FORMAT,
      modelId: model.id,
      vocabHash: model.vocabHash ?? hashVocab(vocab),
      dim,
      vocabSize: size,
      heads,
      combine,
      excludeContext,
      quantize,
      params: model.params ?? null,
      created: opts.created ?? new Date().toISOString(),
    }),
  }
  return onnxType('ModelProto').encode(model_).finish()
}

/** Writes `bytes` to `path` atomically (temporary file in the same folder, then rename). */
export function writeOnnx(path: string, bytes: Uint8Array): void {
  mkdirSync(dirname(path), { recursive: true })
  const tmp = `${path}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`
  try {
    writeFileSync(tmp, bytes)
    renameSync(tmp, path)
  } catch (e) {
    rmSync(tmp, { force: true })
    throw e
  }
}

/** L2-normalised rows (zero rows stay zero) and the row norms, computed in float64. */
export function unitRows(
  data: Float32Array,
  rows: number,
  cols: number,
): { unit: Float32Array; norms: Float32Array } {
  const unit = new Float32Array(rows * cols)
  const norms = new Float32Array(rows)
  for (let r = 0; r < rows; r++) {
    const o = r * cols
    let ss = 0
    for (let c = 0; c < cols; c++) ss += data[o + c] * data[o + c]
    const norm = Math.sqrt(ss)
    norms[r] = norm
    if (norm > 0) for (let c = 0; c < cols; c++) unit[o + c] = data[o + c] / norm
  }
  return { unit, norms }
}

function checkModel(model: ExportableModel, heads: HeadSpec[]): void {
  const { vocab, dim } = model
  if (!Array.isArray(vocab) || vocab.length === 0)
    throw new Error('Cannot export: vocabulary is empty')
  if (!Number.isInteger(dim) || dim <= 0)
    throw new Error(`Cannot export: dim ${dim} is not a positive integer`)
  if (typeof model.id !== 'string' || model.id === '')
    throw new Error('Cannot export: model id is empty')
  const want = vocab.length * dim
  const matrices: [string, Float32Array][] = [['input', model.input]]
  if (heads.some((h) => h.kind === 'output')) matrices.push(['output', model.output])
  for (const [name, m] of matrices) {
    if (!(m instanceof Float32Array) || m.length !== want) {
      throw new Error(
        `Cannot export: ${name} has ${m?.length} values, expected ${vocab.length} × ${dim} = ${want}`,
      )
    }
    for (let i = 0; i < m.length; i++) {
      if (!Number.isFinite(m[i])) {
        throw new Error(`Cannot export: ${name}[${i}] is not finite (the training diverged)`)
      }
    }
  }
}
