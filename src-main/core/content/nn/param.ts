// A trainable tensor and its gradient, the unit the optimiser and the serialiser work on.

/** Values and accumulated gradient of one weight tensor. */
export interface Param {
  /** Name used in saved models and ONNX initializers. */
  name: string
  /** Shape, row-major. */
  shape: number[]
  value: Float32Array
  /** Gradient accumulated since the last optimiser step. */
  grad: Float32Array
}

/** A parameter with a zero gradient. */
export function param(name: string, shape: number[], value: Float32Array): Param {
  const size = shape.reduce((a, b) => a * b, 1)
  if (value.length !== size)
    throw new Error(`Parameter ${name}: ${value.length} values for shape [${shape}]`)
  return { name, shape, value, grad: new Float32Array(size) }
}

/** Zeroes every gradient. */
export function zeroGrads(params: readonly Param[]): void {
  for (const p of params) p.grad.fill(0)
}

/** Plain copies of the values (for saving or sending to a worker). */
export function snapshot(params: readonly Param[]): Record<string, Float32Array> {
  const out: Record<string, Float32Array> = {}
  for (const p of params) out[p.name] = Float32Array.from(p.value)
  return out
}

/** Loads values saved by {@link snapshot}; throws when a tensor is missing or has the wrong size. */
export function restore(params: readonly Param[], values: Record<string, Float32Array>): void {
  for (const p of params) {
    const v = values[p.name]
    if (!v || v.length !== p.value.length) {
      throw new Error(`Saved weights lack ${p.name} (or its size differs): retrain the model`)
    }
    p.value.set(v)
  }
}
