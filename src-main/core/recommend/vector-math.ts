// Small dense-vector helpers over row-major Float32Array matrices.

/** Rows scaled to unit length (zero rows stay zero). */
export function unitRowsOf(data: Float32Array, rows: number, dim: number): Float32Array {
  const out = new Float32Array(rows * dim)
  for (let r = 0, o = 0; r < rows; r++, o += dim) {
    let ss = 0
    for (let d = 0; d < dim; d++) ss += data[o + d] * data[o + d]
    if (ss === 0) continue
    const inv = 1 / Math.sqrt(ss)
    for (let d = 0; d < dim; d++) out[o + d] = data[o + d] * inv
  }
  return out
}

/** Mean of the listed rows (a row listed twice counts twice), or undefined for an empty list. */
export function meanOfRows(
  data: Float32Array,
  dim: number,
  rows: readonly number[],
): Float64Array | undefined {
  if (rows.length === 0) return undefined
  const out = new Float64Array(dim)
  for (const r of rows) {
    const o = r * dim
    for (let d = 0; d < dim; d++) out[d] += data[o + d]
  }
  for (let d = 0; d < dim; d++) out[d] /= rows.length
  return out
}

/** Dot product of row `a` of `x` and row `b` of `y`. */
export function dotRows(
  x: Float32Array,
  a: number,
  y: Float32Array,
  b: number,
  dim: number,
): number {
  let s = 0
  const oa = a * dim
  const ob = b * dim
  for (let d = 0; d < dim; d++) s += x[oa + d] * y[ob + d]
  return s
}
