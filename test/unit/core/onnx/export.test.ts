// The exported graph on a 4-song model whose scores are worked out by hand, for every head and option.
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { exportOnnx, writeOnnx, type ExportOptions } from '../../../../src-main/core/onnx/export'
import { hashVocab } from '../../../../src-main/core/onnx/metadata'
import { OnnxScorer } from '../../../../src-main/core/onnx/scorer'
import { tempDir, tinyModel } from './fixtures'

const dir = tempDir()
const scorers: OnnxScorer[] = []
afterAll(async () => {
  for (const s of scorers) await s.release()
})

let n = 0
let storage: 'none' | 'int8' = 'none'
async function load(opts: ExportOptions = {}): Promise<OnnxScorer> {
  const path = join(dir, `m${n++}.onnx`)
  const all = { created: '2025-01-02T03:04:05.000Z', quantize: storage, ...opts }
  writeOnnx(path, exportOnnx(tinyModel(), all))
  const s = await OnnxScorer.load(path)
  scorers.push(s)
  return s
}

const [A, B, C, D] = [0, 1, 2, 3]

// Every hand-checked answer holds for float32 weights and for the int8 scan + exact re-scoring.
describe.each(['none', 'int8'] as const)('weights stored as %s', (mode) => {
  beforeAll(() => {
    storage = mode
  })
  afterAll(() => {
    storage = 'none'
  })

  describe('cosine head (default)', () => {
    it('ranks by cosine to the context song and excludes the context', async () => {
      const s = await load()
      const r = await s.query({ context: [A], k: 10 })
      expect(r.indices).toEqual([C, B, D])
      expect(r.scores[0]).toBeCloseTo(0.6, 6)
      expect(r.scores[1]).toBeCloseTo(0, 6)
      expect(r.scores[2]).toBeCloseTo(-1, 6)
    })

    it('averages a multi-song context and honours weights', async () => {
      const s = await load({ excludeContext: false })
      const even = await s.query({ context: [A, B], k: 4 })
      // q = (1,1)/√2: c 1.4/√2, a = b = 1/√2 (tie: lower index first), d -1/√2.
      expect(even.indices).toEqual([C, A, B, D])
      expect(even.scores[0]).toBeCloseTo(1.4 / Math.SQRT2, 6)
      expect(even.scores[1]).toBeCloseTo(Math.SQRT1_2, 6)
      expect(even.scores[3]).toBeCloseTo(-Math.SQRT1_2, 6)
      const towardA = await s.query({ context: [A, B], weights: [1, 0], k: 4 })
      expect(towardA.indices).toEqual([A, C, B, D])
      const towardB = await s.query({ context: [A, B], weights: [0, 1], k: 4 })
      expect(towardB.indices).toEqual([B, C, A, D])
      expect(towardB.scores).toEqual([1, expect.closeTo(0.8, 6), 0, 0])
    })

    it('honours exclusions, and clamps k to the songs left', async () => {
      const s = await load()
      expect((await s.query({ context: [A], exclude: [C], k: 10 })).indices).toEqual([B, D])
      expect((await s.query({ context: [A], exclude: [C, C, A], k: 10 })).indices).toEqual([B, D])
      expect((await s.query({ context: [A], k: 1 })).indices).toEqual([C])
      const none = await s.query({ context: [A], exclude: [B, C, D], k: 5 })
      expect(none).toEqual({ indices: [], scores: [] })
    })

    it('can keep the context songs in the answers', async () => {
      const s = await load({ excludeContext: false })
      const r = await s.query({ context: [A], k: 99 })
      expect(r.indices).toEqual([A, C, B, D])
      expect(r.scores[0]).toBeCloseTo(1, 6)
    })
  })

  describe('zero vectors', () => {
    it('score 0 everywhere instead of NaN (ties in index order)', async () => {
      const m = tinyModel()
      const input = new Float32Array(m.input)
      input.fill(0, 2, 4) // song b becomes the zero vector
      for (const kind of ['cosine', 'output'] as const) {
        const s = await OnnxScorer.fromBytes(
          exportOnnx({ ...m, input }, { heads: [{ kind, weight: 1 }], quantize: storage }),
        )
        scorers.push(s)
        expect(await s.query({ context: [B], k: 4 })).toEqual({
          indices: [A, C, D],
          scores: [0, 0, 0],
        })
      }
    })
  })

  describe('output head', () => {
    it('scores the weighted mean of raw input vectors against output vectors', async () => {
      const s = await load({ heads: [{ kind: 'output', weight: 1 }], excludeContext: false })
      // Context c = (3,4): a 3, b 8, c 7, d -4.
      const r = await s.query({ context: [C], k: 4 })
      expect(r.indices).toEqual([B, C, A, D])
      expect(r.scores.map((x) => Math.round(x * 1e4) / 1e4)).toEqual([8, 7, 3, -4])
      // Context a, c with weights 3, 1: mean (1.5, 1): a 1.5, b 2, c 2.5, d -1.
      const w = await s.query({ context: [A, C], weights: [3, 1], k: 4 })
      expect(w.indices).toEqual([C, B, A, D])
      expect(w.scores.map((x) => Math.round(x * 1e4) / 1e4)).toEqual([2.5, 2, 1.5, -1])
      // Equal weights: mean (2, 2): a 2, b 4, c 4, d -2.
      const e = await s.query({ context: [A, C], k: 4 })
      expect(e.indices).toEqual([B, C, A, D])
    })

    it('excludes the context by default', async () => {
      const s = await load({ heads: [{ kind: 'output', weight: 1 }] })
      expect((await s.query({ context: [C], k: 4 })).indices).toEqual([B, A, D])
    })
  })

  describe('blended heads', () => {
    // Context a. Cosine: a 1, b 0, c .6, d -1 → mean .15, std √.5675.
    // Output: a 1, b 0, c 1, d 0 → z = 1, -1, 1, -1.
    const std = Math.sqrt(0.5675)
    const zCos = [0.85 / std, -0.15 / std, 0.45 / std, -1.15 / std]
    const zOut = [1, -1, 1, -1]

    it('sums weighted z-scores', async () => {
      const s = await load({
        heads: [
          { kind: 'cosine', weight: 0.5 },
          { kind: 'output', weight: 0.5 },
        ],
        excludeContext: false,
      })
      const r = await s.query({ context: [A], k: 4 })
      expect(r.indices).toEqual([A, C, B, D])
      r.indices.forEach((song, i) => {
        expect(r.scores[i]).toBeCloseTo(0.5 * zCos[song] + 0.5 * zOut[song], 5)
      })
    })

    it('follows the head weights', async () => {
      const s = await load({
        heads: [
          { kind: 'cosine', weight: 1 },
          { kind: 'output', weight: -1 },
        ],
        excludeContext: false,
      })
      const r = await s.query({ context: [A], k: 4 })
      // a .128, b .801, c -.403, d -.527
      expect(r.indices).toEqual([B, A, C, D])
      expect(r.scores[0]).toBeCloseTo(zCos[B] - zOut[B], 5)
    })

    it("adds raw scores with combine 'sum'", async () => {
      const s = await load({
        heads: [
          { kind: 'cosine', weight: 1 },
          { kind: 'output', weight: 2 },
        ],
        combine: 'sum',
      })
      // a excluded; b 0 + 0, c .6 + 2, d -1 + 0.
      const r = await s.query({ context: [A], k: 4 })
      expect(r.indices).toEqual([C, B, D])
      expect(r.scores[0]).toBeCloseTo(2.6, 5)
      expect(r.scores[2]).toBeCloseTo(-1, 5)
    })
  })
})

describe('quantised weights', () => {
  it('float16 and int8 answer the tiny model in the same order', async () => {
    for (const quantize of ['float16', 'int8'] as const) {
      const s = await load({ quantize })
      expect(s.metadata.quantize).toBe(quantize)
      const r = await s.query({ context: [A], k: 10 })
      expect(r.indices).toEqual([C, B, D])
      expect(r.scores[0]).toBeCloseTo(0.6, 2)
    }
  })
})

describe('metadata', () => {
  it('is written at export and read at load', async () => {
    const s = await load({ heads: [{ kind: 'output', weight: 1 }] })
    expect(s.metadata).toEqual({
      format: 1,
      modelId: 'tiny',
      vocabHash: hashVocab(['a', 'b', 'c', 'd']),
      dim: 2,
      vocabSize: 4,
      heads: [{ kind: 'output', weight: 1 }],
      combine: 'zscore',
      excludeContext: true,
      quantize: 'none',
      params: { algo: 'cbow', dim: 2 },
      created: '2025-01-02T03:04:05.000Z',
    })
  })

  it('keeps a given vocabulary hash', async () => {
    const bytes = exportOnnx({ ...tinyModel(), vocabHash: 'abc' })
    const s = await OnnxScorer.fromBytes(bytes)
    scorers.push(s)
    expect(s.metadata.vocabHash).toBe('abc')
    expect(hashVocab(['a', 'b'])).not.toBe(hashVocab(['a', 'b', '']))
    expect(hashVocab(['a\nb'])).not.toBe(hashVocab(['a', 'b']))
  })
})

describe('export checks', () => {
  it('rejects a bad model or bad options with a clear message', () => {
    const m = tinyModel()
    expect(() => exportOnnx({ ...m, vocab: [] })).toThrow(/vocabulary is empty/)
    expect(() => exportOnnx({ ...m, input: new Float32Array(3) })).toThrow(
      /input has 3 values, expected 4 × 2 = 8/,
    )
    expect(() => exportOnnx({ ...m, id: '' })).toThrow(/model id is empty/)
    const nan = new Float32Array(m.input)
    nan[5] = NaN
    expect(() => exportOnnx({ ...m, input: nan })).toThrow(/input\[5\] is not finite/)
    expect(() => exportOnnx(m, { heads: [] })).toThrow(/heads is empty/)
    expect(() =>
      exportOnnx(m, {
        heads: [
          { kind: 'cosine', weight: 1 },
          { kind: 'cosine', weight: 1 },
        ],
      }),
    ).toThrow(/listed twice/)
    // The output matrix is only checked when a head reads it.
    expect(() => exportOnnx({ ...m, output: new Float32Array(0) })).not.toThrow()
    expect(() =>
      exportOnnx({ ...m, output: new Float32Array(0) }, { heads: [{ kind: 'output', weight: 1 }] }),
    ).toThrow(/output has 0 values/)
  })
})
