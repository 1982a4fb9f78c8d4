// The exported CNN graph, run by onnxruntime-node, gives what our own forward pass gives.
import * as ort from 'onnxruntime-node'
import { describe, expect, it } from 'vitest'
import {
  AudioCnn,
  defaultCnnShape,
  predictTrack,
} from '../../../../src-main/core/content/audio/cnn'
import { CNN_IO, exportCnnOnnx } from '../../../../src-main/core/content/audio/cnn-onnx'
import { createRng } from '../../../../src-main/core/util/random'

describe('exportCnnOnnx', () => {
  it('matches the JS forward pass within 1e-4 for a batch of windows, whatever the frame count', async () => {
    const shape = defaultCnnShape(32)
    const rng = createRng(11)
    const norm = {
      mean: Float32Array.from({ length: 128 }, () => rng.next() * 4 - 8),
      scale: Float32Array.from({ length: 128 }, () => 0.5 + rng.next()),
    }
    const net = new AudioCnn(shape, 5, norm)
    // Non-zero biases so every initializer matters.
    for (const p of net.params)
      if (p.name.endsWith('bias')) p.value.forEach((_, i) => (p.value[i] = rng.next() - 0.5))
    const session = await ort.InferenceSession.create(exportCnnOnnx(net.toModel()))
    try {
      for (const frames of [129, 64]) {
        const batch = 3
        const x = Float32Array.from({ length: batch * 128 * frames }, () => rng.next() * 6 - 10)
        const out = await session.run({
          [CNN_IO.mel]: new ort.Tensor('float32', x, [batch, 128, frames]),
        })
        const y = out[CNN_IO.vector]
        expect(y.dims).toEqual([batch, 32])
        const data = y.data as Float32Array
        let worst = 0
        for (let b = 0; b < batch; b++) {
          const js = net.forward(x.subarray(b * 128 * frames, (b + 1) * 128 * frames))
          for (let d = 0; d < 32; d++) worst = Math.max(worst, Math.abs(js[d] - data[b * 32 + d]))
        }
        expect(worst).toBeLessThan(1e-4)
        expect(Math.max(...Array.from(data, Math.abs))).toBeGreaterThan(1e-2)
      }
    } finally {
      await session.release()
    }
  })

  it('a saved model rebuilds the same network', () => {
    const net = new AudioCnn(defaultCnnShape(8), 2)
    const again = AudioCnn.fromModel(net.toModel())
    const x = Float32Array.from({ length: 128 * 60 }, (_, i) => Math.sin(i))
    expect(Array.from(again.forward(x))).toEqual(Array.from(net.forward(x)))
    const v = predictTrack(again, [x, x.map((v) => -v)])
    expect(Math.hypot(...v)).toBeCloseTo(1, 5)
    expect(() => predictTrack(again, [])).toThrow(/at least one mel window/)
  })
})
