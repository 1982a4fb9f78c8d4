// One call for the app and CLI: cluster song vectors with a given k, or choose k by the elbow rule.
import { throwIfAborted } from './abort'
import {
  DEFAULT_RANGE,
  sampleRows,
  scanWithPool,
  seedForK,
  type ElbowPoint,
  type KRange,
} from './elbow'
import { defaultThreads, openKMeansPool, type KMeansPool } from './kmeans-pool'
import type { KMeansResult } from './kmeans'
import { normalizeRows, type UnitRows } from './vectors'

/** Rows the elbow scan fits by default (a seeded sample when there are more). */
export const DEFAULT_SCAN_SAMPLE = 6_000
/** Rows the final fit's restarts run on by default, before every row is assigned and refined. */
export const DEFAULT_FIT_SAMPLE = 12_000
/** Lloyd iterations on all rows after a sampled fit, by default. */
export const DEFAULT_REFINE_ITER = 15

/** Parameters of {@link clusterVectors}. */
export interface ClusterOptions {
  /** A fixed number of clusters, or 'auto' to pick it by the elbow rule. */
  k: number | 'auto'
  /** Seed of every random draw; the same seed gives bitwise-identical results. */
  seed: number
  /** k values scanned when k is 'auto'. Default 10..500 in 20 geometric steps. */
  range?: Partial<KRange>
  /** k-means++ starts of the final fit (run in parallel, the best kept). Default 3. */
  restarts?: number
  /** k-means++ starts per k during the scan. Default 1. */
  scanRestarts?: number
  /** Greedy k-means++ candidates per centroid: the scan's default 2, the final fit's 2 + ⌊ln k⌋. */
  scanSeedTrials?: number
  /**
   * The elbow scan fits this many rows drawn at random (seeded; inertias scaled back to all rows).
   * Default {@link DEFAULT_SCAN_SAMPLE}; all rows when there are no more.
   */
  scanSample?: number
  /**
   * With more rows than this, the final fit's restarts run on this many sampled rows and the best
   * is then refined on all rows (Lloyd from its centroids, `refineIter` iterations at most).
   * Default {@link DEFAULT_FIT_SAMPLE}.
   */
  fitSample?: number
  /** Most Lloyd iterations of that refinement. Default {@link DEFAULT_REFINE_ITER}. */
  refineIter?: number
  /** Maximum Lloyd iterations per start. Default 100. */
  maxIter?: number
  /** Relative objective improvement below which a fit stops. Default 1e-5. */
  tol?: number
  /** Worker threads; 0 runs in the calling thread between event-loop turns. Default min(2, cores). */
  threads?: number
  /** Aborting rejects with an AbortError. */
  signal?: AbortSignal
  /** Called after each fit: `done` of `total` (the scan's k values, the final fit, its refinement). */
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
  const threads = opts.threads ?? defaultThreads()
  const fitSample = opts.fitSample ?? DEFAULT_FIT_SAMPLE
  const refine = rows.valid > fitSample
  const fitSet = refine ? sampleRows(rows, n, dim, fitSample, opts.seed ^ 0x68e31da4) : { rows, n }
  let k = opts.k
  let elbow: ElbowPoint[] = []
  let done = 0
  let total = 1 + (refine ? 1 : 0)
  const step = (): void => opts.onProgress?.(++done, total)

  if (k === 'auto') {
    const scanSize = Math.min(opts.scanSample ?? DEFAULT_SCAN_SAMPLE, rows.valid)
    // The scan reuses the fit's rows when they are the same set, and samples its own otherwise.
    const scanSet =
      scanSize >= fitSet.rows.valid
        ? fitSet
        : scanSize >= rows.valid
          ? { rows, n }
          : sampleRows(rows, n, dim, scanSize, opts.seed)
    const scanPool = openKMeansPool(scanSet.rows, scanSet.n, dim, threads, opts.signal)
    try {
      const scan = await scanWithPool(
        scanPool,
        scanSet.rows.valid,
        rows.valid / scanSet.rows.valid,
        {
          seed: opts.seed,
          range: { ...DEFAULT_RANGE, ...opts.range },
          restarts: opts.scanRestarts ?? 1,
          seedTrials: opts.scanSeedTrials,
          maxIter: opts.maxIter,
          tol: opts.tol,
          onProgress: (d, t) => {
            done = d
            total = t + 1 + (refine ? 1 : 0)
            opts.onProgress?.(d, total)
          },
        },
      )
      k = scan.k
      elbow = scan.curve
    } finally {
      scanPool.close()
    }
  }

  const fitPool = openKMeansPool(fitSet.rows, fitSet.n, dim, threads, opts.signal)
  let fit: KMeansResult
  try {
    fit = await bestOfRestarts(fitPool, k, opts)
  } finally {
    fitPool.close()
  }
  step()
  if (refine) {
    fit = await refineOnAll(rows, n, dim, fit, opts, threads)
    step()
  }
  return { ...fit, elbow }
}

/** The final fit's restarts, one task each so the pool runs them side by side; lowest inertia wins (first on ties). */
async function bestOfRestarts(
  pool: KMeansPool,
  k: number,
  opts: ClusterOptions,
): Promise<KMeansResult> {
  const restarts = opts.restarts ?? 3
  if (!Number.isInteger(restarts) || restarts < 1)
    throw new Error(`restarts must be ≥ 1, got ${restarts}`)
  const base = seedForK(opts.seed, k) ^ 0x1b873593
  const fits = await Promise.all(
    Array.from({ length: restarts }, (_, r) =>
      pool.run({
        k,
        seed: (base + Math.imul(r, 0x9e3779b9)) >>> 0,
        restarts: 1,
        maxIter: opts.maxIter,
        tol: opts.tol,
      }),
    ),
  )
  return fits.reduce((best, f) => (f.inertia < best.inertia ? f : best))
}

/** Assigns every row to the sampled fit's centroids and runs a few Lloyd iterations on all of them. */
async function refineOnAll(
  rows: UnitRows,
  n: number,
  dim: number,
  sampled: KMeansResult,
  opts: ClusterOptions,
  threads: number,
): Promise<KMeansResult> {
  const pool = openKMeansPool(rows, n, dim, Math.min(threads, 1), opts.signal)
  try {
    return await pool.run({
      k: sampled.k,
      seed: 0,
      restarts: 1,
      init: sampled.centroids,
      maxIter: opts.refineIter ?? DEFAULT_REFINE_ITER,
      tol: opts.tol,
    })
  } finally {
    pool.close()
  }
}
