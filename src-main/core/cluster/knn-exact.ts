// Exact k nearest neighbours by cosine distance: blocked all-pairs dot products on unit rows.
import { throwIfAborted } from './abort'
import { createHeaps, pushHeap, sortHeaps, type KnnHeaps } from './knn-heaps'
import { dotRows } from './vectors'

const BLOCK = 64

/**
 * The `k` nearest other rows of every row of the unit-row matrix `data` (`n × dim`), sorted by
 * ascending cosine distance. Each pair is computed once, in blocks that stay in cache.
 * O(n² · dim): right for up to ~10,000 rows.
 */
export function exactKnn(
  data: Float32Array,
  n: number,
  dim: number,
  k: number,
  signal?: AbortSignal,
  onBlock?: (done: number, total: number) => void,
): KnnHeaps {
  const h = createHeaps(n, k)
  const blocks = Math.ceil(n / BLOCK)
  for (let bi = 0; bi < blocks; bi++) {
    throwIfAborted(signal)
    const i0 = bi * BLOCK
    const i1 = Math.min(n, i0 + BLOCK)
    for (let j0 = i0; j0 < n; j0 += BLOCK) {
      const j1 = Math.min(n, j0 + BLOCK)
      for (let i = i0; i < i1; i++) {
        for (let j = j0 === i0 ? i + 1 : j0; j < j1; j++) {
          const d = 1 - dotRows(data, i, data, j, dim)
          pushHeap(h, i, j, d)
          pushHeap(h, j, i, d)
        }
      }
    }
    onBlock?.(bi + 1, blocks)
  }
  sortHeaps(h)
  return h
}
