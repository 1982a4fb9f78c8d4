// Chooses k the seed recipe's way: fit k-means over a grid of k, pick the elbow of the inertia curve.
import { createRng } from '../util/random'
import { throwIfAborted } from './abort'
import { elbowIndex, kGrid } from './elbow-rule'
import { defaultThreads, openKMeansPool, type KMeansPool } from './kmeans-pool'
import { checkShape, normalizeRows, type UnitRows } from './vectors'

/** The k values scanned. */
export interface KRange {
  /** Smallest k. Default 10. */
  min: number
  /** Largest k (clamped to the number of non-zero rows). Default 500. */
  max: number
  /** Number of k values, spaced geometrically between min and max. Default 20. */
  steps: number
}

/** Parameters of an elbow scan. */
export interface ElbowOptions {
  /** Seed of every random draw; each k gets its own seed derived from it. */
  seed: number
  /** Which k values to try. */
  range?: Partial<KRange>
  /** k-means++ starts per k (the best is kept). Default 1. */
  restarts?: number
  /** Greedy k-means++ candidates per centroid during the scan. Default 2. */
  seedTrials?: number
  /** Maximum Lloyd iterations per start. Default 100. */
  maxIter?: number
  /** Relative objective improvement below which a fit stops. Default 1e-5. */
  tol?: number
  /**
   * Fit the scan on this many rows drawn at random (seeded) instead of all of them; inertias are
   * scaled back to the full row count. Default: all rows.
   */
  sampleSize?: number
  /** Worker threads; 0 runs in the calling thread between event-loop turns. Default min(2, cores). */
  threads?: number
  /** Aborting rejects the scan with an AbortError. */
  signal?: AbortSignal
  /** Called after each k: `done` of `total` fits finished. */
  onProgress?: (done: number, total: number) => void
}

/** One point of the elbow curve. */
export interface ElbowPoint {
  k: number
  /** Σ (1 − cos) over rows (scaled to all rows when the scan used a sample). */
  inertia: number
}

/** The curve and the k the elbow rule picks from it. */
export interface ElbowResult {
  k: number
  curve: ElbowPoint[]
}

export const DEFAULT_RANGE: KRange = { min: 10, max: 500, steps: 20 }

/** Scans k over the range on the `n × dim` row-major `vectors` and applies the elbow rule. */
export async function scanElbow(
  vectors: Float32Array,
  n: number,
  dim: number,
  opts: ElbowOptions,
): Promise<ElbowResult> {
  checkShape(vectors, n, dim)
  throwIfAborted(opts.signal)
  let rows = normalizeRows(vectors, n, dim)
  let rowCount = n
  const valid = rows.valid
  if (opts.sampleSize !== undefined && opts.sampleSize < valid) {
    ;({ rows, n: rowCount } = sampleRows(rows, n, dim, opts.sampleSize, opts.seed))
  }
  const pool = openKMeansPool(rows, rowCount, dim, opts.threads ?? defaultThreads(), opts.signal)
  try {
    return await scanWithPool(pool, rows.valid, valid / rows.valid, opts)
  } finally {
    pool.close()
  }
}

/** The grid actually scanned for `valid` usable rows (max clamped, min ≤ max). */
export function scanGrid(valid: number, range: Partial<KRange> = {}): number[] {
  if (valid < 1) throw new Error('No non-zero vectors to cluster: train or import vectors first')
  const r = { ...DEFAULT_RANGE, ...range }
  const max = Math.min(r.max, valid)
  return kGrid(Math.min(r.min, max), max, r.steps)
}

/** Seed of the fit for `k`, so every k is reproducible whichever thread runs it. */
export function seedForK(seed: number, k: number): number {
  return (Math.imul(seed ^ 0x5bd1e995, 0x9e3779b1) + Math.imul(k, 0x85ebca6b)) >>> 0
}

/** Runs the scan on an open pool; `scale` multiplies inertias (full rows / sampled rows). */
export async function scanWithPool(
  pool: KMeansPool,
  valid: number,
  scale: number,
  opts: ElbowOptions,
): Promise<ElbowResult> {
  const grid = scanGrid(valid, opts.range)
  const restarts = opts.restarts ?? 1
  const inertia = new Array<number>(grid.length)
  let done = 0
  // Largest k first: they take longest, so the workers finish together.
  const order = grid.map((_, i) => i).reverse()
  await Promise.all(
    order.map(async (i) => {
      const k = grid[i]
      const fit = await pool.run({
        k,
        seed: seedForK(opts.seed, k),
        restarts,
        seedTrials: opts.seedTrials ?? 2,
        maxIter: opts.maxIter,
        tol: opts.tol,
      })
      inertia[i] = fit.inertia * scale
      opts.onProgress?.(++done, grid.length)
    }),
  )
  const curve = grid.map((k, i) => ({ k, inertia: inertia[i] }))
  return { k: grid[elbowIndex(grid, inertia)], curve }
}

/** `size` non-zero rows of `rows` drawn without replacement (seeded), in row order. */
export function sampleRows(
  rows: UnitRows,
  n: number,
  dim: number,
  size: number,
  seed: number,
): { rows: UnitRows; n: number } {
  if (!Number.isInteger(size) || size < 1)
    throw new Error(`sampleSize must be a positive integer, got ${size}`)
  const idx: number[] = []
  for (let i = 0; i < n; i++) if (!rows.zero[i]) idx.push(i)
  const rng = createRng(seed ^ 0x2545f491)
  for (let i = 0; i < size; i++) {
    const j = i + rng.nextInt(idx.length - i)
    const t = idx[i]
    idx[i] = idx[j]
    idx[j] = t
  }
  const picked = idx.slice(0, size).sort((a, b) => a - b)
  const data = new Float32Array(size * dim)
  picked.forEach((r, i) => data.set(rows.data.subarray(r * dim, r * dim + dim), i * dim))
  return { rows: { data, zero: new Uint8Array(size), valid: size }, n: size }
}
