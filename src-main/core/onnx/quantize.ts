// Weight storage: float32, float16 (cast back at load) or per-row int8 copies for a fast approximate scan.
import { GraphBuilder, tensor } from './graph-builder'
import { DataType } from './onnx-schema'

/**
 * How weight matrices are stored: 'none' float32 (exact); 'float16' halves the file (scores from
 * float16-rounded weights); 'int8' adds int8 copies scanned first, the best candidates re-scored
 * exactly from the float32 rows.
 */
export type Quantize = 'none' | 'float16' | 'int8'

/**
 * 'none' (float32 MatMul, exact on every CPU) by measurement. 'int8' — a 7-bit int8 scan whose
 * candidates are re-scored in float32, with an in-graph proof that the answer is exact or a wider
 * pool (see scoring-graph.ts) — is exact everywhere too and faster on well-spread random unit rows
 * (75,262 × 128: proven with the first pool for every query), but on the app's real 45,321 × 256
 * model (learnt + placed rows, z-scored blend) the proof held for 0 of 30 queries at the first
 * pools, so nearly every query ran three times and re-scored every row: slower than float32.
 * Figures in the README's "ONNX serving".
 */
export const DEFAULT_QUANTIZE: Quantize = 'none'

/**
 * Adds matrix `data` (`rows × cols`, row-major) under `name` and returns the name of the float32
 * value to compute with: the initializer itself, or a Cast of a float16 initializer (onnxruntime
 * folds that Cast at load, so float16 only halves the file).
 */
export function addMatrix(
  b: GraphBuilder,
  name: string,
  data: Float32Array,
  rows: number,
  cols: number,
  storage: 'none' | 'float16',
): string {
  const dims = [rows, cols]
  if (storage === 'none') return b.constant(tensor(name, DataType.FLOAT, dims, data))
  const half = b.constant(tensor(`${name}_f16`, DataType.FLOAT16, dims, toFloat16(data)))
  return b.op('Cast', [half], { to: { int: DataType.FLOAT } }, name)
}

/**
 * Adds the per-row int8 quantisation of `data` transposed to `cols × rows` (MatMulInteger's B,
 * which onnxruntime pre-packs) and its row scales [1, rows]; returns both initializer names and
 * the norms the exactness bound reads.
 */
export function addInt8Transposed(
  b: GraphBuilder,
  name: string,
  data: Float32Array,
  rows: number,
  cols: number,
): { values: string; scales: string; maxResidualNorm: number; maxRowNorm: number } {
  const { values, scales, maxResidualNorm, maxRowNorm } = quantizeRowsInt8(data, rows, cols)
  const worst = worstCasePairSum(values, rows, cols)
  if (worst > INT16_MAX) throw new Error(`int8 rows could saturate int16 (${worst} > ${INT16_MAX})`)
  const transposed = new Int8Array(rows * cols)
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < cols; c++) transposed[c * rows + r] = values[r * cols + c]
  }
  return {
    values: b.constant(tensor(`${name}_i8t`, DataType.INT8, [cols, rows], transposed)),
    scales: b.constant(tensor(`${name}_scale`, DataType.FLOAT, [1, rows], scales)),
    maxResidualNorm,
    maxRowNorm,
  }
}

/** IEEE 754 binary16 bits of each value, rounded to nearest even (overflow → ±Infinity). */
export function toFloat16(data: Float32Array): Uint16Array {
  const f32 = new Float32Array(1)
  const u32 = new Uint32Array(f32.buffer)
  const out = new Uint16Array(data.length)
  for (let i = 0; i < data.length; i++) {
    f32[0] = data[i]
    const x = u32[0]
    const sign = (x >>> 16) & 0x8000
    const exp = (x >>> 23) & 0xff
    let mant = x & 0x7fffff
    if (exp === 0xff) {
      out[i] = sign | 0x7c00 | (mant ? 0x200 : 0)
      continue
    }
    let e = exp - 127 + 15
    if (e >= 0x1f) {
      out[i] = sign | 0x7c00
      continue
    }
    if (e <= 0) {
      // Subnormal half (or zero): shift the implicit-1 mantissa right, rounding to nearest even.
      if (e < -10) {
        out[i] = sign
        continue
      }
      mant |= 0x800000
      const shift = 14 - e
      const half = mant >>> shift
      const rem = mant & ((1 << shift) - 1)
      const mid = 1 << (shift - 1)
      out[i] = sign | (half + (rem > mid || (rem === mid && half & 1) ? 1 : 0))
      continue
    }
    const rem = mant & 0x1fff
    mant >>>= 13
    if (rem > 0x1000 || (rem === 0x1000 && mant & 1)) {
      mant++
      if (mant === 0x400) {
        mant = 0
        e++
        if (e >= 0x1f) {
          out[i] = sign | 0x7c00
          continue
        }
      }
    }
    out[i] = sign | (e << 10) | mant
  }
  return out
}

/**
 * Largest |int8 value| the quantiser writes: 7 bits, not 8. x86 CPUs without VNNI (AVX2) run
 * onnxruntime's u8×s8 MatMulInteger with vpmaddubsw, which adds two u8·s8 products into a
 * saturating int16: 255·(63+63) = 32,130 fits, 255·(127+127) = 64,770 does not. With 7-bit weights
 * the integer dot products are exact on every CPU (AVX2, AVX-512, VNNI, ARM), so the error bound
 * below holds everywhere.
 */
export const INT8_LEVEL = 63

/** int16 limit of the AVX2 pair sums. */
export const INT16_MAX = 32767

/** Per-row symmetric 7-bit int8 and what the exactness bound needs. */
export interface QuantizedRows {
  /** `x ≈ values × scales[row]`, |values| ≤ INT8_LEVEL. */
  values: Int8Array
  /** One scale per row. */
  scales: Float32Array
  /** max over rows of ‖x_row − values_row × scale_row‖₂ (float64, rounded up). */
  maxResidualNorm: number
  /** max over rows of ‖x_row‖₂ (float64, rounded up). */
  maxRowNorm: number
}

/** Per-row symmetric int8 with |values| ≤ INT8_LEVEL, and the row norms of x and of its rounding error. */
export function quantizeRowsInt8(data: Float32Array, rows: number, cols: number): QuantizedRows {
  const values = new Int8Array(rows * cols)
  const scales = new Float32Array(rows)
  let maxResidual = 0
  let maxNorm = 0
  for (let r = 0; r < rows; r++) {
    const o = r * cols
    let max = 0
    for (let c = 0; c < cols; c++) max = Math.max(max, Math.abs(data[o + c]))
    // Rounded to float32 first: the graph multiplies by this float32 scale.
    const scale = Math.fround(max > 0 ? max / INT8_LEVEL : 1)
    scales[r] = scale
    let residual = 0
    let norm = 0
    for (let c = 0; c < cols; c++) {
      const x = data[o + c]
      const q = Math.max(-INT8_LEVEL, Math.min(INT8_LEVEL, Math.round(x / scale)))
      values[o + c] = q
      residual += (x - q * scale) ** 2
      norm += x * x
    }
    maxResidual = Math.max(maxResidual, Math.sqrt(residual))
    maxNorm = Math.max(maxNorm, Math.sqrt(norm))
  }
  const up = (x: number): number => x * (1 + 1e-6) + 1e-30
  return { values, scales, maxResidualNorm: up(maxResidual), maxRowNorm: up(maxNorm) }
}

/**
 * Worst int16 pair sum a u8 query could produce with these rows on the AVX2 u8s8 kernel:
 * 255 × max(|a| + |b|) over every two neighbouring values of a row (whatever the packing's
 * alignment). Exact on every CPU iff ≤ INT16_MAX.
 */
export function worstCasePairSum(values: Int8Array, rows: number, cols: number): number {
  let worst = 0
  for (let r = 0; r < rows; r++) {
    const o = r * cols
    for (let c = 0; c + 1 < cols; c++) {
      worst = Math.max(worst, Math.abs(values[o + c]) + Math.abs(values[o + c + 1]))
    }
    if (cols === 1) worst = Math.max(worst, Math.abs(values[o]))
  }
  return 255 * worst
}
