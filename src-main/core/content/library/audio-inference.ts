// Places tracks by their sound: the audio CNN's exported ONNX graph run by onnxruntime (or the small MLP in JS), a few tracks at a time.
import { setImmediate as yieldToLoop } from 'node:timers/promises'
import * as ort from 'onnxruntime-node'
import { audioPredictor, type AudioModel } from '../audio/audio-model'
import { normalizeInPlace } from '../audio/cnn'
import { CNN_IO } from '../audio/cnn-onnx'
import { decodeWindows, windowsShape } from './window-codec'

/** A track to place: its song key and its cached (encoded) mel windows. */
export interface AudioItem {
  key: string
  windows: Uint8Array
}

/** Tracks per onnxruntime run (each run holds the event loop for ~1 ms per track). */
const BATCH = 16

/**
 * Unit vectors of `items` in the model's space. A CNN runs as `onnx` (its exported graph): the
 * windows of each track go through the graph and their outputs are summed and normalised, as
 * `predictTrack` does; the bag-of-features MLP runs in JS. The event loop is given back after
 * every batch; aborting stops between batches.
 */
export async function placeByAudio(
  model: AudioModel,
  onnx: Uint8Array | null,
  items: readonly AudioItem[],
  opts: { signal?: AbortSignal; onProgress?: (done: number) => void } = {},
): Promise<Float32Array[]> {
  if (model.kind === 'bof') {
    const predict = audioPredictor(model)
    const out: Float32Array[] = []
    for (let i = 0; i < items.length; i++) {
      out.push(predict(decodeWindows(items[i].windows)))
      if (i % BATCH === BATCH - 1) {
        opts.onProgress?.(i + 1)
        await yieldToLoop()
        opts.signal?.throwIfAborted()
      }
    }
    return out
  }
  if (!onnx) throw new Error('The audio CNN has no ONNX graph: analyse your music again')
  const session = await ort.InferenceSession.create(onnx, {
    graphOptimizationLevel: 'all',
    executionMode: 'sequential',
    intraOpNumThreads: 1,
    interOpNumThreads: 1,
  })
  const dim = model.shape.outSize
  const out: Float32Array[] = []
  try {
    for (let start = 0; start < items.length; start += BATCH) {
      opts.signal?.throwIfAborted()
      const batch = items.slice(start, start + BATCH)
      const shape = windowsShape(batch[0].windows)
      if (shape.mels !== model.shape.mels)
        throw new Error(
          `The audio model expects ${model.shape.mels} mel bands, the cache has ${shape.mels}: analyse your music again`,
        )
      const decoded = batch.map((b) => decodeWindows(b.windows))
      const values = shape.mels * shape.frames
      const count = decoded.reduce((s, w) => s + w.length, 0)
      const input = new Float32Array(count * values)
      let at = 0
      for (const track of decoded) {
        for (const w of track) {
          if (w.length !== values)
            throw new Error('Cached mel windows differ in size: analyse your music again')
          input.set(w, at)
          at += values
        }
      }
      const result = await session.run({
        [CNN_IO.mel]: new ort.Tensor('float32', input, [count, shape.mels, shape.frames]),
      })
      const y = result[CNN_IO.vector].data as Float32Array
      let row = 0
      for (const track of decoded) {
        const v = new Float32Array(dim)
        for (let w = 0; w < track.length; w++, row++)
          for (let d = 0; d < dim; d++) v[d] += y[row * dim + d]
        out.push(normalizeInPlace(v))
      }
      opts.onProgress?.(out.length)
      await yieldToLoop()
    }
  } finally {
    await session.release()
  }
  return out
}
