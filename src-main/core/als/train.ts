// trainAls: weighted matrix factorisation of playlists × songs by alternating least squares (Hu, Koren & Volinsky 2008).
import { createRng } from '../util/random'
import { alloc, buildConfidence } from './confidence'
import type { AlsState } from './half-sweep'
import { wmfObjective } from './objective'
import { abortError, openAlsPool } from './pool'
import {
  DEFAULT_ALS_PARAMS,
  type AlsMatrix,
  type AlsModel,
  type AlsParams,
  type AlsRunOptions,
} from './types'

/**
 * Minimises Σ_all cells c·(p − xᵀy)² + λ(‖X‖² + ‖Y‖²) with p = 1 for a song in a playlist (else 0)
 * and c = 1 + α·log(1 + count/ε) (else 1). Each sweep solves every playlist exactly, then every
 * song, with Yᵀ·Y precomputed and a sparse correction per row: O(nnz·f² + n·f³). Song factors start
 * from a seeded draw; the result is bit-identical for any thread count.
 */
export async function trainAls(
  matrix: AlsMatrix,
  params: Partial<AlsParams> = {},
  opts: AlsRunOptions = {},
): Promise<AlsModel> {
  const p: AlsParams = { ...DEFAULT_ALS_PARAMS, ...definedOnly(params) }
  checkParams(p)
  const { nItems, rows } = matrix
  if (!Number.isInteger(nItems) || nItems < 1)
    throw new Error(`nItems must be a positive whole number, got ${nItems}`)
  if (!Array.isArray(rows))
    throw new Error('matrix.rows must be an array of playlists (song index lists)')
  const keys = matrix.keys ?? Array.from({ length: nItems }, (_, i) => String(i))
  if (keys.length !== nItems)
    throw new Error(`matrix.keys has ${keys.length} entries, expected nItems = ${nItems}`)
  const { signal, onProgress } = opts
  if (signal?.aborted) throw abortError()

  const started = performance.now()
  const shared = p.threads > 0
  const f = p.factors
  const { byUser, byItem } = buildConfidence(rows, nItems, p.alpha, p.epsilon, shared)
  const state: AlsState = {
    byUser,
    byItem,
    users: alloc(Float32Array, byUser.rows * f, shared),
    items: alloc(Float32Array, nItems * f, shared),
    f,
    lambda: p.lambda,
    next: alloc(Int32Array, 1, shared),
  }
  if (opts.initialItemFactors) {
    if (opts.initialItemFactors.length !== nItems * f) {
      throw new Error(
        `initialItemFactors has ${opts.initialItemFactors.length} values, expected ${nItems} × ${f}`,
      )
    }
    state.items.set(opts.initialItemFactors)
  } else {
    initFactors(state.items, f, p.seed)
  }

  const lossHistory: number[] = []
  const pool = openAlsPool(state, p.threads, signal)
  try {
    // Yᵀ·Y of the current song factors, kept when the objective needed it already.
    let itemGram: Float64Array | undefined
    for (let it = 0; it < p.iterations; it++) {
      if (signal?.aborted) throw abortError()
      await pool.solve('users', itemGram ?? (await pool.gram('items')))
      if (signal?.aborted) throw abortError()
      await pool.solve('items', await pool.gram('users'))
      itemGram = undefined
      let loss: number | undefined
      if (p.computeLoss) {
        itemGram = await pool.gram('items')
        loss = wmfObjective(byUser, state.users, state.items, itemGram, f, p.lambda)
        lossHistory.push(loss)
      }
      onProgress?.({
        iteration: it + 1,
        iterations: p.iterations,
        loss,
        seconds: (performance.now() - started) / 1000,
      })
    }
  } finally {
    pool.close()
  }
  const items = Float32Array.from(state.items)
  return {
    vocab: [...keys],
    dim: f,
    input: items,
    output: items,
    userFactors: Float32Array.from(state.users),
    nUsers: byUser.rows,
    params: p,
    lossHistory,
  }
}

/** Song factors uniform in ±0.5/√f: small, seeded, never all zero. */
export function initFactors(out: Float32Array, f: number, seed: number): void {
  const rng = createRng(seed)
  const scale = 1 / Math.sqrt(f)
  for (let i = 0; i < out.length; i++) out[i] = (rng.next() - 0.5) * scale
}

function definedOnly(params: Partial<AlsParams>): Partial<AlsParams> {
  return Object.fromEntries(
    Object.entries(params).filter(([, v]) => v !== undefined),
  ) as Partial<AlsParams>
}

function checkParams(p: AlsParams): void {
  const wholeAtLeast = (name: keyof AlsParams, min: number): void => {
    const v = p[name] as number
    if (!Number.isInteger(v) || v < min)
      throw new Error(`ALS ${name} must be a whole number ≥ ${min}, got ${v}`)
  }
  wholeAtLeast('factors', 1)
  wholeAtLeast('iterations', 0)
  wholeAtLeast('threads', 0)
  if (!Number.isSafeInteger(p.seed))
    throw new Error(`ALS seed must be a whole number, got ${p.seed}`)
  if (!(p.lambda > 0) || !Number.isFinite(p.lambda))
    throw new Error(`ALS lambda must be > 0, got ${p.lambda}`)
  if (!(p.alpha >= 0) || !Number.isFinite(p.alpha))
    throw new Error(`ALS alpha must be ≥ 0, got ${p.alpha}`)
  if (!(p.epsilon > 0) || !Number.isFinite(p.epsilon))
    throw new Error(`ALS epsilon must be > 0, got ${p.epsilon}`)
}
