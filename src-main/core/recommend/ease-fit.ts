// EASE^R (Steck 2019): the closed-form item-item model B = I − P·diagMat(1/diag(P)), P = (G + λI)⁻¹, over the songs seen in training.
import { sharedSpd } from '../linalg/spd-inverse-parallel'
import { buildCooc } from './cooc-matrix'

/** Knobs of {@link fitEase}. */
export interface EaseParams {
  /** L2 weight added to the Gram diagonal. */
  lambda: number
  /**
   * `undefined`: the Gram of the binary playlist × song matrix (whole playlists). A positive
   * integer: a windowed Gram, as set by `gram`.
   */
  window?: number
  /**
   * With a window: `pairs` = pair counts c_ij (songs at most `window` apart, every distance alike)
   * off the diagonal and each song's occurrences on it; `pairs-degree` = the same with Σ_k c_ik on
   * the diagonal; `windows` = XᵀX of the binary window × song matrix, a window being the distinct
   * songs within `window` positions of one playlist position (default `pairs`).
   */
  gram?: 'pairs' | 'pairs-degree' | 'windows'
  /**
   * With a `pairs` or `pairs-degree` Gram: a pair `d` positions apart counts `1 / d^distancePower`
   * (default 0: every distance alike). `pairs-degree` then stays the Gram of weighted pair rows
   * (Σ_k w_ik on the diagonal), so it is positive semi-definite for any power.
   */
  distancePower?: number
}

/** A fitted EASE model: B's rows over the model's songs. */
export interface EaseModel {
  params: EaseParams
  /** Model index → song id. */
  songs: Int32Array
  /** Song id → model index, or -1 for a song never seen in training. */
  index: Int32Array
  /** B, `songs.length` squared, row-major: the score of song j given song c is b[c·n + j] (b[j·n + j] = 0). */
  b: Float32Array
  /** Seconds of the inverse alone, and of the whole fit. */
  inverseSeconds: number
  fitSeconds: number
  /** 'wasm-simd' or 'typescript'. */
  kernels: string
}

/** Options of {@link fitEase}. */
export interface EaseFitOptions {
  threads?: number
  onProgress?: (fraction: number, message: string) => void
  signal?: AbortSignal
}

/**
 * Builds the Gram matrix of the training songs into shared memory, inverts it in worker threads
 * (blocked Cholesky, float32) and turns the inverse into B in place; the only n² buffer is that
 * one (4n² bytes: 376 MB for 9,700 songs).
 */
export async function fitEase(
  train: readonly (readonly number[])[],
  catalogue: number,
  params: EaseParams,
  opts: EaseFitOptions = {},
): Promise<EaseModel> {
  const started = performance.now()
  if (!(params.lambda > 0)) throw new Error(`EASE needs lambda > 0, got ${params.lambda}`)
  const index = new Int32Array(catalogue).fill(-1)
  const order: number[] = []
  for (const p of train)
    for (const s of p) {
      if (!(s >= 0 && s < catalogue))
        throw new Error(`Song id ${s} is outside the catalogue (0..${catalogue - 1})`)
      if (index[s] < 0) {
        index[s] = order.length
        order.push(s)
      }
    }
  const n = order.length
  const spd = sharedSpd(n, opts.threads ?? 2)
  const g = spd.matrix
  opts.onProgress?.(0, `Gram matrix of ${n} songs`)
  const gram = params.gram ?? 'pairs'
  if (params.window === undefined || gram === 'windows') {
    const w = params.window
    for (const p of train) {
      const sets =
        w === undefined
          ? [p]
          : p.map((_, t) => p.slice(Math.max(0, t - w), Math.min(p.length, t + w + 1)))
      for (const set of sets) {
        const u = [...new Set(set)].map((s) => index[s])
        for (const i of u) for (const j of u) g[i * n + j] += 1
      }
    }
  } else {
    const c = buildCooc(train, catalogue, {
      window: params.window,
      distancePower: params.distancePower ?? 0,
      signal: opts.signal,
    })
    for (let s = 0; s < catalogue; s++) {
      const i = index[s]
      if (i < 0) continue
      for (let e = c.rowStart[s]; e < c.rowStart[s + 1]; e++) {
        const j = index[c.cols[e]]
        if (j !== i) g[i * n + j] = c.weights[e]
      }
    }
    if (gram === 'pairs') for (const p of train) for (const s of p) g[index[s] * n + index[s]] += 1
    else
      for (let i = 0; i < n; i++) {
        let total = 0
        for (let j = 0; j < n; j++) total += g[i * n + j]
        g[i * n + i] = total
      }
  }
  for (let i = 0; i < n; i++) g[i * n + i] += params.lambda
  const t0 = performance.now()
  await spd.invert({
    threads: opts.threads ?? 2,
    signal: opts.signal,
    onProgress: (stage, f) =>
      opts.onProgress?.(stage === 'cholesky' ? f / 3 : 1 / 3 + (2 * f) / 3, `EASE ${stage}`),
  })
  const inverseSeconds = (performance.now() - t0) / 1000
  // B = I − P·diag(1/diag(P)): b[c][j] = −P[c][j] / P[j][j], zero diagonal.
  const inv = new Float64Array(n)
  for (let j = 0; j < n; j++) inv[j] = -1 / g[j * n + j]
  for (let c = 0; c < n; c++) {
    const row = c * n
    for (let j = 0; j < n; j++) g[row + j] *= inv[j]
    g[row + c] = 0
  }
  return {
    params,
    songs: Int32Array.from(order),
    index,
    b: g,
    inverseSeconds,
    fitSeconds: (performance.now() - started) / 1000,
    kernels: spd.kernels ?? 'typescript',
  }
}

/** Adds row `c` of B (for every known context song, weights default 1) into `scores` (over model indices). */
export function easeScores(
  model: EaseModel,
  context: readonly number[],
  scores: Float64Array,
  weights?: readonly number[],
): number {
  const n = model.songs.length
  scores.fill(0)
  let known = 0
  for (let k = 0; k < context.length; k++) {
    const s = context[k]
    const c = s >= 0 && s < model.index.length ? model.index[s] : -1
    if (c < 0) continue
    const w = weights ? weights[k] : 1
    const row = c * n
    const b = model.b
    for (let j = 0; j < n; j++) scores[j] += w * b[row + j]
    known++
  }
  return known
}
