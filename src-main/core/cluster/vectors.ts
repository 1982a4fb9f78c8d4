// Row-vector helpers shared by clustering and the map: input checks, unit normalisation, dot products.

/** Rows scaled to unit length; rows of (near) zero length stay zero and are flagged. */
export interface UnitRows {
  /** Row-major `n × dim`, every valid row of length 1. */
  data: Float32Array
  /** 1 where the input row had no direction (all zeros or not finite); such rows stay zero. */
  zero: Uint8Array
  /** Number of rows with a direction. */
  valid: number
}

/** Throws a clear error unless `vectors` holds exactly `n × dim` numbers. */
export function checkShape(vectors: Float32Array, n: number, dim: number): void {
  if (!Number.isInteger(n) || n < 0) throw new Error(`n must be a non-negative integer, got ${n}`)
  if (!Number.isInteger(dim) || dim < 1)
    throw new Error(`dim must be a positive integer, got ${dim}`)
  if (vectors.length !== n * dim) {
    throw new Error(
      `Expected ${n} × ${dim} = ${n * dim} values, got ${vectors.length}: pass the row count and dimension of the matrix`,
    )
  }
}

/** Copies `vectors` with every row scaled to unit length (cosine geometry). */
export function normalizeRows(vectors: Float32Array, n: number, dim: number): UnitRows {
  checkShape(vectors, n, dim)
  const data = new Float32Array(n * dim)
  const zero = new Uint8Array(n)
  let valid = 0
  for (let i = 0; i < n; i++) {
    const o = i * dim
    let s = 0
    for (let d = 0; d < dim; d++) s += vectors[o + d] * vectors[o + d]
    if (!(s > 1e-30) || !Number.isFinite(s)) {
      zero[i] = 1
      continue
    }
    const inv = 1 / Math.sqrt(s)
    for (let d = 0; d < dim; d++) data[o + d] = vectors[o + d] * inv
    valid++
  }
  return { data, zero, valid }
}

/** Dot product of row `i` of `a` and row `j` of `b` (both `dim` wide), unrolled by four. */
export function dotRows(
  a: Float32Array,
  i: number,
  b: Float32Array,
  j: number,
  dim: number,
): number {
  let ao = i * dim
  let bo = j * dim
  const end = ao + dim - 3
  let s0 = 0
  let s1 = 0
  let s2 = 0
  let s3 = 0
  for (; ao < end; ao += 4, bo += 4) {
    s0 += a[ao] * b[bo]
    s1 += a[ao + 1] * b[bo + 1]
    s2 += a[ao + 2] * b[bo + 2]
    s3 += a[ao + 3] * b[bo + 3]
  }
  const stop = i * dim + dim
  for (; ao < stop; ao++, bo++) s0 += a[ao] * b[bo]
  return s0 + s1 + s2 + s3
}
