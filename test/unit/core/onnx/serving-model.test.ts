// ServingModel: hot swaps under concurrent queries never mix models, and a bad file keeps the old one serving.
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { exportOnnx, writeOnnx } from '../../../../src-main/core/onnx/export'
import { hashVocab } from '../../../../src-main/core/onnx/metadata'
import type { ScoreQuery } from '../../../../src-main/core/onnx/query'
import { ReferenceScorer } from '../../../../src-main/core/onnx/reference'
import { ServingModel, type ServedResult } from '../../../../src-main/core/onnx/serving-model'
import { createRng } from '../../../../src-main/core/util/random'
import { randomModel, tempDir } from './fixtures'

const dir = tempDir()
const SONGS = 300
const models = [randomModel(SONGS, 16, 1, 'model-a'), randomModel(SONGS, 16, 2, 'model-b')]
const paths = models.map((m) => {
  const path = join(dir, `${m.id}.onnx`)
  writeOnnx(path, exportOnnx(m))
  return path
})
const references = new Map(models.map((m) => [m.id, new ReferenceScorer(m)]))

describe('ServingModel', () => {
  it('refuses queries before a model is loaded and after release', async () => {
    const serving = new ServingModel()
    await expect(serving.query({ context: [0], k: 1 })).rejects.toThrow(/No model loaded/)
    await serving.swap(paths[0])
    expect(serving.metadata?.modelId).toBe('model-a')
    await serving.release()
    await expect(serving.query({ context: [0], k: 1 })).rejects.toThrow(/released/)
    await expect(serving.swap(paths[1])).rejects.toThrow(/released/)
  })

  it('answers every query entirely from one model while swapping under load', async () => {
    const rng = createRng(5)
    const queries: ScoreQuery[] = Array.from({ length: 240 }, (_, i) => ({
      context: Array.from({ length: 1 + (i % 4) }, () => rng.nextInt(SONGS)),
      k: 10,
    }))
    const expected = queries.map((q) => ({
      'model-a': references.get('model-a')!.query(q).indices,
      'model-b': references.get('model-b')!.query(q).indices,
    }))
    // The two models give a different answer to every query, so a mixed answer would show.
    expected.forEach((e) => expect(e['model-a']).not.toEqual(e['model-b']))

    const serving = await ServingModel.load(paths[0])
    const pending: Promise<ServedResult>[] = []
    const swaps: Promise<unknown>[] = []
    for (let i = 0; i < queries.length; i++) {
      pending.push(serving.query(queries[i]))
      if (i % 30 === 15) swaps.push(serving.swap(paths[((i / 30 + 1) % 2) | 0]))
      // Let some queries and loads progress between submissions.
      if (i % 7 === 0) await new Promise((r) => setImmediate(r))
    }
    const results = await Promise.all(pending)
    await Promise.all(swaps)
    const seen = new Set<string>()
    results.forEach((r, i) => {
      seen.add(r.modelId)
      const id = r.modelId as 'model-a' | 'model-b'
      expect(r.indices, `query ${i} answered by ${id}`).toEqual(expected[i][id])
      expect(r.vocabHash).toBe(hashVocab(models.find((m) => m.id === id)!.vocab))
    })
    expect([...seen].sort()).toEqual(['model-a', 'model-b'])
    await serving.release()
  })

  it('keeps serving the previous model when the new file is missing or corrupt', async () => {
    const serving = await ServingModel.load(paths[0])
    const q = { context: [3], k: 5 }
    const before = await serving.query(q)
    await expect(serving.swap(join(dir, 'missing.onnx'))).rejects.toThrow(/Cannot read ONNX model/)
    const corrupt = join(dir, 'corrupt.onnx')
    writeFileSync(corrupt, Buffer.from('definitely not protobuf'))
    const inFlight = serving.query(q)
    await expect(serving.swap(corrupt)).rejects.toThrow(/Cannot load .*corrupt.onnx/)
    expect(await inFlight).toEqual(before)
    expect(await serving.query(q)).toEqual(before)
    expect(serving.metadata?.modelId).toBe('model-a')
    // A good swap after the failures still works.
    await serving.swap(paths[1])
    expect((await serving.query(q)).modelId).toBe('model-b')
    await serving.release()
  })
})
