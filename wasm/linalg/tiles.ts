// The hot loops of the dense SPD inverse (src-main/core/linalg/spd-inverse.ts) in WebAssembly SIMD: 4×4 tiles of dot products over float32 rows.

// Every pointer is a byte offset into the shared memory the host imports; rows are float32.
// One instance per thread; nothing here allocates.

let out: usize = 0

/** Where this instance keeps its 16 tile sums (64 bytes the host reserves for it). */
export function configure(scratch: usize): void {
  out = scratch
}

@inline
function madd(a: v128, b: v128, c: v128): v128 {
  if (ASC_FEATURE_RELAXED_SIMD) return f32x4.relaxed_madd(a, b, c)
  return f32x4.add(f32x4.mul(a, b), c)
}

@inline
function hsum(v: v128): f32 {
  return (
    f32x4.extract_lane(v, 0) +
    f32x4.extract_lane(v, 1) +
    (f32x4.extract_lane(v, 2) + f32x4.extract_lane(v, 3))
  )
}

/** out[r*4+s] = Σ_{m<len} x_r[m]·y_s[m] for the four rows x_r = x + r·xs and y_s = y + s·ys (bytes). */
function tile(x: usize, xs: usize, y: usize, ys: usize, len: i32): void {
  const x0 = x
  const x1 = x + xs
  const x2 = x1 + xs
  const x3 = x2 + xs
  const y0 = y
  const y1 = y + ys
  const y2 = y1 + ys
  const y3 = y2 + ys
  let c00 = f32x4.splat(0), c01 = f32x4.splat(0), c02 = f32x4.splat(0), c03 = f32x4.splat(0)
  let c10 = f32x4.splat(0), c11 = f32x4.splat(0), c12 = f32x4.splat(0), c13 = f32x4.splat(0)
  let c20 = f32x4.splat(0), c21 = f32x4.splat(0), c22 = f32x4.splat(0), c23 = f32x4.splat(0)
  let c30 = f32x4.splat(0), c31 = f32x4.splat(0), c32 = f32x4.splat(0), c33 = f32x4.splat(0)
  const vecEnd: usize = (<usize>(len >> 2)) << 4
  for (let o: usize = 0; o < vecEnd; o += 16) {
    const a0 = v128.load(x0 + o)
    const a1 = v128.load(x1 + o)
    const a2 = v128.load(x2 + o)
    const a3 = v128.load(x3 + o)
    const b0 = v128.load(y0 + o)
    const b1 = v128.load(y1 + o)
    const b2 = v128.load(y2 + o)
    const b3 = v128.load(y3 + o)
    c00 = madd(a0, b0, c00); c01 = madd(a0, b1, c01); c02 = madd(a0, b2, c02); c03 = madd(a0, b3, c03)
    c10 = madd(a1, b0, c10); c11 = madd(a1, b1, c11); c12 = madd(a1, b2, c12); c13 = madd(a1, b3, c13)
    c20 = madd(a2, b0, c20); c21 = madd(a2, b1, c21); c22 = madd(a2, b2, c22); c23 = madd(a2, b3, c23)
    c30 = madd(a3, b0, c30); c31 = madd(a3, b1, c31); c32 = madd(a3, b2, c32); c33 = madd(a3, b3, c33)
  }
  let s00 = hsum(c00), s01 = hsum(c01), s02 = hsum(c02), s03 = hsum(c03)
  let s10 = hsum(c10), s11 = hsum(c11), s12 = hsum(c12), s13 = hsum(c13)
  let s20 = hsum(c20), s21 = hsum(c21), s22 = hsum(c22), s23 = hsum(c23)
  let s30 = hsum(c30), s31 = hsum(c31), s32 = hsum(c32), s33 = hsum(c33)
  const end: usize = (<usize>len) << 2
  for (let o = vecEnd; o < end; o += 4) {
    const a0 = load<f32>(x0 + o)
    const a1 = load<f32>(x1 + o)
    const a2 = load<f32>(x2 + o)
    const a3 = load<f32>(x3 + o)
    const b0 = load<f32>(y0 + o)
    const b1 = load<f32>(y1 + o)
    const b2 = load<f32>(y2 + o)
    const b3 = load<f32>(y3 + o)
    s00 += a0 * b0; s01 += a0 * b1; s02 += a0 * b2; s03 += a0 * b3
    s10 += a1 * b0; s11 += a1 * b1; s12 += a1 * b2; s13 += a1 * b3
    s20 += a2 * b0; s21 += a2 * b1; s22 += a2 * b2; s23 += a2 * b3
    s30 += a3 * b0; s31 += a3 * b1; s32 += a3 * b2; s33 += a3 * b3
  }
  store<f32>(out, s00, 0); store<f32>(out, s01, 4); store<f32>(out, s02, 8); store<f32>(out, s03, 12)
  store<f32>(out, s10, 16); store<f32>(out, s11, 20); store<f32>(out, s12, 24); store<f32>(out, s13, 28)
  store<f32>(out, s20, 32); store<f32>(out, s21, 36); store<f32>(out, s22, 40); store<f32>(out, s23, 44)
  store<f32>(out, s30, 48); store<f32>(out, s31, 52); store<f32>(out, s32, 56); store<f32>(out, s33, 60)
}

@inline
function dot(x: usize, y: usize, len: i32): f32 {
  let s: f32 = 0
  for (let m = 0; m < len; m++) s += load<f32>(x + (<usize>m << 2)) * load<f32>(y + (<usize>m << 2))
  return s
}

/**
 * Cholesky's trailing update for the row tile r0..r0+3 of `rows`: a[k1+r][k1+s] -= panel_r · panel_s
 * for every s ≤ r (a is n × n, panel is rows × kb).
 */
export function syrkRowTile(a: usize, n: i32, k1: i32, panel: usize, kb: i32, rows: i32, r0: i32): void {
  const r3 = min(rows, r0 + 4)
  const ps: usize = <usize>kb << 2
  for (let s0 = 0; s0 <= r0; s0 += 4) {
    const s3 = min(rows, s0 + 4)
    if (r3 - r0 == 4 && s3 - s0 == 4) {
      tile(panel + <usize>r0 * ps, ps, panel + <usize>s0 * ps, ps, kb)
      for (let r = 0; r < 4; r++) {
        const row = a + ((<usize>(k1 + r0 + r) * <usize>n + <usize>(k1 + s0)) << 2)
        const last = s0 < r0 ? 3 : r
        for (let s = 0; s <= last; s++) {
          const p = row + (<usize>s << 2)
          store<f32>(p, load<f32>(p) - load<f32>(out + (<usize>(r * 4 + s) << 2)))
        }
      }
    } else {
      for (let r = r0; r < r3; r++)
        for (let s = s0; s < s3 && s <= r; s++) {
          const p = a + ((<usize>(k1 + r) * <usize>n + <usize>(k1 + s)) << 2)
          store<f32>(p, load<f32>(p) - dot(panel + <usize>r * ps, panel + <usize>s * ps, kb))
        }
    }
  }
}

/**
 * Forward solve partials for rows i0..min(n, i0+4): yT[c][i] = Σ_{j0+c ≤ m < i0} a[i][m]·yT[c][m]
 * for every column c < w of the block (yT is w × n).
 */
export function forwardRowTile(a: usize, n: i32, j0: i32, w: i32, i0: i32, yT: usize): void {
  const i3 = min(n, i0 + 4)
  const rs: usize = <usize>n << 2
  for (let c0 = 0; c0 < w; c0 += 4) {
    const c3 = min(w, c0 + 4)
    const lo = j0 + c0
    if (i3 - i0 == 4 && c3 - c0 == 4) {
      const len = i0 - lo
      tile(a + <usize>i0 * rs + (<usize>lo << 2), rs, yT + <usize>c0 * rs + (<usize>lo << 2), rs, len > 0 ? len : 0)
      for (let r = 0; r < 4; r++)
        for (let s = 0; s < 4; s++)
          store<f32>(yT + <usize>(c0 + s) * rs + (<usize>(i0 + r) << 2), load<f32>(out + (<usize>(r * 4 + s) << 2)))
    } else {
      for (let i = i0; i < i3; i++)
        for (let c = c0; c < c3; c++) {
          const from = j0 + c
          const len = i0 - from
          const v = len > 0 ? dot(a + <usize>i * rs + (<usize>from << 2), yT + <usize>c * rs + (<usize>from << 2), len) : 0
          store<f32>(yT + <usize>c * rs + (<usize>i << 2), v)
        }
    }
  }
}

/**
 * Backward solve partials for rows i0..i3-1: xT[c][i] = Σ_{i3 ≤ m < n} a[i][m]·xT[c][m] (a's upper
 * triangle holds L's columns) for every column c < w (xT is w × n).
 */
export function backwardRowTile(a: usize, n: i32, w: i32, i0: i32, i3: i32, xT: usize): void {
  const rs: usize = <usize>n << 2
  const len = n - i3
  for (let c0 = 0; c0 < w; c0 += 4) {
    const c3 = min(w, c0 + 4)
    if (i3 - i0 == 4 && c3 - c0 == 4) {
      tile(a + <usize>i0 * rs + (<usize>i3 << 2), rs, xT + <usize>c0 * rs + (<usize>i3 << 2), rs, len)
      for (let r = 0; r < 4; r++)
        for (let s = 0; s < 4; s++)
          store<f32>(xT + <usize>(c0 + s) * rs + (<usize>(i0 + r) << 2), load<f32>(out + (<usize>(r * 4 + s) << 2)))
    } else {
      for (let i = i0; i < i3; i++)
        for (let c = c0; c < c3; c++)
          store<f32>(xT + <usize>c * rs + (<usize>i << 2), dot(a + <usize>i * rs + (<usize>i3 << 2), xT + <usize>c * rs + (<usize>i3 << 2), len))
    }
  }
}
