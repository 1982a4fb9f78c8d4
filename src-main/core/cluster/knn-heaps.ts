// Fixed-size neighbour lists (one max-heap per row) that the exact and approximate kNN searches fill.

/** For each of `n` rows, its `k` nearest rows found so far (heap order, farthest at the root). */
export interface KnnHeaps {
  n: number
  k: number
  /** Neighbour row, `n × k`; -1 while a slot is empty. */
  index: Int32Array
  /** Distance to that neighbour (cosine distance, 1 − cos), `n × k`; Infinity while empty. */
  dist: Float32Array
  /** 1 while the neighbour is new (not yet used by a descent round). */
  fresh: Uint8Array
}

export function createHeaps(n: number, k: number): KnnHeaps {
  return {
    n,
    k,
    index: new Int32Array(n * k).fill(-1),
    dist: new Float32Array(n * k).fill(Infinity),
    fresh: new Uint8Array(n * k),
  }
}

/** Offers `j` at distance `d` to row `i`'s list; returns 1 if it was taken, else 0. */
export function pushHeap(h: KnnHeaps, i: number, j: number, d: number): number {
  const { index, dist, fresh, k } = h
  const base = i * k
  if (!(d < dist[base])) return 0
  for (let s = base; s < base + k; s++) if (index[s] === j) return 0
  // Replace the root (the farthest) and sift down.
  let pos = 0
  for (;;) {
    const l = 2 * pos + 1
    if (l >= k) break
    const r = l + 1
    const c = r < k && dist[base + r] > dist[base + l] ? r : l
    if (dist[base + c] <= d) break
    dist[base + pos] = dist[base + c]
    index[base + pos] = index[base + c]
    fresh[base + pos] = fresh[base + c]
    pos = c
  }
  dist[base + pos] = d
  index[base + pos] = j
  fresh[base + pos] = 1
  return 1
}

/** Sorts every row's list by ascending distance, in place (ties by row index). */
export function sortHeaps(h: KnnHeaps): void {
  const { index, dist, k, n } = h
  const order = Array.from({ length: k }, (_, s) => s)
  const idx = new Int32Array(k)
  const dst = new Float32Array(k)
  for (let i = 0; i < n; i++) {
    const base = i * k
    order.sort((a, b) => dist[base + a] - dist[base + b] || index[base + a] - index[base + b])
    for (let s = 0; s < k; s++) {
      idx[s] = index[base + order[s]]
      dst[s] = dist[base + order[s]]
    }
    index.set(idx, base)
    dist.set(dst, base)
    for (let s = 0; s < k; s++) order[s] = s
  }
}
