// Spherical k-means (cosine similarity) with k-means++ seeding, restarts and Elkan-style bounds.
import { createRng, type Rng } from '../util/random'
import { throwIfAborted } from './abort'
import { seedPlusPlus } from './kmeans-seeding'
import { dotRows, normalizeRows, type UnitRows } from './vectors'

/** Parameters of one spherical k-means fit. */
export interface KMeansOptions {
  /** Number of clusters (1 ≤ k ≤ number of non-zero rows). */
  k: number
  /** Seed of every random draw; the same seed gives bitwise-identical results. */
  seed: number
  /** Independent k-means++ starts; the one with the lowest inertia is kept. Default 3. */
  restarts?: number
  /** Maximum Lloyd iterations per start. Default 100. */
  maxIter?: number
  /** Stop when the objective improves by less than this fraction of itself. Default 1e-5. */
  tol?: number
  /**
   * Candidates tried per centroid when seeding (greedy k-means++); more avoids poor local optima
   * at a proportional cost in seeding time. Default 2 + ⌊ln k⌋ (scikit-learn's choice).
   */
  seedTrials?: number
  /**
   * Starting centroids (`k × dim` unit rows, e.g. a fit on a sample) instead of k-means++ seeding;
   * then a single start is run whatever `restarts` says.
   */
  init?: Float32Array
  /** Checked between iterations; aborting throws an AbortError. */
  signal?: AbortSignal
}

/** A fitted clustering. */
export interface KMeansResult {
  k: number
  /** Cluster of each row; -1 for rows that are all zeros (they have no direction). */
  assignments: Int32Array
  /** Unit centroids, row-major `k × dim`. */
  centroids: Float32Array
  /** Σ over assigned rows of (1 − cos(row, its centroid)): the within-cluster sum on the sphere. */
  inertia: number
  /** Lloyd iterations of the kept start. */
  iterations: number
}

/** Fits spherical k-means to the `n × dim` row-major `vectors` (rows are normalised here). */
export function sphericalKMeans(
  vectors: Float32Array,
  n: number,
  dim: number,
  opts: KMeansOptions,
): KMeansResult {
  return sphericalKMeansUnit(normalizeRows(vectors, n, dim), n, dim, opts)
}

/** Same as {@link sphericalKMeans} on rows already normalised with `normalizeRows`. */
export function sphericalKMeansUnit(
  rows: UnitRows,
  n: number,
  dim: number,
  opts: KMeansOptions,
): KMeansResult {
  const { k, seed } = opts
  const restarts = opts.restarts ?? 3
  const maxIter = opts.maxIter ?? 100
  const tol = opts.tol ?? 1e-5
  if (!Number.isInteger(k) || k < 1) throw new Error(`k must be a positive integer, got ${k}`)
  if (k > rows.valid) {
    throw new Error(`k = ${k} exceeds the ${rows.valid} non-zero vectors: choose a smaller k`)
  }
  if (!Number.isInteger(restarts) || restarts < 1)
    throw new Error(`restarts must be ≥ 1, got ${restarts}`)
  if (!Number.isInteger(maxIter) || maxIter < 1)
    throw new Error(`maxIter must be ≥ 1, got ${maxIter}`)
  const trials = opts.seedTrials ?? 2 + Math.floor(Math.log(k))
  if (!Number.isInteger(trials) || trials < 1)
    throw new Error(`seedTrials must be ≥ 1, got ${trials}`)
  if (opts.init && opts.init.length !== k * dim) {
    throw new Error(`init must hold ${k} × ${dim} centroid values, got ${opts.init.length}`)
  }
  const rng = createRng(seed)
  let best: KMeansResult | undefined
  const starts = opts.init ? 1 : restarts
  for (let r = 0; r < starts; r++) {
    throwIfAborted(opts.signal)
    const fit = lloyd(rows, n, dim, k, rng, trials, maxIter, tol, opts.signal, opts.init)
    if (!best || fit.inertia < best.inertia) best = fit
  }
  return best as KMeansResult
}

/** Above this many row × centroid pairs the per-pair bounds (4 bytes each) are not kept. */
const MAX_BOUNDS = 50_000_000
/** Safety margin subtracted from stored angle bounds, covering float32 rounding. */
const EPS = 1e-6

/**
 * Lloyd iterations. `own[i]` is always the exact cosine to the row's centroid (recomputed after each
 * centroid update, which also gives the objective). `lb[i·k + c]` is a lower bound on the angle
 * between row i and centroid c, lowered each iteration by how far c moved (triangle inequality on
 * the sphere), so a centroid is only compared when it might beat the current one (Elkan's idea in
 * angle form). The seeding's cosines give the first bounds for free.
 */
function lloyd(
  rows: UnitRows,
  n: number,
  dim: number,
  k: number,
  rng: Rng,
  trials: number,
  maxIter: number,
  tol: number,
  signal: AbortSignal | undefined,
  init?: Float32Array,
): KMeansResult {
  const { data, zero } = rows
  const lb = n * k <= MAX_BOUNDS ? new Float32Array(n * k) : undefined
  const centroids = init ? init.slice() : seedPlusPlus(rows, n, dim, k, rng, trials, lb)
  if (init && lb) {
    // The seeding would have left every row's cosine to every centroid here.
    for (let i = 0; i < n; i++) {
      if (zero[i]) continue
      for (let c = 0; c < k; c++) lb[i * k + c] = dotRows(data, i, centroids, c, dim)
    }
  }
  const assign = new Int32Array(n).fill(-1)
  const own = new Float64Array(n)
  const sums = new Float64Array(k * dim)
  const counts = new Int32Array(k)
  const moved = new Float64Array(k)
  const shift = new Float64Array(k)
  for (let i = 0; i < n; i++) {
    if (zero[i]) continue
    if (!lb) {
      scan(i)
      continue
    }
    const base = i * k
    let b = 0
    for (let c = 1; c < k; c++) if (lb[base + c] > lb[base + b]) b = c
    assign[i] = b
    own[i] = lb[base + b]
    for (let c = 0; c < k; c++) lb[base + c] = Math.acos(clamp(lb[base + c])) - EPS
  }

  let objective = 0
  let prev = -Infinity
  let iter = 0
  for (;;) {
    iter++
    objective = updateCentroids()
    if (iter >= maxIter || (iter > 1 && objective - prev <= tol * Math.abs(objective))) break
    prev = objective
    throwIfAborted(signal)
    if (reassign() === 0) break
  }
  return { k, assignments: assign, centroids, inertia: rows.valid - objective, iterations: iter }

  /** Full scan of row i (used when bounds are not kept); returns whether its cluster changed. */
  function scan(i: number): boolean {
    let b = -1
    let bs = -Infinity
    for (let c = 0; c < k; c++) {
      const s = dotRows(data, i, centroids, c, dim)
      if (s > bs) {
        bs = s
        b = c
      }
    }
    const changed = b !== assign[i]
    assign[i] = b
    own[i] = bs
    return changed
  }

  /** Recomputes unit centroids from the assignments (refilling empty ones); returns Σ own. */
  function updateCentroids(): number {
    sums.fill(0)
    counts.fill(0)
    for (let i = 0; i < n; i++) {
      const c = assign[i]
      if (c < 0) continue
      counts[c]++
      const o = i * dim
      const co = c * dim
      for (let d = 0; d < dim; d++) sums[co + d] += data[o + d]
    }
    refillEmpty()
    for (let c = 0; c < k; c++) {
      const co = c * dim
      let s = 0
      for (let d = 0; d < dim; d++) s += sums[co + d] * sums[co + d]
      const inv = s > 0 ? 1 / Math.sqrt(s) : 0
      let p = 0
      for (let d = 0; d < dim; d++) {
        const v = sums[co + d] * inv
        p += v * centroids[co + d]
        centroids[co + d] = v
      }
      moved[c] = s > 0 ? clamp(p) : -1
    }
    let total = 0
    for (let i = 0; i < n; i++) {
      if (zero[i]) continue
      own[i] = dotRows(data, i, centroids, assign[i], dim)
      total += own[i]
    }
    return total
  }

  /** An empty cluster takes the row farthest from its own centroid among clusters of size > 1. */
  function refillEmpty(): void {
    for (let c = 0; c < k; c++) {
      if (counts[c] > 0) continue
      let pick = -1
      for (let i = 0; i < n; i++) {
        if (zero[i] || counts[assign[i]] < 2) continue
        if (pick < 0 || own[i] < own[pick]) pick = i
      }
      const from = assign[pick]
      const o = pick * dim
      for (let d = 0; d < dim; d++) {
        sums[from * dim + d] -= data[o + d]
        sums[c * dim + d] = data[o + d]
      }
      counts[from]--
      counts[c] = 1
      assign[pick] = c
      if (lb) lb[pick * k + from] = Math.acos(clamp(own[pick])) - EPS
    }
  }

  /** Moves every row to its most similar centroid, comparing only centroids its bounds allow. */
  function reassign(): number {
    let changes = 0
    if (!lb) {
      for (let i = 0; i < n; i++) if (!zero[i] && scan(i)) changes++
      return changes
    }
    for (let c = 0; c < k; c++) shift[c] = Math.acos(moved[c])
    for (let i = 0; i < n; i++) {
      if (zero[i]) continue
      const a = assign[i]
      const base = i * k
      let best = a
      let bestCos = own[i]
      let bestAngle = Math.acos(clamp(bestCos))
      const ownAngle = bestAngle
      for (let c = 0; c < k; c++) {
        if (c === a) continue
        const bound = lb[base + c] - shift[c]
        if (bound >= bestAngle) {
          lb[base + c] = bound
          continue
        }
        const s = dotRows(data, i, centroids, c, dim)
        const angle = Math.acos(clamp(s))
        lb[base + c] = angle - EPS
        if (s > bestCos) {
          best = c
          bestCos = s
          bestAngle = angle
        }
      }
      if (best !== a) {
        lb[base + a] = ownAngle - EPS
        assign[i] = best
        own[i] = bestCos
        changes++
      }
    }
    return changes
  }
}

function clamp(x: number): number {
  return x > 1 ? 1 : x < -1 ? -1 : x
}
