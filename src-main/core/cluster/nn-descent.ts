// NN-descent: improves approximate neighbour lists by comparing each row's neighbours with each other.
import type { Rng } from '../util/random'
import { throwIfAborted } from './abort'
import { pushHeap, type KnnHeaps } from './knn-heaps'
import { dotRows } from './vectors'

/** Parameters of {@link nnDescent}. */
export interface NnDescentOptions {
  /** Largest candidate list per row and round (new and old separately). */
  maxCandidates: number
  /** Most rounds. */
  rounds: number
  /** Stop when a round improves fewer than delta · n · k list entries. */
  delta: number
  signal?: AbortSignal
  /** Called after each round. */
  onRound?: (round: number, rounds: number, updates: number) => void
}

/**
 * Dong et al.'s NN-descent on cosine distance (as in pynndescent): each round samples the new and
 * old neighbours of every row plus the rows that list it, then offers every new-new and new-old
 * pair to each other's lists. `h` must already hold a starting guess (e.g. from RP trees).
 */
export function nnDescent(
  data: Float32Array,
  dim: number,
  h: KnnHeaps,
  rng: Rng,
  opts: NnDescentOptions,
): void {
  const { n, k } = h
  const m = opts.maxCandidates
  const newIdx = new Int32Array(n * m)
  const newPri = new Float32Array(n * m)
  const oldIdx = new Int32Array(n * m)
  const oldPri = new Float32Array(n * m)
  for (let round = 1; round <= opts.rounds; round++) {
    throwIfAborted(opts.signal)
    newIdx.fill(-1)
    newPri.fill(Infinity)
    oldIdx.fill(-1)
    oldPri.fill(Infinity)
    for (let i = 0; i < n; i++) {
      for (let s = i * k; s < i * k + k; s++) {
        const j = h.index[s]
        if (j < 0) continue
        const p = rng.next()
        if (h.fresh[s]) {
          pushCandidate(newIdx, newPri, m, i, j, p)
          pushCandidate(newIdx, newPri, m, j, i, p)
        } else {
          pushCandidate(oldIdx, oldPri, m, i, j, p)
          pushCandidate(oldIdx, oldPri, m, j, i, p)
        }
      }
    }
    // Entries sampled as new candidates become old.
    for (let i = 0; i < n; i++) {
      for (let s = i * k; s < i * k + k; s++) {
        if (!h.fresh[s]) continue
        const j = h.index[s]
        for (let c = i * m; c < i * m + m; c++) {
          if (newIdx[c] === j) {
            h.fresh[s] = 0
            break
          }
        }
      }
    }
    let updates = 0
    for (let i = 0; i < n; i++) {
      const base = i * m
      for (let x = base; x < base + m; x++) {
        const a = newIdx[x]
        if (a < 0) continue
        for (let y = x + 1; y < base + m; y++) {
          const b = newIdx[y]
          if (b < 0) continue
          const d = 1 - dotRows(data, a, data, b, dim)
          updates += pushHeap(h, a, b, d) + pushHeap(h, b, a, d)
        }
        for (let y = base; y < base + m; y++) {
          const b = oldIdx[y]
          if (b < 0 || b === a) continue
          const d = 1 - dotRows(data, a, data, b, dim)
          updates += pushHeap(h, a, b, d) + pushHeap(h, b, a, d)
        }
      }
    }
    opts.onRound?.(round, opts.rounds, updates)
    if (updates <= opts.delta * n * k) break
  }
}

/** Keeps, per row, the `m` candidates with the smallest random priority (a seeded sample). */
function pushCandidate(
  idx: Int32Array,
  pri: Float32Array,
  m: number,
  i: number,
  j: number,
  p: number,
): void {
  const base = i * m
  if (!(p < pri[base])) return
  for (let s = base; s < base + m; s++) if (idx[s] === j) return
  let pos = 0
  for (;;) {
    const l = 2 * pos + 1
    if (l >= m) break
    const r = l + 1
    const c = r < m && pri[base + r] > pri[base + l] ? r : l
    if (pri[base + c] <= p) break
    pri[base + pos] = pri[base + c]
    idx[base + pos] = idx[base + c]
    pos = c
  }
  pri[base + pos] = p
  idx[base + pos] = j
}
