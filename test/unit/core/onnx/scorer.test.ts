// OnnxScorer: clear errors for bad queries and bad files, and exact answers on a random 2,000 × 32 model.
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { exportOnnx, writeOnnx, type ExportOptions } from '../../../../src-main/core/onnx/export'
import type { HeadSpec } from '../../../../src-main/core/onnx/heads'
import { encodeMetadata, readMetadata } from '../../../../src-main/core/onnx/metadata'
import { onnxType } from '../../../../src-main/core/onnx/onnx-schema'
import type { ScoreQuery } from '../../../../src-main/core/onnx/query'
import { ReferenceScorer } from '../../../../src-main/core/onnx/reference'
import { OnnxScorer } from '../../../../src-main/core/onnx/scorer'
import { createRng } from '../../../../src-main/core/util/random'
import { expectSameTopK, randomModel, tempDir, tinyModel } from './fixtures'

const dir = tempDir()

describe('query checks', () => {
  let s: OnnxScorer
  beforeAll(async () => {
    s = await OnnxScorer.fromBytes(exportOnnx(tinyModel()))
  })
  afterAll(() => s.release())

  it('rejects bad queries before inference, saying what is wrong', async () => {
    await expect(s.query({ context: [], k: 5 })).rejects.toThrow(/context is empty/)
    await expect(s.query({ context: [4], k: 5 })).rejects.toThrow(
      /context\[0\] = 4 is not a song index of this model \(it has 4 songs: 0..3\)/,
    )
    await expect(s.query({ context: [0, -1], k: 5 })).rejects.toThrow(/context\[1\] = -1/)
    await expect(s.query({ context: [1.5], k: 5 })).rejects.toThrow(/context\[0\] = 1.5/)
    await expect(s.query({ context: [0], exclude: [9], k: 5 })).rejects.toThrow(/exclude\[0\] = 9/)
    await expect(s.query({ context: [0, 1], weights: [1], k: 5 })).rejects.toThrow(
      /weights has 1 values for 2 context songs/,
    )
    await expect(s.query({ context: [0], weights: [-1], k: 5 })).rejects.toThrow(/non-negative/)
    await expect(s.query({ context: [0], weights: [NaN], k: 5 })).rejects.toThrow(/finite/)
    await expect(s.query({ context: [0, 1], weights: [0, 0], k: 5 })).rejects.toThrow(/sum to 0/)
    await expect(s.query({ context: [0], k: 0 })).rejects.toThrow(/query.k = 0/)
    await expect(s.query({ context: [0], k: 2.5 })).rejects.toThrow(/query.k = 2.5/)
    // Still serving after the rejections.
    expect((await s.query({ context: [0], k: 1 })).indices).toEqual([2])
  })

  it('rejects queries after release', async () => {
    const t = await OnnxScorer.fromBytes(exportOnnx(tinyModel()))
    await t.release()
    await expect(t.query({ context: [0], k: 1 })).rejects.toThrow(/was released/)
  })
})

describe('loading', () => {
  it('rejects a missing file', async () => {
    await expect(OnnxScorer.load(join(dir, 'nope.onnx'))).rejects.toThrow(
      /Cannot read ONNX model .*nope.onnx/,
    )
  })

  it('rejects a truncated or foreign file', async () => {
    const bytes = exportOnnx(tinyModel())
    const truncated = join(dir, 'truncated.onnx')
    writeFileSync(truncated, bytes.subarray(0, Math.floor(bytes.length / 2)))
    await expect(OnnxScorer.load(truncated)).rejects.toThrow(
      /Cannot load .*truncated.onnx: not an ONNX model file/,
    )
    const text = join(dir, 'text.onnx')
    writeFileSync(text, 'this is not a model')
    await expect(OnnxScorer.load(text)).rejects.toThrow(
      /Cannot load .*text.onnx: not an ONNX model/,
    )
  })

  it('rejects an ONNX file without Segue metadata, or one onnxruntime cannot run', async () => {
    const bare = onnxType('ModelProto').encode({ ir_version: 8 }).finish()
    await expect(OnnxScorer.fromBytes(bare)).rejects.toThrow(/no 'segue.format' metadata/)
    const meta = readMetadata(exportOnnx(tinyModel()))
    const noGraph = onnxType('ModelProto')
      .encode({ ir_version: 8, metadata_props: encodeMetadata(meta) })
      .finish()
    await expect(OnnxScorer.fromBytes(noGraph)).rejects.toThrow(/onnxruntime rejected it/)
  })
})

describe('exactness against the JS reference (2,000 × 32)', () => {
  const model = randomModel(2000, 32, 7, 'random')
  const rng = createRng(11)
  const queries: ScoreQuery[] = Array.from({ length: 60 }, (_, i) => {
    const n = [1, 2, 10, 50][i % 4]
    const context = Array.from({ length: n }, () => rng.nextInt(2000))
    const weights = i % 3 === 0 ? context.map(() => rng.next() + 0.05) : undefined
    const exclude = Array.from({ length: i % 5 === 0 ? 0 : 20 }, () => rng.nextInt(2000))
    return { context, weights, exclude, k: [25, 1, 100][i % 3] }
  })
  const blend: HeadSpec[] = [
    { kind: 'cosine', weight: 0.3 },
    { kind: 'output', weight: 0.7 },
  ]
  const configs: ({ name: string } & ExportOptions)[] = [
    { name: 'cosine', heads: [{ kind: 'cosine', weight: 1 }], quantize: 'none' },
    { name: 'output', heads: [{ kind: 'output', weight: 1 }], quantize: 'none' },
    { name: 'blend', heads: blend, excludeContext: false, quantize: 'none' },
    { name: 'blend-sum', heads: blend, combine: 'sum', quantize: 'none' },
    // int8 scans approximate scores, then re-scores candidates exactly: same answers.
    { name: 'cosine-int8', heads: [{ kind: 'cosine', weight: 1 }], quantize: 'int8' },
    { name: 'output-int8', heads: [{ kind: 'output', weight: 1 }], quantize: 'int8' },
    { name: 'blend-int8', heads: blend, quantize: 'int8' },
  ]

  for (const config of configs) {
    it(`${config.name}: same top-k as brute force (ties aside)`, async () => {
      const path = join(dir, `${config.name}.onnx`)
      writeOnnx(path, exportOnnx(model, config))
      const scorer = await OnnxScorer.load(path)
      const reference = new ReferenceScorer(model, config)
      let identical = 0
      try {
        for (const q of queries) {
          const got = await scorer.query(q)
          const exact = reference.query(q)
          expectSameTopK(got, exact)
          if (got.indices.join() === exact.indices.join()) identical++
        }
      } finally {
        await scorer.release()
      }
      // Random float vectors have no exact ties: every list should match outright.
      expect(identical).toBe(queries.length)
    })
  }
})
