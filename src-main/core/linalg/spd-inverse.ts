// Dense symmetric positive-definite inverse in place: blocked Cholesky, then blocked triangular solves; float32 storage.

/** Block size of the panels (a 64-column float32 panel of a 10k matrix is 2.5 MB). */
export const NB = 64

/**
 * The threads sharing one factorisation: `rank` of `size`, and a barrier all of them pass together.
 * {@link SOLO} is the single-threaded team.
 */
export interface Team {
  rank: number
  size: number
  barrier(): void
}

/** One thread alone. */
export const SOLO: Team = { rank: 0, size: 1, barrier: () => undefined }

/** The three hot loops (see wasm/linalg/tiles.ts for their exact definitions), over a {@link Workspace}. */
export interface TileKernels {
  /** a[k1+r][k1+s] -= panel_r · panel_s for s ≤ r, r in the row tile r0..r0+3. */
  syrkRowTile(k1: number, kb: number, rows: number, r0: number): void
  /** yT[c][i] = Σ_{j0+c ≤ m < i0} a[i][m]·yT[c][m] for i in i0..i0+3, c < w. */
  forwardRowTile(j0: number, w: number, i0: number): void
  /** xT[c][i] = Σ_{i3 ≤ m < n} a[i][m]·xT[c][m] for i in i0..i3-1, c < w. */
  backwardRowTile(w: number, i0: number, i3: number): void
}

/** The buffers of one thread: `a`, `panel` and `diag` are the team's, `yT` and `xT` its own. */
export interface Workspace {
  n: number
  /** n × n, row-major. */
  a: Float32Array
  /** n × 64: the current Cholesky panel. */
  panel: Float32Array
  /** 64 × 64: the current diagonal block of L (float64), and the failure flag. */
  diag: Float64Array
  /** 64 × n: the forward solve of the current block, transposed. */
  yT: Float32Array
  /** 64 × n: the backward solve of the current block, transposed. */
  xT: Float32Array
  kernels: TileKernels
}

/** Thrown when a pivot is not positive: the matrix is not (numerically) positive definite. */
export class NotPositiveDefiniteError extends Error {
  constructor(readonly row: number) {
    super(`Matrix is not positive definite (pivot ${row} ≤ 0)`)
  }
}

/** A single-threaded workspace over `a` with the plain-TypeScript kernels. */
export function soloWorkspace(a: Float32Array, n: number): Workspace {
  checkSize(a, n)
  const ws: Omit<Workspace, 'kernels'> = {
    n,
    a,
    panel: new Float32Array(n * NB),
    diag: new Float64Array(NB * NB),
    yT: new Float32Array(NB * n),
    xT: new Float32Array(NB * n),
  }
  return { ...ws, kernels: jsKernels(ws) }
}

/** Replaces `a` (n × n SPD, both triangles) by its inverse, single-threaded, in plain TypeScript. */
export function spdInverseInPlace(
  a: Float32Array,
  n: number,
  onProgress?: (stage: 'cholesky' | 'inverse', fraction: number) => void,
): void {
  spdInverse(soloWorkspace(a, n), SOLO, onProgress)
}

/**
 * Overwrites the lower triangle (diagonal included) of `ws.a` with L, where a = L·Lᵀ; the strict
 * upper triangle is left untouched. Right-looking blocked Cholesky: rank 0 factors each 64-column
 * diagonal block, the team solves the panel below it and updates the trailing lower triangle in
 * 4-row tiles (interleaved, so each thread gets short and long rows).
 */
export function cholesky(
  ws: Workspace,
  team: Team = SOLO,
  onProgress?: (fraction: number) => void,
): void {
  const { a, n, panel, diag, kernels } = ws
  checkSize(a, n)
  const { rank, size } = team
  for (let k0 = 0; k0 < n; k0 += NB) {
    const k1 = Math.min(n, k0 + NB)
    const kb = k1 - k0
    if (rank === 0) factorDiagonal(a, n, k0, k1, diag)
    team.barrier()
    // A failed pivot stops every thread here: diag[0] is NaN and diag[1] the row.
    if (Number.isNaN(diag[0])) throw new NotPositiveDefiniteError(diag[1])
    // The panel below: row i solves x · L_KKᵀ = a[i, K].
    for (let i = k1 + rank; i < n; i += size) {
      const p = (i - k1) * kb
      for (let j = 0; j < kb; j++) {
        let t = a[i * n + k0 + j]
        for (let m = 0; m < j; m++) t -= panel[p + m] * diag[j * NB + m]
        const v = t / diag[j * NB + j]
        panel[p + j] = v
        a[i * n + k0 + j] = v
      }
    }
    team.barrier()
    const rows = n - k1
    for (let r0 = rank * 4; r0 < rows; r0 += 4 * size) kernels.syrkRowTile(k1, kb, rows, r0)
    team.barrier()
    if (rank === 0) onProgress?.(1 - ((n - k1) / n) ** 3)
  }
}

/** Cholesky of the diagonal block [k0, k1) into `diag` and `a`; a bad pivot leaves diag[0] = NaN, diag[1] = row. */
function factorDiagonal(
  a: Float32Array,
  n: number,
  k0: number,
  k1: number,
  diag: Float64Array,
): void {
  for (let j = k0; j < k1; j++) {
    const dj = (j - k0) * NB
    let s = a[j * n + j]
    for (let m = 0; m < j - k0; m++) s -= diag[dj + m] ** 2
    if (!(s > 0)) {
      diag[0] = NaN
      diag[1] = j
      return
    }
    const d = Math.sqrt(s)
    diag[dj + (j - k0)] = d
    a[j * n + j] = d
    for (let i = j + 1; i < k1; i++) {
      const di = (i - k0) * NB
      let t = a[i * n + j]
      for (let m = 0; m < j - k0; m++) t -= diag[di + m] * diag[dj + m]
      const v = t / d
      diag[di + (j - k0)] = v
      a[i * n + j] = v
    }
  }
}

/**
 * Replaces the SPD `ws.a` (both triangles) by its inverse (both triangles) in the same buffer:
 * Cholesky a = L·Lᵀ, L mirrored into the upper triangle so L's columns are rows, then for each
 * 64-column block J of the identity a forward solve L·Y = E_J and a backward solve Lᵀ·X = Y over
 * the rows ≥ J only (the inverse is symmetric); X goes over the columns of L no later block reads.
 * About n³/2 multiply-adds; extra memory O(n · 64) per thread.
 */
export function spdInverse(
  ws: Workspace,
  team: Team = SOLO,
  onProgress?: (stage: 'cholesky' | 'inverse', fraction: number) => void,
): void {
  const { a, n, yT, xT, kernels } = ws
  cholesky(ws, team, (f) => onProgress?.('cholesky', f))
  for (let i = team.rank; i < n; i += team.size)
    for (let j = 0; j < i; j++) a[j * n + i] = a[i * n + j]
  team.barrier()
  let done = 0
  const total = (n * n * n) / 3
  // The team takes `size` consecutive blocks at a time: all solve (reading only columns ≥ the
  // first block's), then all write their block over columns none of the later blocks read.
  for (let first = 0; first < n; first += NB * team.size) {
    const j0 = first + NB * team.rank
    const w = Math.max(0, Math.min(n, j0 + NB) - j0)
    if (w > 0) {
      forwardBlock(a, n, j0, w, yT, kernels)
      backwardBlock(a, n, j0, w, yT, xT, kernels)
    }
    team.barrier()
    for (let c = 0; c < w; c++) {
      const col = j0 + c
      for (let m = j0; m < n; m++) {
        const v = xT[c * n + m]
        a[m * n + col] = v
        a[col * n + m] = v
      }
    }
    team.barrier()
    for (let r = 0; r < team.size; r++) {
      const b0 = first + NB * r
      if (b0 < n) done += (n - b0) * (n - b0) * (Math.min(n, b0 + NB) - b0)
    }
    if (team.rank === 0) onProgress?.('inverse', Math.min(1, done / total))
  }
}

/** yT[c][i] for i ≥ j0: Y = L⁻¹ E_J, in row tiles of 4 (kernel partials, then the tile's triangle). */
function forwardBlock(
  a: Float32Array,
  n: number,
  j0: number,
  w: number,
  yT: Float32Array,
  kernels: TileKernels,
): void {
  for (let i0 = j0; i0 < n; i0 += 4) {
    const i3 = Math.min(n, i0 + 4)
    kernels.forwardRowTile(j0, w, i0)
    for (let i = i0; i < i3; i++) {
      const lii = a[i * n + i]
      for (let c = 0; c < w; c++) {
        if (i < j0 + c) {
          yT[c * n + i] = 0
          continue
        }
        let t = (i === j0 + c ? 1 : 0) - yT[c * n + i]
        for (let m = i0; m < i; m++) t -= a[i * n + m] * yT[c * n + m]
        yT[c * n + i] = t / lii
      }
    }
  }
}

/** xT[c][i] for i ≥ j0: X = L⁻ᵀ Y, from the last row up (L's column i is a[i][i+1..], mirrored). */
function backwardBlock(
  a: Float32Array,
  n: number,
  j0: number,
  w: number,
  yT: Float32Array,
  xT: Float32Array,
  kernels: TileKernels,
): void {
  for (let i3 = n; i3 > j0; i3 -= 4) {
    const i0 = Math.max(j0, i3 - 4)
    kernels.backwardRowTile(w, i0, i3)
    for (let i = i3 - 1; i >= i0; i--) {
      const lii = a[i * n + i]
      for (let c = 0; c < w; c++) {
        let t = yT[c * n + i] - xT[c * n + i]
        for (let m = i + 1; m < i3; m++) t -= a[i * n + m] * xT[c * n + m]
        xT[c * n + i] = t / lii
      }
    }
  }
}

/** The kernels in plain TypeScript (float64 sums), the reference the WebAssembly ones are tested against. */
export function jsKernels(ws: Omit<Workspace, 'kernels'>): TileKernels {
  const { a, n, panel, yT, xT } = ws
  return {
    syrkRowTile(k1, kb, rows, r0) {
      const r3 = Math.min(rows, r0 + 4)
      for (let r = r0; r < r3; r++) {
        const pr = r * kb
        const row = (k1 + r) * n + k1
        for (let s = 0; s <= r; s++) {
          const ps = s * kb
          let t = 0
          for (let m = 0; m < kb; m++) t += panel[pr + m] * panel[ps + m]
          a[row + s] -= t
        }
      }
    },
    forwardRowTile(j0, w, i0) {
      const i3 = Math.min(n, i0 + 4)
      for (let i = i0; i < i3; i++)
        for (let c = 0; c < w; c++) {
          let t = 0
          for (let m = j0 + c; m < i0; m++) t += a[i * n + m] * yT[c * n + m]
          yT[c * n + i] = t
        }
    },
    backwardRowTile(w, i0, i3) {
      for (let i = i0; i < i3; i++)
        for (let c = 0; c < w; c++) {
          let t = 0
          for (let m = i3; m < n; m++) t += a[i * n + m] * xT[c * n + m]
          xT[c * n + i] = t
        }
    },
  }
}

function checkSize(a: Float32Array, n: number): void {
  if (!Number.isInteger(n) || n < 0 || a.length !== n * n)
    throw new Error(`Expected a ${n}×${n} matrix, got ${a.length} entries`)
}
