// Windowed co-occurrence of songs in playlists, as compressed sparse rows: the evidence of "played near".

/** Options of {@link buildCooc}. */
export interface CoocOptions {
  /** Songs closer than this many positions apart (1..window) co-occur. */
  window: number
  /**
   * Weight of a pair `d` positions apart is `1 / d^distancePower`: 0 counts every pair in the
   * window alike (the anchor's item kNN), 1 weighs neighbours by closeness.
   */
  distancePower: number
  /** Called now and then with the fraction of playlists done. */
  onProgress?: (fraction: number) => void
  /** Aborting rejects with an AbortError. */
  signal?: AbortSignal
}

/** Row `a` lists the songs seen near `a`, ascending, with summed weights and playlist counts. */
export interface CoocMatrix {
  /** Number of songs (rows and columns). */
  size: number
  /** Row `a` occupies `cols/weights/playlists[rowStart[a] .. rowStart[a+1])`. */
  rowStart: Uint32Array
  /** Column (neighbour song) of each entry. */
  cols: Uint32Array
  /** Summed pair weights (see {@link CoocOptions.distancePower}). */
  weights: Float32Array
  /** Number of distinct playlists in which the two songs were within the window of each other. */
  playlists: Uint32Array
  /** The window it was built with. */
  window: number
  /** The distance power it was built with. */
  distancePower: number
}

/** Builds the matrix from playlists of song ids in `0..size-1`. O(pairs) time and memory. */
export function buildCooc(
  playlists: readonly ArrayLike<number>[],
  size: number,
  options: CoocOptions,
): CoocMatrix {
  const { window, distancePower, onProgress, signal } = options
  if (!Number.isInteger(window) || window < 1)
    throw new Error(`Co-occurrence window must be a positive integer, got ${window}`)
  const decay = new Float32Array(window + 1)
  for (let d = 1; d <= window; d++) decay[d] = 1 / Math.pow(d, distancePower)

  // Pass 1: how many pair entries each row receives.
  const rowCount = new Uint32Array(size + 1)
  for (const p of playlists) {
    for (let i = 0; i < p.length; i++) {
      const s = p[i]
      if (!(s >= 0 && s < size))
        throw new Error(`Song id ${s} is outside the catalogue (0..${size - 1})`)
      const lo = Math.max(0, i - window)
      const hi = Math.min(p.length - 1, i + window)
      rowCount[s] += hi - lo
    }
  }
  const bucketStart = new Uint32Array(size + 1)
  for (let a = 0; a < size; a++) bucketStart[a + 1] = bucketStart[a] + rowCount[a]
  const total = bucketStart[size]
  const entryCol = new Uint32Array(total)
  const entryWeight = new Float32Array(total)
  const entryList = new Uint32Array(total)
  const fill = bucketStart.slice(0, size)

  // Pass 2: bucket every pair by its row, remembering which playlist it came from.
  playlists.forEach((p, pl) => {
    for (let i = 0; i < p.length; i++) {
      const lo = Math.max(0, i - window)
      const hi = Math.min(p.length - 1, i + window)
      const s = p[i]
      for (let j = lo; j <= hi; j++) {
        if (j === i) continue
        const at = fill[s]++
        entryCol[at] = p[j]
        entryWeight[at] = decay[Math.abs(j - i)]
        entryList[at] = pl
      }
    }
  })
  signal?.throwIfAborted()

  // Pass 3: per row, sum into a dense scratch row and emit its touched columns in order.
  const sum = new Float64Array(size)
  const count = new Uint32Array(size)
  const lastList = new Int32Array(size).fill(-1)
  const touched: number[] = []
  const rowStart = new Uint32Array(size + 1)
  let cols: Uint32Array = new Uint32Array(Math.max(16, total >> 2))
  let weights = new Float32Array(cols.length)
  let lists: Uint32Array = new Uint32Array(cols.length)
  let nnz = 0
  for (let a = 0; a < size; a++) {
    touched.length = 0
    for (let e = bucketStart[a]; e < bucketStart[a + 1]; e++) {
      const b = entryCol[e]
      if (sum[b] === 0 && count[b] === 0) touched.push(b)
      sum[b] += entryWeight[e]
      if (lastList[b] !== entryList[e]) {
        lastList[b] = entryList[e]
        count[b]++
      }
    }
    touched.sort((x, y) => x - y)
    if (nnz + touched.length > cols.length) {
      const grown = Math.max(cols.length * 2, nnz + touched.length)
      cols = growU32(cols, grown)
      lists = growU32(lists, grown)
      const w = new Float32Array(grown)
      w.set(weights)
      weights = w
    }
    for (const b of touched) {
      cols[nnz] = b
      weights[nnz] = sum[b]
      lists[nnz] = count[b]
      nnz++
      sum[b] = 0
      count[b] = 0
      lastList[b] = -1
    }
    rowStart[a + 1] = nnz
    if ((a & 1023) === 1023) {
      signal?.throwIfAborted()
      onProgress?.(a / size)
    }
  }
  onProgress?.(1)
  return {
    size,
    rowStart,
    cols: cols.slice(0, nnz),
    weights: weights.slice(0, nnz),
    playlists: lists.slice(0, nnz),
    window,
    distancePower,
  }
}

/** Number of distinct playlists in which `a` and `b` were within the window (binary search in row a). */
export function playlistsTogether(m: CoocMatrix, a: number, b: number): number {
  const at = findEntry(m, a, b)
  return at < 0 ? 0 : m.playlists[at]
}

/** Summed pair weight of `a` and `b`. */
export function pairWeight(m: CoocMatrix, a: number, b: number): number {
  const at = findEntry(m, a, b)
  return at < 0 ? 0 : m.weights[at]
}

function findEntry(m: CoocMatrix, a: number, b: number): number {
  if (!(a >= 0 && a < m.size)) return -1
  let lo = m.rowStart[a]
  let hi = m.rowStart[a + 1] - 1
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1
    const c = m.cols[mid]
    if (c === b) return mid
    if (c < b) lo = mid + 1
    else hi = mid - 1
  }
  return -1
}

function growU32(a: Uint32Array, size: number): Uint32Array {
  const out = new Uint32Array(size)
  out.set(a)
  return out
}

/**
 * The same matrix with row `a` divided by (its total weight)^power: 0 keeps raw counts, 1 turns each
 * row into "what is played near a" as a distribution, so a frequent context song does not drown the
 * others. Playlist counts are kept as they are.
 */
export function normalizeRows(m: CoocMatrix, power: number): CoocMatrix {
  if (power === 0) return m
  const weights = new Float32Array(m.weights.length)
  for (let a = 0; a < m.size; a++) {
    let total = 0
    for (let e = m.rowStart[a]; e < m.rowStart[a + 1]; e++) total += m.weights[e]
    const scale = total > 0 ? 1 / Math.pow(total, power) : 0
    for (let e = m.rowStart[a]; e < m.rowStart[a + 1]; e++) weights[e] = m.weights[e] * scale
  }
  return { ...m, weights }
}
