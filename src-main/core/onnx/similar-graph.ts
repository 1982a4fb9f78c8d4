// The ONNX graph behind Similar songs: each head's float32 scores of every row in one Gemm pass (learnt and placed rows together) for one query or a batch, nothing per query but the query vectors.
import { GraphBuilder, tensor, valueInfo } from './graph-builder'
import { DataType, IR_VERSION, onnxType, OPSET_VERSION } from './onnx-schema'

/** Names of the graph's inputs and outputs. */
export const SIMILAR_IO = {
  /** float32 [n, D]: per query, the unit-length weighted sum of the context's unit rows. */
  cosineQuery: 'cosine_query',
  /** float32 [n, D]: per query, the weighted mean of the context's input rows. */
  outputQuery: 'output_query',
  /** float32 [n, rows]: per query, the cosine of every row. */
  cosineScores: 'cosine_scores',
  /** float32 [n, outputRows]: per query, the output-layer score of the first `outputRows` rows (the rest score 0). */
  outputScores: 'output_scores',
} as const

/** What the graph is built from. */
export interface SimilarGraphSpec {
  rows: number
  dim: number
  /** Unit-length input rows, `rows × dim`. */
  unit: Float32Array
  /**
   * Output vectors of the first `outputRows` rows (`outputRows × dim`), or undefined for a
   * cosine-only model. Rows past them have zero output vectors (songs placed by content).
   */
  output?: Float32Array
  outputRows?: number
}

/**
 * Serialises the scoring pass: `cosine_scores = unit · cosine_query` and (with an output head)
 * `output_scores = output · output_query`, as Gemm with transB so onnxruntime pre-packs the
 * constant matrices. Blending, exclusion and top-k are cheap next to this pass and done by the caller.
 */
export function similarGraph(spec: SimilarGraphSpec): Uint8Array {
  const { rows, dim } = spec
  if (spec.unit.length !== rows * dim)
    throw new Error(`unit has ${spec.unit.length} values, expected ${rows} × ${dim}`)
  const b = new GraphBuilder()
  const unit = b.constant(tensor('input_unit', DataType.FLOAT, [rows, dim], spec.unit))
  b.node('Gemm', [SIMILAR_IO.cosineQuery, unit], [SIMILAR_IO.cosineScores], { transB: { int: 1 } })
  const inputs = [valueInfo(SIMILAR_IO.cosineQuery, DataType.FLOAT, ['n', dim])]
  const outputs = [valueInfo(SIMILAR_IO.cosineScores, DataType.FLOAT, ['n', rows])]
  if (spec.output) {
    const n = spec.outputRows ?? rows
    if (spec.output.length !== n * dim)
      throw new Error(`output has ${spec.output.length} values, expected ${n} × ${dim}`)
    const out = b.constant(tensor('output_vectors', DataType.FLOAT, [n, dim], spec.output))
    b.node('Gemm', [SIMILAR_IO.outputQuery, out], [SIMILAR_IO.outputScores], {
      transB: { int: 1 },
    })
    inputs.push(valueInfo(SIMILAR_IO.outputQuery, DataType.FLOAT, ['n', dim]))
    outputs.push(valueInfo(SIMILAR_IO.outputScores, DataType.FLOAT, ['n', n]))
  }
  const model = {
    ir_version: IR_VERSION,
    opset_import: [{ domain: '', version: OPSET_VERSION }],
    producer_name: 'segue',
    producer_version: '1',
    doc_string: 'Segue similar-songs scoring pass',
    graph: {
      name: 'similar_scores',
      node: b.nodes,
      initializer: b.initializers,
      input: inputs,
      output: outputs,
    },
  }
  return onnxType('ModelProto').encode(model).finish()
}
