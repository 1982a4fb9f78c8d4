// Exports a trained audio CNN as an ONNX graph (Conv, Relu, MaxPool, ReduceMean/Max/L2, Concat, Gemm) for onnxruntime.
import { GraphBuilder, tensor, valueInfo } from '../../onnx/graph-builder'
import { DataType, IR_VERSION, onnxType, OPSET_VERSION } from '../../onnx/onnx-schema'
import type { CnnModel } from './cnn'

/** Names of the exported graph's input and output. */
export const CNN_IO = {
  /** float32 `[windows, mels, frames]`: raw log-mel windows. */
  mel: 'mel',
  /** float32 `[windows, outSize]`: one predicted (not yet normalised) vector per window. */
  vector: 'vector',
} as const

/** Serialises `model` as ONNX (IR 8, opset 17); batch and frame count are symbolic. */
export function exportCnnOnnx(model: CnnModel): Uint8Array {
  const { shape, norm, weights } = model
  const b = new GraphBuilder()
  const w = (name: string, dims: number[]): string => {
    const v = weights[name]
    if (!v) throw new Error(`Cannot export the CNN: weight ${name} is missing`)
    return b.constant(tensor(name, DataType.FLOAT, dims, v))
  }
  const mean = b.constant(tensor('norm.mean', DataType.FLOAT, [1, shape.mels, 1], norm.mean))
  const scale = b.constant(tensor('norm.scale', DataType.FLOAT, [1, shape.mels, 1], norm.scale))
  let x = b.op('Mul', [b.op('Sub', [CNN_IO.mel, mean], {}, 'centred'), scale], {}, 'standardised')
  let cin = shape.mels
  shape.blocks.forEach((block, i) => {
    const W = w(`conv${i}.weight`, [block.channels, cin, block.kernel])
    const B = w(`conv${i}.bias`, [block.channels])
    x = b.op('Conv', [x, W, B], { kernel_shape: { ints: [block.kernel] } }, `conv${i}`)
    x = b.op('Relu', [x], {}, `relu${i}`)
    if (block.pool > 1) {
      x = b.op(
        'MaxPool',
        [x],
        { kernel_shape: { ints: [block.pool] }, strides: { ints: [block.pool] } },
        `pool${i}`,
      )
    }
    cin = block.channels
  })
  const reduce = { axes: { ints: [2] }, keepdims: { int: 0 } }
  const pooled = b.op(
    'Concat',
    [
      b.op('ReduceMean', [x], reduce, 'mean'),
      b.op('ReduceMax', [x], reduce, 'max'),
      b.op('ReduceL2', [x], reduce, 'l2'),
    ],
    { axis: { int: 1 } },
    'pooled',
  )
  const h = b.op(
    'Relu',
    [
      b.op(
        'Gemm',
        [pooled, w('fc1.weight', [shape.hidden, 3 * cin]), w('fc1.bias', [shape.hidden])],
        { transB: { int: 1 } },
        'fc1',
      ),
    ],
    {},
    'hidden',
  )
  b.node(
    'Gemm',
    [h, w('fc2.weight', [shape.outSize, shape.hidden]), w('fc2.bias', [shape.outSize])],
    [CNN_IO.vector],
    {
      transB: { int: 1 },
    },
  )
  const proto = {
    ir_version: IR_VERSION,
    opset_import: [{ domain: '', version: OPSET_VERSION }],
    producer_name: 'segue',
    producer_version: '1',
    doc_string: 'Segue audio CNN: log-mel windows to Song2Vec-space vectors',
    graph: {
      name: 'audio_cnn',
      node: b.nodes,
      initializer: b.initializers,
      input: [valueInfo(CNN_IO.mel, DataType.FLOAT, ['windows', shape.mels, 'frames'])],
      output: [valueInfo(CNN_IO.vector, DataType.FLOAT, ['windows', shape.outSize])],
    },
    metadata_props: [{ key: 'segue.content', value: JSON.stringify({ kind: 'audio-cnn', shape }) }],
  }
  return onnxType('ModelProto').encode(proto).finish()
}
