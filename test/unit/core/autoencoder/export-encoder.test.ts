// The exported ONNX encoder computes what the JS encoder computes (onnxruntime-node), for sparse and dense input.
import * as ort from 'onnxruntime-node'
import { describe, expect, it } from 'vitest'
import { songColumns } from '../../../../src-main/core/autoencoder/columns'
import { ENCODER_IO, exportEncoderOnnx } from '../../../../src-main/core/autoencoder/export-encoder'
import { encodeDense, encodeSparse } from '../../../../src-main/core/autoencoder/network'
import { trainAutoencoder } from '../../../../src-main/core/autoencoder/train'
import { onnxType } from '../../../../src-main/core/onnx/onnx-schema'
import { createRng } from '../../../../src-main/core/util/random'

describe('exportEncoderOnnx', () => {
  it('matches the JS forward pass within 1e-4 (three SELU layers, trained weights)', async () => {
    const rng = createRng(3)
    const playlists = Array.from({ length: 40 }, () =>
      Array.from({ length: 2 + rng.nextInt(6) }, () => rng.nextInt(30)),
    )
    const tags = Array.from({ length: 30 }, (_, s) => (s % 3 === 0 ? [] : [`t${s % 5}`]))
    const columns = songColumns(playlists, 30, tags)
    const model = await trainAutoencoder(columns, {
      encoder: [12, 8, 5],
      decoder: [6],
      epochs: 5,
      batchSize: 8,
      seed: 2,
    })
    const bytes = exportEncoderOnnx(model, { id: 'ae-test', created: '2026-01-01T00:00:00.000Z' })
    const session = await ort.InferenceSession.create(bytes)
    try {
      expect(session.inputNames).toEqual([ENCODER_IO.input])
      expect(session.outputNames).toEqual([ENCODER_IO.output])
      // The songs' own rows, as dense indicators, plus a non-binary row.
      const n = columns.rows.length + 1
      const x = new Float32Array(n * columns.nCols)
      columns.rows.forEach((r, s) => r.forEach((c) => (x[s * columns.nCols + c] = 1)))
      for (let c = 0; c < columns.nCols; c++) x[(n - 1) * columns.nCols + c] = rng.next() - 0.5
      const out = await session.run({
        [ENCODER_IO.input]: new ort.Tensor('float32', x, [n, columns.nCols]),
      })
      const got = out[ENCODER_IO.output]
      expect(got.dims).toEqual([n, 5])
      const js = encodeDense(model, x, n)
      let maxDiff = 0
      const onnx = got.data as Float32Array
      for (let i = 0; i < js.length; i++) maxDiff = Math.max(maxDiff, Math.abs(onnx[i] - js[i]))
      expect(maxDiff).toBeLessThan(1e-4)
      // The sparse path used in training and for the embeddings agrees with the dense one.
      const sparse = encodeSparse(model, columns.rows)
      for (let i = 0; i < sparse.length; i++) expect(Math.abs(sparse[i] - js[i])).toBeLessThan(1e-5)
      expect(model.input).toEqual(sparse)
      const proto = onnxType('ModelProto').toObject(onnxType('ModelProto').decode(bytes)) as {
        metadata_props: { key: string; value: string }[]
        graph: { node: { op_type: string }[] }
      }
      const meta = Object.fromEntries(proto.metadata_props.map((e) => [e.key, e.value]))
      expect(meta.model_id).toBe('ae-test')
      expect(meta.dim).toBe('5')
      expect(JSON.parse(meta.params).encoder).toEqual([12, 8, 5])
      expect(proto.graph.node.map((node) => node.op_type)).toEqual([
        'MatMul',
        'Add',
        'Selu',
        'MatMul',
        'Add',
        'Selu',
        'MatMul',
        'Add',
        'Selu',
      ])
    } finally {
      await session.release()
    }
  })

  it('refuses an encoder it cannot export', () => {
    const layer = { inSize: 3, outSize: 2, weight: new Float32Array(6), bias: new Float32Array(2) }
    expect(() => exportEncoderOnnx({ encoder: [], nCols: 3 }, { id: 'x' })).toThrow(/no layer/)
    expect(() => exportEncoderOnnx({ encoder: [layer], nCols: 4 }, { id: 'x' })).toThrow(
      /expected input width 4/,
    )
    expect(() => exportEncoderOnnx({ encoder: [layer], nCols: 3 }, { id: '' })).toThrow(
      /model id is empty/,
    )
    const bad = { ...layer, weight: new Float32Array(6).fill(Number.NaN) }
    expect(() => exportEncoderOnnx({ encoder: [bad], nCols: 3 }, { id: 'x' })).toThrow(/non-finite/)
  })
})
