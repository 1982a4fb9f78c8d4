// RP3beta (Paudel et al. 2017; Dacrema et al. 2019): item-item scores from the 3-step random walk i → playlist → j, damped by the popularity of j.
import { buildCooc } from './cooc-matrix'
import type { SparseRows } from './cooc-scores'

/** Knobs of {@link buildRp3beta}. */
export interface Rp3betaParams {
  /** Exponent of every transition probability (1 = the plain random walk). */
  alpha: number
  /** Column j is divided by degree(j)^beta (0 = no popularity penalty). */
  beta: number
  /**
   * `undefined`: the bipartite song–playlist graph (whole playlists, each distinct song once). A
   * positive integer: walks within `window` positions, as set by `windowGraph`.
   */
  window?: number
  /**
   * With a window: `windows` (default) walks the bipartite song–window graph, a window being the
   * songs within `window` positions of one playlist position (so close pairs share more windows);
   * `pairs` walks the song–song graph of pair counts in one step, i → j with c_ij / Σ_k c_ik.
   */
  windowGraph?: 'windows' | 'pairs'
  /**
   * Degree of j in the windowed penalty: `pairs` = Σ_k c_jk (the song–song graph's degree),
   * `occurrences` = times j is played, `playlists` = playlists holding j (default `pairs`).
   */
  popularity?: 'pairs' | 'occurrences' | 'playlists'
}

/**
 * Row i: `W[i][j] = Σ_u P(u|i)^α · P(j|u)^α / deg(j)^β` over the playlists (or windows) u holding
 * both, P(u|i) = 1/deg(i), P(j|u) = 1/|u| over distinct songs, deg = playlists (windows) holding
 * the song; or `(c_ij / Σ_k c_ik)^α / (Σ_k c_jk)^β` on windowed pair counts c. The diagonal is 0.
 */
export function buildRp3beta(
  playlists: readonly (readonly number[])[],
  size: number,
  params: Rp3betaParams,
  signal?: AbortSignal,
): SparseRows {
  const { alpha, beta, window } = params
  if (!(alpha > 0) || !(beta >= 0)) throw new Error(`RP3beta needs alpha > 0 and beta ≥ 0`)
  if (window !== undefined && (params.windowGraph ?? 'windows') === 'windows')
    return bipartite(windowsOf(playlists, window), size, alpha, beta, signal)
  if (window !== undefined)
    return windowed(playlists, size, alpha, beta, window, params.popularity ?? 'pairs', signal)
  return bipartite(playlists, size, alpha, beta, signal)
}

/** The songs within `window` positions of each position of each playlist (the windows of the walk). */
function windowsOf(playlists: readonly (readonly number[])[], window: number): number[][] {
  if (!Number.isInteger(window) || window < 1)
    throw new Error(`RP3beta window must be a positive integer, got ${window}`)
  const out: number[][] = []
  for (const p of playlists)
    for (let t = 0; t < p.length; t++)
      out.push(p.slice(Math.max(0, t - window), Math.min(p.length, t + window + 1)))
  return out
}

function windowed(
  playlists: readonly (readonly number[])[],
  size: number,
  alpha: number,
  beta: number,
  window: number,
  popularity: NonNullable<Rp3betaParams['popularity']>,
  signal?: AbortSignal,
): SparseRows {
  const c = buildCooc(playlists, size, { window, distancePower: 0, signal })
  const total = new Float64Array(size)
  for (let a = 0; a < size; a++)
    for (let e = c.rowStart[a]; e < c.rowStart[a + 1]; e++) total[a] += c.weights[e]
  const degree = popularity === 'pairs' ? total : new Float64Array(size)
  if (popularity !== 'pairs')
    for (const p of playlists)
      for (const s of popularity === 'playlists' ? new Set(p) : p) degree[s]++
  const penalty = new Float64Array(size)
  for (let b = 0; b < size; b++) penalty[b] = degree[b] > 0 ? Math.pow(degree[b], -beta) : 0
  const weights = new Float32Array(c.weights.length)
  for (let a = 0; a < size; a++) {
    for (let e = c.rowStart[a]; e < c.rowStart[a + 1]; e++) {
      const b = c.cols[e]
      weights[e] = b === a ? 0 : Math.pow(c.weights[e] / total[a], alpha) * penalty[b]
    }
  }
  return { size, rowStart: c.rowStart, cols: c.cols, weights }
}

function bipartite(
  playlists: readonly (readonly number[])[],
  size: number,
  alpha: number,
  beta: number,
  signal?: AbortSignal,
): SparseRows {
  // Distinct songs of each playlist, and the playlists of each song.
  const sets = playlists.map((p) => {
    for (const s of p)
      if (!(s >= 0 && s < size))
        throw new Error(`Song id ${s} is outside the catalogue (0..${size - 1})`)
    return Int32Array.from(new Set(p))
  })
  const degree = new Uint32Array(size)
  for (const u of sets) for (const s of u) degree[s]++
  const start = new Uint32Array(size + 1)
  for (let s = 0; s < size; s++) start[s + 1] = start[s] + degree[s]
  const lists = new Uint32Array(start[size])
  const fill = start.slice(0, size)
  sets.forEach((u, pl) => {
    for (const s of u) lists[fill[s]++] = pl
  })
  const userWeight = sets.map((u) => Math.pow(u.length, -alpha))
  const penalty = new Float64Array(size)
  for (let b = 0; b < size; b++) penalty[b] = degree[b] > 0 ? Math.pow(degree[b], -beta) : 0

  const sum = new Float64Array(size)
  const touched: number[] = []
  const rowStart = new Uint32Array(size + 1)
  let cols: Uint32Array = new Uint32Array(1 << 16)
  let weights: Float32Array = new Float32Array(cols.length)
  let nnz = 0
  for (let a = 0; a < size; a++) {
    touched.length = 0
    for (let e = start[a]; e < start[a + 1]; e++) {
      const pl = lists[e]
      const w = userWeight[pl]
      for (const b of sets[pl]) {
        if (b === a) continue
        if (sum[b] === 0) touched.push(b)
        sum[b] += w
      }
    }
    touched.sort((x, y) => x - y)
    if (nnz + touched.length > cols.length) {
      const grown = Math.max(cols.length * 2, nnz + touched.length)
      const c2 = new Uint32Array(grown)
      c2.set(cols)
      cols = c2
      const w2 = new Float32Array(grown)
      w2.set(weights)
      weights = w2
    }
    const rowScale = degree[a] > 0 ? Math.pow(degree[a], -alpha) : 0
    for (const b of touched) {
      cols[nnz] = b
      weights[nnz] = rowScale * sum[b] * penalty[b]
      nnz++
      sum[b] = 0
    }
    rowStart[a + 1] = nnz
    if ((a & 1023) === 1023) signal?.throwIfAborted()
  }
  return { size, rowStart, cols: cols.slice(0, nnz), weights: weights.slice(0, nnz) }
}
