// Picks the k best-scored songs without sorting the whole catalogue: a bounded heap over the candidates.

/** A ranked answer: song ids best first, with their scores (same length). */
export interface Ranked {
  /** Song ids, best first. */
  ids: number[]
  /** Score of each id. */
  scores: number[]
}

/** Options of {@link topK}. */
export interface TopKOptions {
  /** Only these ids are considered (default: every index of `scores`). */
  candidates?: ArrayLike<number>
  /** Number of leading entries of `candidates` to use (default: all of them). */
  candidateCount?: number
  /** Ids never returned. */
  exclude?: ReadonlySet<number>
  /** Breaks ties of equal score: higher first. Remaining ties go to the lower id. */
  tieBreak?: ArrayLike<number>
  /** Candidates scoring at or below this are skipped (default: none skipped). */
  minScore?: number
}

/**
 * The `k` highest `scores[id]`, best first. Ties go to the higher `tieBreak[id]`, then to the lower
 * id, so the answer is deterministic. O(candidates · log k).
 */
export function topK(scores: ArrayLike<number>, k: number, options: TopKOptions = {}): Ranked {
  const { candidates, exclude, tieBreak, minScore } = options
  const count = candidates ? (options.candidateCount ?? candidates.length) : scores.length
  const heap = new Int32Array(Math.max(0, k))
  let size = 0
  // `better(a, b)`: does a rank above b?
  const better = (a: number, b: number): boolean => {
    const sa = scores[a]
    const sb = scores[b]
    if (sa !== sb) return sa > sb
    if (tieBreak) {
      const ta = tieBreak[a]
      const tb = tieBreak[b]
      if (ta !== tb) return ta > tb
    }
    return a < b
  }
  // Min-heap on rank: heap[0] is the worst of the kept ones.
  const siftDown = (start: number): void => {
    let i = start
    for (;;) {
      const l = 2 * i + 1
      if (l >= size) return
      const r = l + 1
      let worst = l
      if (r < size && better(heap[l], heap[r])) worst = r
      if (!better(heap[i], heap[worst])) return
      const t = heap[i]
      heap[i] = heap[worst]
      heap[worst] = t
      i = worst
    }
  }
  const siftUp = (start: number): void => {
    let i = start
    while (i > 0) {
      const p = (i - 1) >> 1
      if (!better(heap[p], heap[i])) return
      const t = heap[i]
      heap[i] = heap[p]
      heap[p] = t
      i = p
    }
  }
  if (k > 0) {
    // Once the heap is full, most candidates score below its worst: one comparison skips them.
    let floor = -Infinity
    for (let j = 0; j < count; j++) {
      const id = candidates ? candidates[j] : j
      const score = scores[id]
      if (score < floor) continue
      if (minScore !== undefined && !(score > minScore)) continue
      if (exclude && exclude.has(id)) continue
      if (size < k) {
        heap[size++] = id
        siftUp(size - 1)
        if (size === k) floor = scores[heap[0]]
      } else if (better(id, heap[0])) {
        heap[0] = id
        siftDown(0)
        floor = scores[heap[0]]
      }
    }
  }
  const ids = new Array<number>(size)
  for (let i = size - 1; i >= 0; i--) {
    ids[i] = heap[0]
    heap[0] = heap[i]
    size = i
    siftDown(0)
  }
  return { ids, scores: ids.map((id) => scores[id]) }
}
