// Turns playlists of song indices into the two sparse confidence matrices (by playlist, by song) ALS sweeps over.

/** Compressed sparse rows: row r's entries are `indices[indptr[r]..indptr[r+1])`, sorted by column. */
export interface Csr {
  /** Number of rows. */
  rows: number
  /** Row starts, length `rows + 1`. */
  indptr: Int32Array
  /** Column of each entry. */
  indices: Int32Array
  /** Confidence c of each entry (c ≥ 1; absent cells have c = 1 and preference 0). */
  conf: Float64Array
}

/** The observed cells both ways: `byUser` is playlists × songs, `byItem` its transpose. */
export interface ConfidenceMatrices {
  byUser: Csr
  byItem: Csr
}

/** c = 1 + α·log(1 + count/ε): Hu, Koren & Volinsky's logarithmic confidence. */
export function confidenceOf(count: number, alpha: number, epsilon: number): number {
  return 1 + alpha * Math.log(1 + count / epsilon)
}

/**
 * Counts each (playlist, song) pair and stores its confidence in both orientations. Throws on a
 * song index outside `0..nItems-1`. Shared memory is used when `shared` is set, so worker threads
 * read the same arrays.
 */
export function buildConfidence(
  rows: readonly (readonly number[])[],
  nItems: number,
  alpha: number,
  epsilon: number,
  shared = false,
): ConfidenceMatrices {
  const nUsers = rows.length
  const cols: number[] = []
  const counts: number[] = []
  const userPtr = new Int32Array(nUsers + 1)
  for (let u = 0; u < nUsers; u++) {
    const row = rows[u]
    if (!Array.isArray(row)) throw new Error(`Playlist ${u} is not a list of song indices`)
    const sorted = Int32Array.from(row, (s: number) => {
      if (!Number.isInteger(s) || s < 0 || s >= nItems) {
        throw new Error(`Playlist ${u} has song index ${s}, outside 0..${nItems - 1}`)
      }
      return s
    }).sort()
    for (let k = 0; k < sorted.length; k++) {
      if (k > 0 && sorted[k] === sorted[k - 1]) counts[counts.length - 1]++
      else {
        cols.push(sorted[k])
        counts.push(1)
      }
    }
    userPtr[u + 1] = cols.length
  }
  const nnz = cols.length
  const byUser: Csr = {
    rows: nUsers,
    indptr: alloc(Int32Array, nUsers + 1, shared),
    indices: alloc(Int32Array, nnz, shared),
    conf: alloc(Float64Array, nnz, shared),
  }
  byUser.indptr.set(userPtr)
  for (let k = 0; k < nnz; k++) {
    byUser.indices[k] = cols[k]
    byUser.conf[k] = confidenceOf(counts[k], alpha, epsilon)
  }
  return { byUser, byItem: transpose(byUser, nItems, shared) }
}

/** The transpose of `m` (`cols` columns), rows sorted by column. */
export function transpose(m: Csr, cols: number, shared = false): Csr {
  const nnz = m.indices.length
  const indptr = alloc(Int32Array, cols + 1, shared)
  for (let k = 0; k < nnz; k++) indptr[m.indices[k] + 1]++
  for (let c = 0; c < cols; c++) indptr[c + 1] += indptr[c]
  const fill = indptr.slice(0, cols)
  const indices = alloc(Int32Array, nnz, shared)
  const conf = alloc(Float64Array, nnz, shared)
  for (let r = 0; r < m.rows; r++) {
    for (let k = m.indptr[r]; k < m.indptr[r + 1]; k++) {
      const at = fill[m.indices[k]]++
      indices[at] = r
      conf[at] = m.conf[k]
    }
  }
  return { rows: cols, indptr, indices, conf }
}

type TypedCtor<T> = {
  new (buffer: ArrayBufferLike): T
  new (length: number): T
  BYTES_PER_ELEMENT: number
}

/** A zeroed typed array, on a SharedArrayBuffer when `shared`. */
export function alloc<T>(ctor: TypedCtor<T>, length: number, shared: boolean): T {
  return shared
    ? new ctor(new SharedArrayBuffer(length * ctor.BYTES_PER_ELEMENT))
    : new ctor(length)
}
