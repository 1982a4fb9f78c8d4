// One call for the app and CLI: cluster song vectors with a given k, or choose k by the elbow rule.
import { throwIfAborted } from './abort'
import { DEFAULT_RANGE, scanWithPool, seedForK, type ElbowPoint, type KRange } from './elbow'
import { defaultThreads, openKMeansPool } from './kmeans-pool'
import type { KMeansResult } from './kmeans'
import { normalizeRows } from './vectors'

/** Parameters of {@link clusterVectors}. */
export interface ClusterOptions {
  /** A fixed number of clusters, or 'auto' to pick it by the elbow rule. */
  k: number | 'auto'
  /** Seed of every random draw; the same seed gives bitwise-identical results. */
  seed: number
  /** k values scanned when k is 'auto'. Default 10..500 in 20 geometric steps. */
  range?: Partial<KRange>
  /** k-means++ starts of the final fit. Default 3. */
  restarts?: number
  /** k-means++ starts per k during the scan. Default 1. */
  scanRestarts?: number
  /** Greedy k-means++ candidates per centroid: the scan's default 2, the final fit's 2 + ⌊ln k⌋. */
  scanSeedTrials?: number
  /** Maximum Lloyd iterations per start. Default 100. */
  maxIter?: number
  /** Relative objective improvement below which a fit stops. Default 1e-5. */
  tol?: number
  /** Worker threads; 0 runs in the calling thread between event-loop turns. Default min(2, cores). */
  threads?: number
  /** Aborting rejects with an AbortError. */
  signal?: AbortSignal
  /** Called after each fit: `done` of `total` (the scan's k values plus the final fit). */
  onProgress?: (done: number, total: number) => void
}

/** The final clustering plus the elbow curve it was chosen from (empty when k was fixed). */
export interface Clustering extends KMeansResult {
  elbow: ElbowPoint[]
}

/** Clusters the `n × dim` row-major `vectors` (zero rows get assignment -1). */
export async function clusterVectors(
  vectors: Float32Array,
  n: number,
  dim: number,
  opts: ClusterOptions,
): Promise<Clustering> {
  throwIfAborted(opts.signal)
  const rows = normalizeRows(vectors, n, dim)
  if (rows.valid < 1)
    throw new Error('No non-zero vectors to cluster: train or import vectors first')
  if (opts.k !== 'auto' && (!Number.isInteger(opts.k) || opts.k < 1 || opts.k > rows.valid)) {
    throw new Error(`k must be 'auto' or an integer from 1 to ${rows.valid}, got ${opts.k}`)
  }
  const pool = openKMeansPool(rows, n, dim, opts.threads ?? defaultThreads(), opts.signal)
  try {
    let k = opts.k
    let elbow: ElbowPoint[] = []
    let done = 0
    let total = 1
    if (k === 'auto') {
      const scan = await scanWithPool(pool, rows.valid, 1, {
        seed: opts.seed,
        range: { ...DEFAULT_RANGE, ...opts.range },
        restarts: opts.scanRestarts ?? 1,
        seedTrials: opts.scanSeedTrials,
        maxIter: opts.maxIter,
        tol: opts.tol,
        onProgress: (d, t) => {
          done = d
          total = t + 1
          opts.onProgress?.(d, t + 1)
        },
      })
      k = scan.k
      elbow = scan.curve
    }
    const fit = await pool.run({
      k,
      seed: seedForK(opts.seed, k) ^ 0x1b873593,
      restarts: opts.restarts ?? 3,
      maxIter: opts.maxIter,
      tol: opts.tol,
    })
    opts.onProgress?.(done + 1, total)
    return { ...fit, elbow }
  } finally {
    pool.close()
  }
}
