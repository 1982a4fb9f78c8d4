// Finds, for each placed vector, the most similar of a set of songs by cosine, in slices that leave the event loop free.
import { setImmediate as yieldToLoop } from 'node:timers/promises'

/** Multiply-adds per slice (≈ 2–4 ms of work) before the event loop is given back. */
const SLICE_WORK = 2_000_000

/**
 * Index of the nearest candidate row (highest dot product; rows are unit) for each query row, or
 * -1 when there is no candidate. O(queries × candidates × dim), sliced.
 */
export async function nearestRows(
  queries: readonly Float32Array[],
  candidates: Float32Array,
  dim: number,
  signal?: AbortSignal,
): Promise<Int32Array> {
  const m = candidates.length / dim
  const out = new Int32Array(queries.length).fill(-1)
  if (m === 0) return out
  const perSlice = Math.max(1, Math.floor(SLICE_WORK / (m * dim)))
  for (let q = 0; q < queries.length; q++) {
    const v = queries[q]
    let best = -Infinity
    for (let c = 0; c < m; c++) {
      let s = 0
      const o = c * dim
      for (let d = 0; d < dim; d++) s += v[d] * candidates[o + d]
      if (s > best) {
        best = s
        out[q] = c
      }
    }
    if (q % perSlice === perSlice - 1) {
      await yieldToLoop()
      signal?.throwIfAborted()
    }
  }
  return out
}
