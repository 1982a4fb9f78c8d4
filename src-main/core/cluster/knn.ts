// k nearest neighbours of every row: exact for small sets, RP trees + NN-descent for large ones.
import { createRng } from '../util/random'
import { throwIfAborted } from './abort'
import { exactKnn } from './knn-exact'
import { createHeaps, pushHeap, sortHeaps, type KnnHeaps } from './knn-heaps'
import { nnDescent } from './nn-descent'
import { buildRpTree } from './rp-forest'
import { dotRows } from './vectors'

/** Parameters of {@link nearestNeighbors}. */
export interface KnnOptions {
  /** Seed of the trees and of the candidate sampling. */
  seed: number
  /** 'exact', 'approx', or 'auto' (exact up to `exactMax` rows). Default 'auto'. */
  method?: 'exact' | 'approx' | 'auto'
  /** Largest row count 'auto' searches exactly. Default 2,000 (approx is faster beyond). */
  exactMax?: number
  /** Random-projection trees of the approximate search. Default 5 + ⌊n^¼ / 2⌉, at most 12 (12 at 45k rows). */
  trees?: number
  signal?: AbortSignal
  /** Progress within the search: `done` of `total` steps. */
  onProgress?: (done: number, total: number) => void
}

/** The `k` nearest other rows of every unit row (cosine distance), each list sorted ascending. */
export function nearestNeighbors(
  data: Float32Array,
  n: number,
  dim: number,
  k: number,
  opts: KnnOptions,
): KnnHeaps {
  if (!Number.isInteger(k) || k < 1 || k >= n) {
    throw new Error(`Need 1 ≤ k < n for nearest neighbours, got k = ${k} with n = ${n}`)
  }
  const method = opts.method ?? 'auto'
  if (method === 'exact' || (method === 'auto' && n <= (opts.exactMax ?? 2000))) {
    return exactKnn(data, n, dim, k, opts.signal, opts.onProgress)
  }
  return approxKnn(data, n, dim, k, opts)
}

function approxKnn(
  data: Float32Array,
  n: number,
  dim: number,
  k: number,
  opts: KnnOptions,
): KnnHeaps {
  const rng = createRng(opts.seed ^ 0x7f4a7c15)
  // Few trees are enough to start NN-descent, which does the rest (its rounds stop when converged).
  const trees = opts.trees ?? Math.min(12, 5 + Math.round(Math.sqrt(Math.sqrt(n)) / 2))
  const leafSize = Math.max(10, k)
  const rounds = Math.max(5, Math.round(Math.log2(n)))
  const total = trees + rounds
  const h = createHeaps(n, k)
  for (let t = 0; t < trees; t++) {
    throwIfAborted(opts.signal)
    buildRpTree(data, n, dim, leafSize, rng, (perm, start, end) => {
      for (let x = start; x < end; x++) {
        const a = perm[x]
        for (let y = x + 1; y < end; y++) {
          const b = perm[y]
          const d = 1 - dotRows(data, a, data, b, dim)
          pushHeap(h, a, b, d)
          pushHeap(h, b, a, d)
        }
      }
    })
    opts.onProgress?.(t + 1, total)
  }
  nnDescent(data, dim, h, rng, {
    maxCandidates: Math.min(60, k),
    rounds,
    delta: 0.001,
    signal: opts.signal,
    onRound: (r) => opts.onProgress?.(trees + r, total),
  })
  opts.onProgress?.(total, total)
  sortHeaps(h)
  return h
}
