// What one ALS half-sweep needs, shared by the calling thread and the worker threads: data, sides, chunking.
import type { Csr } from './confidence'
import { addGram, createScratch, solveRows, type SolveScratch } from './sweep'

/** The side being solved: 'users' (playlists, with the songs fixed) or 'items' (songs). */
export type Side = 'users' | 'items'

/** Everything a half-sweep reads or writes; on SharedArrayBuffers when worker threads share it. */
export interface AlsState {
  /** Playlists × songs confidences. */
  byUser: Csr
  /** Songs × playlists confidences. */
  byItem: Csr
  /** Playlist factors, `byUser.rows × f`. */
  users: Float32Array
  /** Song factors, `byItem.rows × f`. */
  items: Float32Array
  /** Number of factors. */
  f: number
  /** Regularisation λ. */
  lambda: number
  /** Next unclaimed row of the running solve (one Int32, shared by the threads). */
  next: Int32Array
}

/** Rows claimed at once by a thread during a solve. */
export const SOLVE_CHUNK = 32

/** The Gram matrix is always summed from this many fixed row blocks, whatever the thread count. */
export const GRAM_BLOCKS = 2

/** Rows `[lo, hi)` of block `b` of `n` rows. */
export function gramBlock(n: number, b: number): [number, number] {
  return [Math.floor((b * n) / GRAM_BLOCKS), Math.floor(((b + 1) * n) / GRAM_BLOCKS)]
}

/** Factors of `side` and the matrix whose rows they are. */
export function sideOf(
  state: AlsState,
  side: Side,
): { m: Csr; own: Float32Array; fixed: Float32Array } {
  return side === 'users'
    ? { m: state.byUser, own: state.users, fixed: state.items }
    : { m: state.byItem, own: state.items, fixed: state.users }
}

/** Gram block `b` of the factors of `side` (lower triangle). */
export function gramOfBlock(state: AlsState, side: Side, b: number): Float64Array {
  const factors = side === 'users' ? state.users : state.items
  const n = factors.length / state.f
  const [lo, hi] = gramBlock(n, b)
  const g = new Float64Array(state.f * state.f)
  addGram(factors, state.f, lo, hi, g)
  return g
}

/** Claims chunks of rows of `side` from the shared counter and solves them until none is left. */
export function solveClaimed(
  state: AlsState,
  side: Side,
  gram: Float64Array,
  scratch?: SolveScratch,
): void {
  const { m, own, fixed } = sideOf(state, side)
  const s = scratch ?? createScratch(state.f)
  for (;;) {
    const lo = Atomics.add(state.next, 0, SOLVE_CHUNK)
    if (lo >= m.rows) return
    solveRows(m, lo, Math.min(m.rows, lo + SOLVE_CHUNK), fixed, gram, state.f, state.lambda, own, s)
  }
}
