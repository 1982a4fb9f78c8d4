// int8 serving is exact on every CPU: the 7-bit rows cannot saturate AVX2's int16 pair sums (checked by
// emulating vpmaddubsw in JS, so it holds whatever CPU runs the test), and answers the int8 scan cannot
// prove exact are widened until they are (forced here with near-tied songs).
import { describe, expect, it } from 'vitest'
import { kernelPath, kernelPathLine } from '../../../../src-main/core/onnx/cpu-path'
import { exportOnnx, type ExportableModel } from '../../../../src-main/core/onnx/export'
import {
  INT16_MAX,
  INT8_LEVEL,
  quantizeRowsInt8,
  worstCasePairSum,
} from '../../../../src-main/core/onnx/quantize'
import { ReferenceScorer } from '../../../../src-main/core/onnx/reference'
import { candidatePools, OnnxScorer } from '../../../../src-main/core/onnx/scorer'
import { createRng } from '../../../../src-main/core/util/random'
import { expectSameTopK, randomModel } from './fixtures'

/** AVX2/AVX-512BW u8×s8 dot: neighbouring products summed into a saturating int16 (vpmaddubsw), then int32. */
function saturatingDot(u8: Uint8Array, s8: Int8Array, offset: 0 | 1): number {
  const sat = (x: number) => Math.max(-32768, Math.min(32767, x))
  let sum = offset === 1 ? u8[0] * s8[0] : 0
  let i = offset
  for (; i + 1 < u8.length; i += 2) sum += sat(u8[i] * s8[i] + u8[i + 1] * s8[i + 1])
  if (i < u8.length) sum += u8[i] * s8[i]
  return sum
}

function exactDot(u8: Uint8Array, s8: Int8Array): number {
  let sum = 0
  for (let i = 0; i < u8.length; i++) sum += u8[i] * s8[i]
  return sum
}

describe('int8 kernel path', () => {
  it('reports the kernel this CPU runs (the figures below hold on every path)', () => {
    const p = kernelPath()
    console.log(`int8 kernel path exercised here: ${kernelPathLine(p)}`)
    expect(p.int8.length).toBeGreaterThan(0)
    expect(kernelPath('flags : fpu avx2 fma\n').int8).toMatch(/AVX2 vpmaddubsw/)
    expect(kernelPath('flags : avx2 avx512bw avx512_vnni\n').int8).toMatch(/VNNI/)
    expect(kernelPath('Features : fp asimd asimddp\n').int8).toMatch(/ARM/)
  })
})

describe('7-bit rows cannot saturate int16 pair sums', () => {
  const rows = 300
  const dim = 33 // odd, so both pair alignments and a tail element are exercised
  const rng = createRng(5)
  const data = Float32Array.from({ length: rows * dim }, () => rng.next() * 2 - 1)
  // A worst case: one huge coordinate per row next to a large one.
  for (let r = 0; r < rows; r += 7) data[r * dim + 3] = data[r * dim + 4] = 5

  it('quantises to |value| ≤ 63 and the worst pair sum fits int16', () => {
    const { values } = quantizeRowsInt8(data, rows, dim)
    expect(Math.max(...Array.from(values, Math.abs))).toBe(INT8_LEVEL)
    expect(worstCasePairSum(values, rows, dim)).toBeLessThanOrEqual(INT16_MAX)
  })

  it('emulated AVX2 dot products equal the exact integer ones for any u8 query, at both alignments', () => {
    const { values } = quantizeRowsInt8(data, rows, dim)
    const queries = [new Uint8Array(dim).fill(255), new Uint8Array(dim).fill(0)]
    for (let i = 0; i < 20; i++)
      queries.push(Uint8Array.from({ length: dim }, () => rng.nextInt(256)))
    for (const q of queries) {
      for (let r = 0; r < rows; r++) {
        const row = values.subarray(r * dim, (r + 1) * dim)
        expect(saturatingDot(q, row, 0)).toBe(exactDot(q, row))
        expect(saturatingDot(q, row, 1)).toBe(exactDot(q, row))
      }
    }
  })

  it('8-bit rows (±127) would saturate: why the quantiser keeps 7 bits', () => {
    const q = new Uint8Array(dim).fill(255)
    const row = new Int8Array(dim).fill(127)
    expect(saturatingDot(q, row, 0)).toBeLessThan(exactDot(q, row))
    expect(255 * (127 + 127)).toBeGreaterThan(INT16_MAX)
  })
})

describe('answers the int8 scan cannot prove are widened until they are exact', () => {
  it('candidate pools grow to every song', () => {
    expect(candidatePools(25, 100)).toEqual([100])
    const pools = candidatePools(25, 100_000)
    expect(pools[0]).toBeLessThan(100_000)
    expect(pools[pools.length - 1]).toBe(100_000)
    for (let i = 1; i < pools.length; i++) expect(pools[i]).toBeGreaterThan(pools[i - 1])
  })

  it('near-tied songs force wider pools, and every answer still equals brute force', async () => {
    // 3,000 songs all within a hair of one direction: int8 error dwarfs the gaps between scores.
    const songs = 3000
    const dim = 16
    const rng = createRng(3)
    const base = Float32Array.from({ length: dim }, () => rng.next() * 2 - 1)
    const rowsNear = (): Float32Array => {
      const out = new Float32Array(songs * dim)
      for (let r = 0; r < songs; r++)
        for (let c = 0; c < dim; c++) out[r * dim + c] = base[c] + (rng.next() - 0.5) * 2e-3
      return out
    }
    const model: ExportableModel = {
      vocab: Array.from({ length: songs }, (_, i) => `s${i}`),
      dim,
      input: rowsNear(),
      output: rowsNear(),
      id: 'near',
    }
    const scorer = await OnnxScorer.fromBytes(exportOnnx(model, { quantize: 'int8' }))
    const reference = new ReferenceScorer(model, {})
    try {
      for (let i = 0; i < 12; i++) {
        const q = { context: [rng.nextInt(songs), rng.nextInt(songs)], k: 25 }
        expectSameTopK(await scorer.query(q), reference.query(q), 1e-6)
      }
      expect(scorer.exactness.queries).toBe(12)
      expect(scorer.exactness.widened).toBeGreaterThan(0)
    } finally {
      await scorer.release()
    }
  })

  it('well-separated random songs are proven exact with the first pool', async () => {
    const model = randomModel(5000, 32, 9, 'spread')
    const scorer = await OnnxScorer.fromBytes(exportOnnx(model, { quantize: 'int8' }))
    const reference = new ReferenceScorer(model, {})
    const rng = createRng(4)
    try {
      for (let i = 0; i < 20; i++) {
        const q = { context: [rng.nextInt(5000)], k: 25 }
        expectSameTopK(await scorer.query(q), reference.query(q))
      }
      expect(scorer.exactness.firstPool).toBe(20)
    } finally {
      await scorer.release()
    }
  })
})
