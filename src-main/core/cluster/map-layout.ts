// The 2-D song map computed in the calling thread: kNN graph, fuzzy weights, PCA start, UMAP SGD.
import { createRng } from '../util/random'
import { throwIfAborted } from './abort'
import { fuzzyGraph } from './fuzzy-graph'
import { nearestNeighbors } from './knn'
import { pcaInit } from './pca-init'
import { fitCurve } from './umap-curve'
import { optimizeLayout } from './umap-layout'
import { checkShape, normalizeRows } from './vectors'

/** The phases a map computation reports progress for. */
export type MapStage = 'neighbors' | 'layout'

/** Parameters of the map (UMAP on cosine distance). */
export interface MapOptions {
  /** Seed of every random draw; the same seed gives bitwise-identical coordinates. */
  seed: number
  /** Neighbours per point in the graph (UMAP's n_neighbors). Default 15. */
  nNeighbors?: number
  /**
   * Layout passes. Default 500 up to 10,000 points, else 120 (UMAP uses 200; at 45k rows 120 keeps
   * trustworthiness@10 at 0.980 for 25 % less time, bench/map-variants.ts).
   */
  epochs?: number
  /** Smallest distance between close points in the map (UMAP's min_dist). Default 0.1. */
  minDist?: number
  /** Scale of the map's clusters (UMAP's spread). Default 1. */
  spread?: number
  /** Repulsive samples per attractive one. Default 5. */
  negativeRate?: number
  /** Neighbour search: 'exact', 'approx' (RP trees + NN-descent) or 'auto'. Default 'auto'. */
  knn?: 'exact' | 'approx' | 'auto'
  /** Aborting rejects with an AbortError. */
  signal?: AbortSignal
  /** Progress of the current stage: `done` of `total` steps. */
  onProgress?: (done: number, total: number, stage: MapStage) => void
}

/** Computes `n × 2` map coordinates (row-major) for the `n × dim` vectors, synchronously. */
export function computeMapSync(
  vectors: Float32Array,
  n: number,
  dim: number,
  opts: MapOptions,
): Float32Array {
  checkShape(vectors, n, dim)
  throwIfAborted(opts.signal)
  const nNeighbors = opts.nNeighbors ?? 15
  if (!Number.isInteger(nNeighbors) || nNeighbors < 2) {
    throw new Error(`nNeighbors must be an integer ≥ 2, got ${nNeighbors}`)
  }
  const epochs = opts.epochs ?? (n <= 10_000 ? 500 : 120)
  if (!Number.isInteger(epochs) || epochs < 1)
    throw new Error(`epochs must be a positive integer, got ${epochs}`)
  if (n < 3) {
    // Nothing to lay out: one point at the origin, or two a unit apart.
    const out = new Float32Array(n * 2)
    if (n === 2) out[2] = 1
    return out
  }
  const { data } = normalizeRows(vectors, n, dim)
  const k = Math.min(nNeighbors, n - 1)
  const knn = nearestNeighbors(data, n, dim, k, {
    seed: opts.seed,
    method: opts.knn,
    signal: opts.signal,
    onProgress: (done, total) => opts.onProgress?.(done, total, 'neighbors'),
  })
  throwIfAborted(opts.signal)
  const graph = fuzzyGraph(knn)
  const rng = createRng(opts.seed)
  const y = pcaInit(data, n, dim, rng)
  optimizeLayout(y, n, graph, rng, {
    epochs,
    negativeRate: opts.negativeRate ?? 5,
    learningRate: 1,
    curve: fitCurve(opts.minDist ?? 0.1, opts.spread ?? 1),
    signal: opts.signal,
    onEpoch: (done, total) => opts.onProgress?.(done, total, 'layout'),
  })
  return y
}
