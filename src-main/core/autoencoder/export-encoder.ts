// Exports the autoencoder's encoder (MatMul + Add + Selu per layer) as an ONNX graph: input columns → song embedding.
import { GraphBuilder, tensor, valueInfo } from '../onnx/graph-builder'
import { DataType, IR_VERSION, onnxType, OPSET_VERSION } from '../onnx/onnx-schema'
import type { Dense } from './layers'
import { SELU_ALPHA, SELU_SCALE } from './selu'

/** Names of the encoder graph's input and output. */
export const ENCODER_IO = { input: 'columns', output: 'embedding' } as const

/** What the encoder export reads from a trained model. */
export interface ExportableEncoder {
  /** Encoder layers, input first, each followed by SELU. */
  encoder: Dense[]
  /** Width of the input. */
  nCols: number
  /** Training parameters, stored as JSON metadata. */
  params?: unknown
}

/** Options of {@link exportEncoderOnnx}. */
export interface EncoderExportOptions {
  /** Identifier of the trained model, stored as metadata. */
  id: string
  /** ISO date stored as `created`; default now. */
  created?: string
}

/**
 * Serialises the encoder (IR 8, opset 17): input `columns` float32[n, nCols] (a song's playlist and
 * tag indicators), output `embedding` float32[n, dim] — exactly {@link encodeDense}.
 */
export function exportEncoderOnnx(
  model: ExportableEncoder,
  opts: EncoderExportOptions,
): Uint8Array {
  const { encoder, nCols } = model
  if (!Array.isArray(encoder) || encoder.length === 0)
    throw new Error('Cannot export: the encoder has no layer')
  if (typeof opts.id !== 'string' || opts.id === '')
    throw new Error('Cannot export: model id is empty')
  let width = nCols
  encoder.forEach((l, i) => {
    if (
      l.inSize !== width ||
      l.weight.length !== l.inSize * l.outSize ||
      l.bias.length !== l.outSize
    ) {
      throw new Error(
        `Cannot export: encoder layer ${i} is ${l.inSize} × ${l.outSize}, expected input width ${width}`,
      )
    }
    for (const v of [l.weight, l.bias]) {
      for (let k = 0; k < v.length; k++) {
        if (!Number.isFinite(v[k]))
          throw new Error(
            `Cannot export: encoder layer ${i} has a non-finite weight (training diverged)`,
          )
      }
    }
    width = l.outSize
  })

  const b = new GraphBuilder()
  let x: string = ENCODER_IO.input
  encoder.forEach((l, i) => {
    const w = b.constant(
      tensor(`encoder_${i}_weight`, DataType.FLOAT, [l.inSize, l.outSize], l.weight),
    )
    const bias = b.constant(tensor(`encoder_${i}_bias`, DataType.FLOAT, [l.outSize], l.bias))
    const mm = b.op('MatMul', [x, w], {}, `matmul${i}`)
    const pre = b.op('Add', [mm, bias], {}, `pre${i}`)
    const selu = { alpha: { float: SELU_ALPHA }, gamma: { float: SELU_SCALE } }
    if (i === encoder.length - 1) b.node('Selu', [pre], [ENCODER_IO.output], selu)
    else x = b.op('Selu', [pre], selu, `act${i}`)
  })

  const dim = encoder[encoder.length - 1].outSize
  const meta: Record<string, string> = {
    format: 'segue-autoencoder-encoder/1',
    model_id: opts.id,
    n_cols: String(nCols),
    dim: String(dim),
    params: JSON.stringify(model.params ?? null),
    created: opts.created ?? new Date().toISOString(),
  }
  const proto = {
    ir_version: IR_VERSION,
    opset_import: [{ domain: '', version: OPSET_VERSION }],
    producer_name: 'segue',
    producer_version: '1',
    doc_string: 'Song autoencoder: encoder only (columns → embedding)',
    graph: {
      name: 'autoencoder_encoder',
      node: b.nodes,
      initializer: b.initializers,
      input: [valueInfo(ENCODER_IO.input, DataType.FLOAT, ['n', nCols])],
      output: [valueInfo(ENCODER_IO.output, DataType.FLOAT, ['n', dim])],
    },
    metadata_props: Object.entries(meta).map(([key, value]) => ({ key, value })),
  }
  return onnxType('ModelProto').encode(proto).finish()
}
