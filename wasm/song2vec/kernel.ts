// Song2Vec's inner loop (word2vec CBOW / skip-gram, negative sampling) in WebAssembly SIMD over shared memory.

// One instance per training thread, all importing the same shared memory (Hogwild): the weights,
// tables and corpus live there at offsets chosen by the host (src-main/core/song2vec/layout.ts);
// each instance has its own scratch area, random state and loss accumulators (module globals).
// Nothing here allocates: every buffer is a raw pointer handed over by `configure`.
//
// The arithmetic is word2vec's (gensim's fast_sentence_*_neg). Training is bound by memory — every
// example reads negative+1 random output rows — so the scores of all targets are taken in one
// pass that requests a cache line of every row at once, overlapping their trips from memory.

/** The sigmoid is tabulated over [-MAX_EXP, MAX_EXP) as in the original C tool. */
const MAX_EXP: f32 = 6.0
const EXP_TABLE_SIZE: i32 = 1024
const EXP_SCALE: f32 = <f32>EXP_TABLE_SIZE / MAX_EXP / 2.0

// ---- configuration (per instance) ----
let syn0: usize = 0
let syn1: usize = 0
let dim: i32 = 0
let rowBytes: usize = 0
let cumTable: usize = 0
let guideTable: usize = 0
let guideShift: u32 = 0
let sampleInt: usize = 0
let subsample: bool = false
let sigTable: usize = 0
let softplusTable: usize = 0
let negative: i32 = 0
let window: i32 = 0
let skipGram: bool = false
// ---- scratch (per instance) ----
let neu1: usize = 0
let work: usize = 0
let sentence: usize = 0
let contextRows: usize = 0
/** The current example's target rows (the positive first) and, per target, work space. */
let targets: usize = 0
let rowPtrs: usize = 0
let partials: usize = 0
let dots: usize = 0
/** Per target: 1 when the same row is already earlier in the list. */
let repeats: usize = 0
/** Per vocabulary row: the serial of the last target list it joined (spots repeats in O(1)). */
let stamps: usize = 0
let serial: u32 = 0
/** Whether the current target list has a repeated row. */
let hasRepeat: bool = false
// ---- state (per instance) ----
let rng: u64 = 0
let lossSum: f64 = 0
let lossCount: f64 = 0

/**
 * Points this instance at the shared weights/tables and at its own scratch buffers (16-byte
 * aligned): neu1 and work (dim f32 each), targets (40 bytes per target + 64), context
 * (2·window u32), sentence (longest playlist u32), stamps (one u32 per vocabulary row).
 */
export function configure(
  syn0Ptr: usize,
  syn1Ptr: usize,
  dimension: i32,
  cumPtr: usize,
  guidePtr: usize,
  guideBits: u32,
  sampleIntPtr: usize,
  useSubsampling: i32,
  sigPtr: usize,
  softplusPtr: usize,
  negatives: i32,
  windowSize: i32,
  sg: i32,
  neu1Ptr: usize,
  workPtr: usize,
  targetsPtr: usize,
  contextPtr: usize,
  sentencePtr: usize,
  stampsPtr: usize,
): void {
  syn0 = syn0Ptr
  syn1 = syn1Ptr
  dim = dimension
  rowBytes = (<usize>dimension) << 2
  cumTable = cumPtr
  guideTable = guidePtr
  guideShift = 31 - guideBits
  sampleInt = sampleIntPtr
  subsample = useSubsampling != 0
  sigTable = sigPtr
  softplusTable = softplusPtr
  negative = negatives
  window = windowSize
  skipGram = sg != 0
  neu1 = neu1Ptr
  work = workPtr
  targets = targetsPtr
  const listBytes = (((<usize>(negatives + 1)) << 2) + 15) & ~(<usize>15)
  rowPtrs = targetsPtr + listBytes
  partials = rowPtrs + listBytes
  dots = partials + ((<usize>(negatives + 1)) << 4)
  repeats = dots + listBytes
  stamps = stampsPtr
  contextRows = contextPtr
  sentence = sentencePtr
}

export function seedRandom(hi: u32, lo: u32): void {
  rng = (((<u64>hi) << 32) | (<u64>lo)) & 0xffffffffffff
}

export function getLossSum(): f64 {
  return lossSum
}

export function getLossCount(): f64 {
  return lossCount
}

export function resetLoss(): void {
  lossSum = 0
  lossCount = 0
}

/** The C tool's / gensim's 48-bit linear congruential generator; returns its top 32 bits. */
function nextRandom(): u32 {
  rng = (rng * 25214903917 + 11) & 0xffffffffffff
  return <u32>(rng >> 16)
}

/** A draw from unigram^exponent: first row whose cumulative weight exceeds a uniform point. */
function drawNegative(): u32 {
  const x = nextRandom() >> 1
  let i = load<u32>(guideTable + ((<usize>(x >> guideShift)) << 2))
  while (load<u32>(cumTable + ((<usize>i) << 2)) <= x) i++
  return i
}

function sigmoid(f: f32): f32 {
  if (f >= MAX_EXP) return 1
  if (f <= -MAX_EXP) return 0
  return load<f32>(sigTable + ((<usize>(<i32>((f + MAX_EXP) * EXP_SCALE))) << 2))
}

/** log(1 + e^-f) = -log σ(f): the loss of one example scored f that should be positive. */
function softplusNeg(f: f32): f64 {
  if (f >= MAX_EXP) return 0
  if (f <= -MAX_EXP) return <f64>-f
  return <f64>load<f32>(softplusTable + ((<usize>(<i32>((f + MAX_EXP) * EXP_SCALE))) << 2))
}

function hsum(v: v128): f32 {
  return (
    f32x4.extract_lane(v, 0) +
    f32x4.extract_lane(v, 1) +
    (f32x4.extract_lane(v, 2) + f32x4.extract_lane(v, 3))
  )
}

/** a·b + c, fused when the build has relaxed SIMD (one rounding instead of two). */
function madd(a: v128, b: v128, c: v128): v128 {
  if (ASC_FEATURE_RELAXED_SIMD) return f32x4.relaxed_madd(a, b, c)
  return f32x4.add(f32x4.mul(a, b), c)
}

function fmadd(a: f32, b: f32, c: f32): f32 {
  return a * b + c
}

function dot(a: usize, b: usize): f32 {
  let a0 = f32x4.splat(0)
  let a1 = f32x4.splat(0)
  let a2 = f32x4.splat(0)
  let a3 = f32x4.splat(0)
  const end = (<usize>(dim & ~15)) << 2
  let o: usize = 0
  while (o < end) {
    a0 = madd(v128.load(a + o), v128.load(b + o), a0)
    a1 = madd(v128.load(a + o, 16), v128.load(b + o, 16), a1)
    a2 = madd(v128.load(a + o, 32), v128.load(b + o, 32), a2)
    a3 = madd(v128.load(a + o, 48), v128.load(b + o, 48), a3)
    o += 64
  }
  let s = hsum(f32x4.add(f32x4.add(a0, a1), f32x4.add(a2, a3)))
  const bytes = (<usize>dim) << 2
  while (o < bytes) {
    s = fmadd(load<f32>(a + o), load<f32>(b + o), s)
    o += 4
  }
  return s
}

/** The gradient step of the first (positive) output row: w = g·row, then row += g·l1. */
function stepFirst(l1: usize, row: usize, w: usize, g: f32): void {
  const gv = f32x4.splat(g)
  const end = (<usize>(dim & ~15)) << 2
  let o: usize = 0
  while (o < end) {
    const r0 = v128.load(row + o)
    const r1 = v128.load(row + o, 16)
    const r2 = v128.load(row + o, 32)
    const r3 = v128.load(row + o, 48)
    v128.store(w + o, f32x4.mul(gv, r0))
    v128.store(w + o, f32x4.mul(gv, r1), 16)
    v128.store(w + o, f32x4.mul(gv, r2), 32)
    v128.store(w + o, f32x4.mul(gv, r3), 48)
    v128.store(row + o, madd(gv, v128.load(l1 + o), r0))
    v128.store(row + o, madd(gv, v128.load(l1 + o, 16), r1), 16)
    v128.store(row + o, madd(gv, v128.load(l1 + o, 32), r2), 32)
    v128.store(row + o, madd(gv, v128.load(l1 + o, 48), r3), 48)
    o += 64
  }
  const bytes = (<usize>dim) << 2
  while (o < bytes) {
    const r = load<f32>(row + o)
    store<f32>(w + o, g * r)
    store<f32>(row + o, fmadd(g, load<f32>(l1 + o), r))
    o += 4
  }
}

/** The gradient step of a further output row: w += g·row, then row += g·l1. */
function stepNext(l1: usize, row: usize, w: usize, g: f32): void {
  const gv = f32x4.splat(g)
  const end = (<usize>(dim & ~15)) << 2
  let o: usize = 0
  while (o < end) {
    const r0 = v128.load(row + o)
    const r1 = v128.load(row + o, 16)
    const r2 = v128.load(row + o, 32)
    const r3 = v128.load(row + o, 48)
    v128.store(w + o, madd(gv, r0, v128.load(w + o)))
    v128.store(w + o, madd(gv, r1, v128.load(w + o, 16)), 16)
    v128.store(w + o, madd(gv, r2, v128.load(w + o, 32)), 32)
    v128.store(w + o, madd(gv, r3, v128.load(w + o, 48)), 48)
    v128.store(row + o, madd(gv, v128.load(l1 + o), r0))
    v128.store(row + o, madd(gv, v128.load(l1 + o, 16), r1), 16)
    v128.store(row + o, madd(gv, v128.load(l1 + o, 32), r2), 32)
    v128.store(row + o, madd(gv, v128.load(l1 + o, 48), r3), 48)
    o += 64
  }
  const bytes = (<usize>dim) << 2
  while (o < bytes) {
    const r = load<f32>(row + o)
    store<f32>(w + o, fmadd(g, r, load<f32>(w + o)))
    store<f32>(row + o, fmadd(g, load<f32>(l1 + o), r))
    o += 4
  }
}

/**
 * scores[k] = l1·row(list[k]) for every target at once, a cache line of every row per pass: all
 * their first lines are requested together, so the trips to memory overlap.
 */
function scoreAll(l1: usize, list: usize, count: i32): void {
  const base = syn1
  const stride = rowBytes
  const ptrs = rowPtrs
  const acc = partials
  const zero = f32x4.splat(0)
  for (let k = 0; k < count; k++) {
    store<u32>(
      ptrs + ((<usize>k) << 2),
      <u32>(base + <usize>load<u32>(list + ((<usize>k) << 2)) * stride),
    )
    v128.store(acc + ((<usize>k) << 4), zero)
  }
  const ptrsEnd = ptrs + ((<usize>count) << 2)
  const end = (<usize>(dim & ~15)) << 2
  let o: usize = 0
  while (o < end) {
    const x0 = v128.load(l1 + o)
    const x1 = v128.load(l1 + o, 16)
    const x2 = v128.load(l1 + o, 32)
    const x3 = v128.load(l1 + o, 48)
    let a = acc
    for (let p = ptrs; p < ptrsEnd; p += 4) {
      const r = <usize>load<u32>(p) + o
      const s0 = madd(x0, v128.load(r), v128.load(a))
      const s1 = madd(x1, v128.load(r, 16), f32x4.mul(x2, v128.load(r, 32)))
      v128.store(a, f32x4.add(madd(x3, v128.load(r, 48), s0), s1))
      a += 16
    }
    o += 64
  }
  const bytes = (<usize>dim) << 2
  for (let k = 0; k < count; k++) {
    const r = <usize>load<u32>(ptrs + ((<usize>k) << 2))
    let s = hsum(v128.load(acc + ((<usize>k) << 4)))
    for (let t = o; t < bytes; t += 4) s = fmadd(load<f32>(l1 + t), load<f32>(r + t), s)
    store<f32>(dots + ((<usize>k) << 2), s)
  }
}

/**
 * The gradient steps of all `count` distinct target rows (pointers in `rowPtrs`, gains in
 * `partials`) in one pass over the dimensions: work = Σ g·row (in target order, as the one-at-a-time
 * loop sums it) and row += g·l1, with l1's and work's slices held in registers.
 */
function updateAll(l1: usize, count: i32): void {
  const w = work
  const ptrs = rowPtrs
  const ptrsEnd = ptrs + ((<usize>count) << 2)
  const gains = partials
  const end = (<usize>(dim & ~15)) << 2
  let o: usize = 0
  while (o < end) {
    const x0 = v128.load(l1 + o)
    const x1 = v128.load(l1 + o, 16)
    const x2 = v128.load(l1 + o, 32)
    const x3 = v128.load(l1 + o, 48)
    let e0 = f32x4.splat(0)
    let e1 = f32x4.splat(0)
    let e2 = f32x4.splat(0)
    let e3 = f32x4.splat(0)
    let gp = gains
    for (let p = ptrs; p < ptrsEnd; p += 4) {
      const r = <usize>load<u32>(p) + o
      const g = v128.load32_splat(gp)
      const r0 = v128.load(r)
      const r1 = v128.load(r, 16)
      const r2 = v128.load(r, 32)
      const r3 = v128.load(r, 48)
      e0 = madd(g, r0, e0)
      e1 = madd(g, r1, e1)
      e2 = madd(g, r2, e2)
      e3 = madd(g, r3, e3)
      v128.store(r, madd(g, x0, r0))
      v128.store(r, madd(g, x1, r1), 16)
      v128.store(r, madd(g, x2, r2), 32)
      v128.store(r, madd(g, x3, r3), 48)
      gp += 4
    }
    v128.store(w + o, e0)
    v128.store(w + o, e1, 16)
    v128.store(w + o, e2, 32)
    v128.store(w + o, e3, 48)
    o += 64
  }
  const bytes = (<usize>dim) << 2
  while (o < bytes) {
    const x = load<f32>(l1 + o)
    let e: f32 = 0
    let gp = gains
    for (let p = ptrs; p < ptrsEnd; p += 4) {
      const r = <usize>load<u32>(p) + o
      const g = load<f32>(gp)
      const v = load<f32>(r)
      e = fmadd(g, v, e)
      store<f32>(r, fmadd(g, x, v))
      gp += 4
    }
    store<f32>(w + o, e)
    o += 4
  }
}

/**
 * Negative-sampling step for the hidden vector at `l1` against the `count` rows in `targets` (the
 * first is the positive): leaves the hidden vector's error in `work`, updates the output rows,
 * adds the loss. Same result as word2vec's one-target-at-a-time loop: the output rows change only
 * at their own step and l1 not at all, so every score can be taken up front (`scoreAll`) — except
 * a repeated target's, re-scored when its turn comes because its row has moved since.
 */
function negativeSampling(l1: usize, count: i32, alpha: f32): void {
  const w = work
  const base = syn1
  const stride = rowBytes
  const list = targets
  const scores = dots
  scoreAll(l1, list, count)
  let loss: f64 = 0
  if (!hasRepeat) {
    // Every row distinct: each step's gain is known now, so all rows are updated in one pass.
    const gains = partials
    for (let k = 0; k < count; k++) {
      const f = load<f32>(scores + ((<usize>k) << 2))
      const positive = k == 0
      store<f32>(gains + ((<usize>k) << 2), ((positive ? <f32>1 : <f32>0) - sigmoid(f)) * alpha)
      loss += softplusNeg(positive ? f : -f)
    }
    updateAll(l1, count)
    lossSum += loss
    lossCount += 1
    return
  }
  for (let k = 0; k < count; k++) {
    const t = load<u32>(list + ((<usize>k) << 2))
    const row = base + <usize>t * stride
    let f = load<f32>(scores + ((<usize>k) << 2))
    if (load<u32>(repeats + ((<usize>k) << 2))) f = dot(l1, row)
    const positive = k == 0
    const g = ((positive ? <f32>1 : <f32>0) - sigmoid(f)) * alpha
    loss += softplusNeg(positive ? f : -f)
    if (positive) stepFirst(l1, row, w, g)
    else stepNext(l1, row, w, g)
  }
  lossSum += loss
  lossCount += 1
}

/** Starts a target list with the positive `word`. */
function startTargets(word: u32): void {
  serial++
  store<u32>(stamps + ((<usize>word) << 2), serial)
  store<u32>(targets, word)
  store<u32>(repeats, 0)
  hasRepeat = false
}

/** Appends target `t` as entry `k`, noting whether its row is already in the list. */
function addTarget(t: u32, k: i32): void {
  const stamp = stamps + ((<usize>t) << 2)
  const repeated = load<u32>(stamp) == serial
  hasRepeat = hasRepeat || repeated
  store<u32>(repeats + ((<usize>k) << 2), repeated ? 1 : 0)
  store<u32>(stamp, serial)
  store<u32>(targets + ((<usize>k) << 2), t)
}

/** Fills `targets` with the positive `word` then up to `negative` draws ≠ word; returns the count. */
function drawTargets(word: u32): i32 {
  startTargets(word)
  let count = 1
  for (let d = 0; d < negative; d++) {
    const t = drawNegative()
    if (t == word) continue
    addTarget(t, count)
    count++
  }
  return count
}

/** The positive `word` and the `count` negatives listed at `negatives` (test hooks). */
function givenTargets(word: u32, negatives: usize, count: i32): i32 {
  startTargets(word)
  for (let k = 0; k < count; k++) addTarget(load<u32>(negatives + ((<usize>k) << 2)), k + 1)
  return count + 1
}

/** row += work. */
function addWork(row: usize, w: usize): void {
  const end = (<usize>(dim & ~7)) << 2
  let o: usize = 0
  while (o < end) {
    v128.store(row + o, f32x4.add(v128.load(row + o), v128.load(w + o)))
    v128.store(row + o, f32x4.add(v128.load(row + o, 16), v128.load(w + o, 16)), 16)
    o += 32
  }
  const bytes = (<usize>dim) << 2
  while (o < bytes) {
    store<f32>(row + o, load<f32>(row + o) + load<f32>(w + o))
    o += 4
  }
}

/** neu1 = mean of the `count` input rows listed in `contextRows`. */
function meanContext(count: i32): void {
  const out = neu1
  const inv = f32x4.splat(<f32>1 / <f32>count)
  const rows = contextRows
  const rowsEnd = rows + ((<usize>count) << 2)
  const end = (<usize>(dim & ~15)) << 2
  let o: usize = 0
  while (o < end) {
    let a0 = f32x4.splat(0)
    let a1 = f32x4.splat(0)
    let a2 = f32x4.splat(0)
    let a3 = f32x4.splat(0)
    for (let p = rows; p < rowsEnd; p += 4) {
      const r = <usize>load<u32>(p) + o
      a0 = f32x4.add(a0, v128.load(r))
      a1 = f32x4.add(a1, v128.load(r, 16))
      a2 = f32x4.add(a2, v128.load(r, 32))
      a3 = f32x4.add(a3, v128.load(r, 48))
    }
    v128.store(out + o, f32x4.mul(a0, inv))
    v128.store(out + o, f32x4.mul(a1, inv), 16)
    v128.store(out + o, f32x4.mul(a2, inv), 32)
    v128.store(out + o, f32x4.mul(a3, inv), 48)
    o += 64
  }
  const invS = <f32>1 / <f32>count
  const bytes = (<usize>dim) << 2
  while (o < bytes) {
    let s: f32 = 0
    for (let p = rows; p < rowsEnd; p += 4) s += load<f32>(<usize>load<u32>(p) + o)
    store<f32>(out + o, s * invS)
    o += 4
  }
}

/**
 * One CBOW example: the mean of the context rows predicts `word`. gensim's cbow_mean=1 rule: the
 * hidden error is added unscaled to every context row.
 */
function cbowStep(word: u32, contextCount: i32, alpha: f32): void {
  meanContext(contextCount)
  negativeSampling(neu1, drawTargets(word), alpha)
  const rowsEnd = contextRows + ((<usize>contextCount) << 2)
  const w = work
  for (let p = contextRows; p < rowsEnd; p += 4) addWork(<usize>load<u32>(p), w)
}

/** One skip-gram example: the input row of `contextWord` predicts `word` (gensim's pairing). */
function sgStep(word: u32, contextWord: u32, alpha: f32): void {
  const l1 = syn0 + <usize>contextWord * rowBytes
  negativeSampling(l1, drawTargets(word), alpha)
  addWork(l1, work)
}

/** Trains on the `n` (already subsampled) words at `sentence`. */
function trainSentence(n: i32, alpha: f32): void {
  for (let i = 0; i < n; i++) {
    const b = <i32>((<u64>nextRandom() * <u64>window) >> 32)
    const lo = max(0, i - window + b)
    const hi = min(n, i + window + 1 - b)
    const word = load<u32>(sentence + ((<usize>i) << 2))
    if (skipGram) {
      for (let j = lo; j < hi; j++) {
        if (j == i) continue
        sgStep(word, load<u32>(sentence + ((<usize>j) << 2)), alpha)
      }
    } else {
      let count = 0
      for (let j = lo; j < hi; j++) {
        if (j == i) continue
        const row = syn0 + <usize>load<u32>(sentence + ((<usize>j) << 2)) * rowBytes
        store<u32>(contextRows + ((<usize>count) << 2), <u32>row)
        count++
      }
      if (count > 0) cbowStep(word, count, alpha)
    }
  }
}

/**
 * Trains on playlists `first`..`last`-1 of the corpus (`words` = all playlists' rows end to end,
 * `offsets[p]`..`offsets[p+1]` = playlist p) at learning rate `alpha`, subsampling frequent songs.
 */
export function trainPlaylists(
  words: usize,
  offsets: usize,
  first: i32,
  last: i32,
  alpha: f32,
): void {
  for (let p = first; p < last; p++) {
    const from = load<u32>(offsets + ((<usize>p) << 2))
    const to = load<u32>(offsets + ((<usize>(p + 1)) << 2))
    let n = 0
    for (let k = from; k < to; k++) {
      const w = load<u32>(words + ((<usize>k) << 2))
      if (subsample && load<u32>(sampleInt + ((<usize>w) << 2)) < nextRandom()) continue
      store<u32>(sentence + ((<usize>n) << 2), w)
      n++
    }
    if (n > 1) trainSentence(n, alpha)
  }
}

/**
 * Test hook: one CBOW update of `word` from the `contextCount` input rows listed (as row indexes)
 * at `context`, against the negatives listed at `negatives`, exactly as training applies it.
 */
export function cbowUpdate(
  word: u32,
  context: usize,
  contextCount: i32,
  negatives: usize,
  negativeCount: i32,
  alpha: f32,
): void {
  for (let k = 0; k < contextCount; k++) {
    const row = syn0 + <usize>load<u32>(context + ((<usize>k) << 2)) * rowBytes
    store<u32>(contextRows + ((<usize>k) << 2), <u32>row)
  }
  meanContext(contextCount)
  negativeSampling(neu1, givenTargets(word, negatives, negativeCount), alpha)
  for (let k = 0; k < contextCount; k++)
    addWork(<usize>load<u32>(contextRows + ((<usize>k) << 2)), work)
}

/** Test hook: one skip-gram update (input row `contextWord` predicts `word`) with given negatives. */
export function sgUpdate(
  word: u32,
  contextWord: u32,
  negatives: usize,
  negativeCount: i32,
  alpha: f32,
): void {
  const l1 = syn0 + <usize>contextWord * rowBytes
  negativeSampling(l1, givenTargets(word, negatives, negativeCount), alpha)
  addWork(l1, work)
}

/** Test hook: `count` negative draws written to `out` (checks the sampling distribution). */
export function drawNegatives(out: usize, count: i32): void {
  for (let k = 0; k < count; k++) store<u32>(out + ((<usize>k) << 2), drawNegative())
}

/** Test hook: how many of `count` occurrences of `word` subsampling keeps. */
export function countKept(word: u32, count: i32): i32 {
  let kept = 0
  for (let k = 0; k < count; k++)
    if (load<u32>(sampleInt + ((<usize>word) << 2)) >= nextRandom()) kept++
  return kept
}
