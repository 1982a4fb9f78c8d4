// A small helper to assemble ONNX nodes, initializers and typed inputs/outputs as protobuf objects.
import { endianness } from 'node:os'
import { AttributeType, DataType } from './onnx-schema'

/** An attribute value, tagged with its ONNX kind (plain numbers are ambiguous between int and float). */
export type AttrValue =
  | { int: number }
  | { float: number }
  | { ints: number[] }
  | { string: string }
  | { tensor: TensorObject }

/** A TensorProto as a plain protobufjs object (snake_case field names, as in onnx.proto). */
export interface TensorObject {
  /** Value name (initializers) or empty (attribute tensors). */
  name?: string
  /** Shape. */
  dims: number[]
  /** TensorProto.DataType. */
  data_type: number
  /** Little-endian element bytes. */
  raw_data: Uint8Array
}

/** One dimension of a graph input/output: a fixed size or a symbolic name. */
export type Dim = number | string

/** Views a typed array's bytes (ONNX raw_data is little-endian, which is what this host stores). */
export function bytesOf(view: ArrayBufferView): Uint8Array {
  if (endianness() !== 'LE') throw new Error('ONNX export needs a little-endian host')
  return new Uint8Array(view.buffer, view.byteOffset, view.byteLength)
}

/** A tensor object from data already laid out row-major. */
export function tensor(
  name: string,
  dataType: number,
  dims: number[],
  data: Float32Array | Int8Array | Uint16Array | BigInt64Array,
): TensorObject {
  const expected = dims.reduce((a, b) => a * b, 1)
  if (data.length !== expected) {
    throw new Error(`Tensor ${name}: ${data.length} values for shape [${dims.join(', ')}]`)
  }
  return { name, dims, data_type: dataType, raw_data: bytesOf(data) }
}

/** Accumulates the nodes and initializers of one graph, naming intermediate values uniquely. */
export class GraphBuilder {
  readonly nodes: object[] = []
  readonly initializers: TensorObject[] = []
  private counter = 0

  /** Adds a node with one output (named after `hint`) and returns that output's name. */
  op(
    opType: string,
    inputs: string[],
    attrs: Record<string, AttrValue> = {},
    hint?: string,
  ): string {
    const out = `${hint ?? opType.toLowerCase()}_${this.counter++}`
    this.node(opType, inputs, [out], attrs)
    return out
  }

  /** Adds a node with explicitly named outputs. */
  node(
    opType: string,
    inputs: string[],
    outputs: string[],
    attrs: Record<string, AttrValue> = {},
  ): void {
    this.nodes.push({
      op_type: opType,
      name: `${opType}_${this.nodes.length}`,
      input: inputs,
      output: outputs,
      attribute: Object.entries(attrs).map(([name, v]) => attribute(name, v)),
    })
  }

  /** Adds an initializer and returns its name. */
  constant(t: TensorObject): string {
    if (!t.name) throw new Error('An initializer needs a name')
    this.initializers.push(t)
    return t.name
  }

  /** A float32 scalar-shaped [1] initializer. */
  float1(name: string, value: number): string {
    return this.constant(tensor(name, DataType.FLOAT, [1], new Float32Array([value])))
  }

  /** An int64 1-D initializer. */
  int64s(name: string, values: number[]): string {
    const data = BigInt64Array.from(values, (v) => BigInt(v))
    return this.constant(tensor(name, DataType.INT64, [values.length], data))
  }
}

/** A graph input/output declaration. */
export function valueInfo(name: string, elemType: number, dims: Dim[]): object {
  return {
    name,
    type: {
      tensor_type: {
        elem_type: elemType,
        shape: {
          dim: dims.map((d) => (typeof d === 'number' ? { dim_value: d } : { dim_param: d })),
        },
      },
    },
  }
}

function attribute(name: string, v: AttrValue): object {
  if ('int' in v) return { name, type: AttributeType.INT, i: v.int }
  if ('float' in v) return { name, type: AttributeType.FLOAT, f: v.float }
  if ('ints' in v) return { name, type: AttributeType.INTS, ints: v.ints }
  if ('string' in v) return { name, type: AttributeType.STRING, s: Buffer.from(v.string, 'utf8') }
  return { name, type: AttributeType.TENSOR, t: v.tensor }
}
