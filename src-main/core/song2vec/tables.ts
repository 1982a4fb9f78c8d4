// The lookup tables word2vec samples from: negatives (unigram^exponent), subsampling, sigmoid.

/** The cumulative table's scale: a uniform 31-bit point picks the first row whose entry exceeds it. */
export const CUM_TOTAL = 2 ** 31

/**
 * gensim's cum_table: `cum[i]` = round(2^31 · Σ_{j≤i} count_j^exponent / Σ_j count_j^exponent), so
 * row i is drawn with probability (cum[i] − cum[i−1]) / 2^31. Rows with count 0 are never drawn.
 */
export function cumulativeTable(counts: Uint32Array, exponent: number): Uint32Array {
  const weights = new Float64Array(counts.length)
  let total = 0
  for (let i = 0; i < counts.length; i++) {
    weights[i] = counts[i] > 0 ? Math.pow(counts[i], exponent) : 0
    total += weights[i]
  }
  if (!(total > 0) || !Number.isFinite(total)) {
    throw new Error('Cannot build the negative-sampling table: no song has a positive count')
  }
  const cum = new Uint32Array(counts.length)
  let acc = 0
  for (let i = 0; i < counts.length; i++) {
    acc += weights[i]
    cum[i] = Math.round((acc / total) * CUM_TOTAL)
  }
  // Rounding must not leave the last drawable row short of the end (a draw past it would run off).
  let last = counts.length - 1
  while (weights[last] === 0) last--
  cum.fill(CUM_TOTAL, last)
  return cum
}

/** Bits of the guide table for `rows` rows: about two buckets per row, so a lookup scans ~1 entry. */
export function guideBits(rows: number): number {
  return Math.min(24, Math.max(1, Math.ceil(Math.log2(Math.max(1, rows))) + 1))
}

/**
 * Guide (index) table over `cum`: bucket b = points [b·2^(31−bits), (b+1)·2^(31−bits)) starts its
 * search at the first row whose entry exceeds the bucket's first point. Draws stay exactly those of
 * a binary search over `cum`; only faster.
 */
export function guideTable(cum: Uint32Array, bits: number): Uint32Array {
  const size = 2 ** bits
  const width = CUM_TOTAL / size
  const guide = new Uint32Array(size)
  let row = 0
  for (let b = 0; b < size; b++) {
    const start = b * width
    while (cum[row] <= start) row++
    guide[b] = row
  }
  return guide
}

/**
 * gensim's subsampling: a song seen v times is kept with probability
 * min(1, (√(v/t) + 1) · t/v) where t = sample × total occurrences (or ⌊sample·(3+√5)/2⌋ when
 * sample ≥ 1), stored as a 32-bit threshold (keep when a uniform 32-bit draw ≤ it).
 */
export function subsampleThresholds(counts: Uint32Array, sample: number): Uint32Array {
  const out = new Uint32Array(counts.length).fill(0xffffffff)
  if (sample <= 0) return out
  let total = 0
  for (const c of counts) total += c
  const t = sample < 1 ? sample * total : Math.floor((sample * (3 + Math.sqrt(5))) / 2)
  for (let i = 0; i < counts.length; i++) {
    const v = counts[i]
    if (v === 0) continue
    const p = (Math.sqrt(v / t) + 1) * (t / v)
    if (p < 1) out[i] = Math.round(p * 0xffffffff)
  }
  return out
}

/** Keep probability behind a threshold from `subsampleThresholds`. */
export function keepProbability(threshold: number): number {
  return (threshold + 1) / 2 ** 32
}

/** Size and range of the tabulated sigmoid (the C tool's EXP_TABLE_SIZE and MAX_EXP). */
export const EXP_TABLE_SIZE = 1024
export const MAX_EXP = 6

/** σ(x) at the midpoint of each of the table's cells over [−MAX_EXP, MAX_EXP). */
export function sigmoidTable(): Float32Array {
  return tabulate((x) => 1 / (1 + Math.exp(-x)))
}

/** −log σ(x) = log(1 + e^−x), the loss of a positive example scored x, on the same grid. */
export function softplusTable(): Float32Array {
  return tabulate((x) => Math.log1p(Math.exp(-x)))
}

function tabulate(f: (x: number) => number): Float32Array {
  const out = new Float32Array(EXP_TABLE_SIZE)
  for (let i = 0; i < EXP_TABLE_SIZE; i++) {
    out[i] = f((((i + 0.5) / EXP_TABLE_SIZE) * 2 - 1) * MAX_EXP)
  }
  return out
}
