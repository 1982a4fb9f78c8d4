// The audio CNN: 1-D convolutions over time (mel bands as channels), ReLU, max-pooling, global mean/max/L2 pooling, dense layers.
import { createRng } from '../../util/random'
import { Conv1d } from '../nn/conv1d'
import { Dense, reluBackwardInPlace, reluInPlace } from '../nn/dense'
import type { Network } from '../nn/network'
import { restore, snapshot, type Param } from '../nn/param'
import { GlobalPool, MaxPool1d } from '../nn/pool'

/** One convolution block: Conv1d(kernel) → ReLU → MaxPool(pool) (pool 1 = no pooling). */
export interface ConvBlockShape {
  /** Output channels. */
  channels: number
  /** Kernel length in frames. */
  kernel: number
  /** Max-pooling size and stride in frames (1 skips the pooling). */
  pool: number
}

/** Architecture of an {@link AudioCnn}. */
export interface CnnShape {
  /** Mel bands (input channels). */
  mels: number
  /** Convolution blocks, in order. */
  blocks: ConvBlockShape[]
  /** Units of the hidden dense layer after the global pooling. */
  hidden: number
  /** Outputs (the song-vector dimension). */
  outSize: number
}

/** Per-band standardisation applied to the log-mel input before the first convolution. */
export interface InputNorm {
  /** Mean of each band over the training windows. */
  mean: Float32Array
  /** 1 / standard deviation of each band. */
  scale: Float32Array
}

/** A trained CNN as plain data (what is saved, sent to workers and exported to ONNX). */
export interface CnnModel {
  kind: 'cnn'
  shape: CnnShape
  norm: InputNorm
  /** Weights by parameter name (`conv0.weight`, …, `fc1.bias`, `fc2.weight`, …). */
  weights: Record<string, Float32Array>
}

/** The seed's architecture, scaled for 3-second windows at 22,050 Hz / hop 512 (129 frames). */
export function defaultCnnShape(outSize: number, mels = 128): CnnShape {
  return {
    mels,
    blocks: [
      { channels: 64, kernel: 4, pool: 4 },
      { channels: 64, kernel: 4, pool: 2 },
      { channels: 64, kernel: 4, pool: 1 },
    ],
    hidden: 128,
    outSize,
  }
}

/** The smallest number of frames the shape accepts (every conv and pool keeps ≥ 1 frame). */
export function minFrames(shape: CnnShape): number {
  let need = 1
  for (let b = shape.blocks.length - 1; b >= 0; b--) {
    const { kernel, pool } = shape.blocks[b]
    need = need * pool + kernel - 1
  }
  return need
}

/** The network with its own forward and backward passes (input: raw log-mel `[mels][frames]`). */
export class AudioCnn implements Network<Float32Array> {
  readonly convs: Conv1d[]
  readonly pools: (MaxPool1d | undefined)[]
  readonly global = new GlobalPool()
  readonly fc1: Dense
  readonly fc2: Dense
  private readonly norm: InputNorm
  private convOuts: Float32Array[] = []
  private hiddenOut: Float32Array = new Float32Array(0)

  constructor(
    readonly shape: CnnShape,
    seed: number,
    norm?: InputNorm,
  ) {
    checkShape(shape)
    const rng = createRng(seed)
    let cin = shape.mels
    this.convs = shape.blocks.map((b, i) => {
      const conv = new Conv1d(cin, b.channels, b.kernel, rng, `conv${i}`)
      cin = b.channels
      return conv
    })
    this.pools = shape.blocks.map((b) => (b.pool > 1 ? new MaxPool1d(b.pool) : undefined))
    this.fc1 = new Dense(3 * cin, shape.hidden, rng, 'fc1')
    this.fc2 = new Dense(shape.hidden, shape.outSize, rng, 'fc2', 'lecun')
    this.norm = norm ?? {
      mean: new Float32Array(shape.mels),
      scale: new Float32Array(shape.mels).fill(1),
    }
  }

  /** Rebuilds a trained network from its saved form. */
  static fromModel(model: CnnModel): AudioCnn {
    const net = new AudioCnn(model.shape, 0, model.norm)
    restore(net.params, model.weights)
    return net
  }

  /** The network as plain data (copies). */
  toModel(): CnnModel {
    return {
      kind: 'cnn',
      shape: structuredClone(this.shape),
      norm: { mean: Float32Array.from(this.norm.mean), scale: Float32Array.from(this.norm.scale) },
      weights: snapshot(this.params),
    }
  }

  get params(): Param[] {
    return [...this.convs.flatMap((c) => c.params), ...this.fc1.params, ...this.fc2.params]
  }

  get outSize(): number {
    return this.shape.outSize
  }

  /** Forward pass on one window `[mels][frames]` (any frames ≥ {@link minFrames}). */
  forward(mel: Float32Array): Float32Array {
    const { mels } = this.shape
    const frames = mel.length / mels
    if (!Number.isInteger(frames) || frames < minFrames(this.shape)) {
      throw new Error(
        `AudioCnn: a window needs ${mels} bands × at least ${minFrames(this.shape)} frames, got ${mel.length} values`,
      )
    }
    let x: Float32Array = new Float32Array(mel.length)
    const { mean, scale } = this.norm
    for (let c = 0; c < mels; c++) {
      const m = mean[c]
      const s = scale[c]
      const o = c * frames
      for (let t = 0; t < frames; t++) x[o + t] = (mel[o + t] - m) * s
    }
    let time = frames
    this.convOuts = []
    for (let b = 0; b < this.convs.length; b++) {
      const conv = this.convs[b]
      x = reluInPlace(conv.forward(x, time))
      time = conv.outLength(time)
      this.convOuts.push(x)
      const pool = this.pools[b]
      if (pool) {
        x = pool.forward(x, conv.outChannels, time)
        time = pool.outLength(time)
      }
    }
    const last = this.convs[this.convs.length - 1].outChannels
    const pooled = this.global.forward(x, last, time)
    this.hiddenOut = reluInPlace(this.fc1.forward(pooled))
    return this.fc2.forward(this.hiddenOut)
  }

  backward(dy: Float32Array): void {
    const dh = reluBackwardInPlace(this.fc2.backward(dy), this.hiddenOut)
    let dx = this.global.backward(this.fc1.backward(dh))
    for (let b = this.convs.length - 1; b >= 0; b--) {
      const pool = this.pools[b]
      if (pool) dx = pool.backward(dx)
      reluBackwardInPlace(dx, this.convOuts[b])
      dx = this.convs[b].backward(dx, b > 0)
    }
  }
}

/** Mean of the network's outputs over a track's windows, scaled to unit length: the track's place. */
export function predictTrack(net: AudioCnn, windows: readonly Float32Array[]): Float32Array {
  if (windows.length === 0) throw new Error('A track needs at least one mel window to be placed')
  const out = new Float32Array(net.outSize)
  for (const w of windows) {
    const y = net.forward(w)
    for (let d = 0; d < out.length; d++) out[d] += y[d]
  }
  return normalizeInPlace(out)
}

/** Scales `v` to unit length (a zero vector stays zero); returns it. */
export function normalizeInPlace(v: Float32Array): Float32Array {
  let ss = 0
  for (let d = 0; d < v.length; d++) ss += v[d] * v[d]
  if (ss > 0) {
    const inv = 1 / Math.sqrt(ss)
    for (let d = 0; d < v.length; d++) v[d] *= inv
  }
  return v
}

function checkShape(shape: CnnShape): void {
  const positive = (v: number, what: string): void => {
    if (!Number.isInteger(v) || v < 1)
      throw new Error(`CNN shape: ${what} must be a positive integer, got ${v}`)
  }
  positive(shape.mels, 'mels')
  positive(shape.hidden, 'hidden')
  positive(shape.outSize, 'outSize')
  if (shape.blocks.length === 0)
    throw new Error('CNN shape: at least one convolution block is needed')
  for (const b of shape.blocks) {
    positive(b.channels, 'channels')
    positive(b.kernel, 'kernel')
    positive(b.pool, 'pool')
  }
}
