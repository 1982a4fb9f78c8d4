// UMAP's fuzzy neighbour graph: per-row smooth kNN weights, symmetrised by fuzzy union.
import type { KnnHeaps } from './knn-heaps'

/** Undirected weighted edges, listed in both directions (as UMAP's symmetric matrix). */
export interface FuzzyGraph {
  head: Int32Array
  tail: Int32Array
  /** Membership strength in (0, 1]. */
  weight: Float32Array
}

const SMOOTH_ITERS = 64
const MIN_SCALE = 1e-3

/**
 * For each row i with sorted neighbour distances d₁ ≤ … ≤ d_k: ρᵢ = the nearest positive distance,
 * σᵢ found by bisection so that Σ exp(−max(0, d − ρᵢ)/σᵢ) = log₂ k, weights w = exp(−max(0, d − ρᵢ)/σᵢ).
 * Then w(i,j) ⊕ w(j,i) = a + b − ab makes the graph undirected (McInnes et al., UMAP §3).
 */
export function fuzzyGraph(knn: KnnHeaps): FuzzyGraph {
  const { n, k, index, dist } = knn
  const directed = new Float32Array(n * k)
  const target = Math.log2(k)
  let meanAll = 0
  for (let s = 0; s < n * k; s++) meanAll += dist[s]
  meanAll /= n * k
  for (let i = 0; i < n; i++) {
    const base = i * k
    let rho = 0
    let mean = 0
    for (let s = base; s < base + k; s++) {
      mean += dist[s]
      if (rho === 0 && dist[s] > 0) rho = dist[s]
    }
    mean /= k
    let lo = 0
    let hi = Infinity
    let sigma = 1
    for (let it = 0; it < SMOOTH_ITERS; it++) {
      let sum = 0
      for (let s = base; s < base + k; s++) {
        const d = dist[s] - rho
        sum += d > 0 ? Math.exp(-d / sigma) : 1
      }
      if (Math.abs(sum - target) < 1e-5) break
      if (sum > target) {
        hi = sigma
        sigma = (lo + hi) / 2
      } else {
        lo = sigma
        sigma = hi === Infinity ? sigma * 2 : (lo + hi) / 2
      }
    }
    sigma = Math.max(sigma, MIN_SCALE * (rho > 0 ? mean : meanAll))
    for (let s = base; s < base + k; s++) {
      const d = dist[s] - rho
      directed[s] = d > 0 ? Math.exp(-d / sigma) : 1
    }
  }
  const head: number[] = []
  const tail: number[] = []
  const weight: number[] = []
  for (let i = 0; i < n; i++) {
    for (let s = i * k; s < i * k + k; s++) {
      const j = index[s]
      if (j < 0) continue
      const back = find(index, j * k, k, i)
      // Each undirected pair once: from the smaller row, or from i when j does not list i.
      if (back >= 0 && j < i) continue
      const a = directed[s]
      const b = back >= 0 ? directed[back] : 0
      const w = a + b - a * b
      if (!(w > 0)) continue
      head.push(i, j)
      tail.push(j, i)
      weight.push(w, w)
    }
  }
  return {
    head: Int32Array.from(head),
    tail: Int32Array.from(tail),
    weight: Float32Array.from(weight),
  }
}

function find(index: Int32Array, base: number, k: number, value: number): number {
  for (let s = base; s < base + k; s++) if (index[s] === value) return s
  return -1
}
