// Temporal pooling: max-pooling over time windows, and global mean / max / L2 pooling over the whole clip.

/** Non-overlapping max-pooling along time (ONNX MaxPool, kernel = stride = `size`, floor). */
export class MaxPool1d {
  private argmax = new Int32Array(0)
  private inLength = 0
  private channels = 0

  constructor(readonly size: number) {}

  outLength(time: number): number {
    return Math.floor(time / this.size)
  }

  forward(x: Float32Array, channels: number, time: number): Float32Array {
    const P = this.size
    const T = this.outLength(time)
    if (T < 1) throw new Error(`MaxPool1d: ${time} frames are fewer than the pool size (${P})`)
    const y = new Float32Array(channels * T)
    const arg = new Int32Array(channels * T)
    for (let c = 0; c < channels; c++) {
      for (let t = 0; t < T; t++) {
        let best = c * time + t * P
        for (let k = 1; k < P; k++)
          if (x[c * time + t * P + k] > x[best]) best = c * time + t * P + k
        y[c * T + t] = x[best]
        arg[c * T + t] = best
      }
    }
    this.argmax = arg
    this.inLength = time
    this.channels = channels
    return y
  }

  backward(dy: Float32Array): Float32Array {
    const dx = new Float32Array(this.channels * this.inLength)
    for (let i = 0; i < dy.length; i++) dx[this.argmax[i]] += dy[i]
    return dx
  }
}

/**
 * Global temporal pooling of `[channels][time]` into `[mean(channels), max(channels), L2(channels)]`
 * (ONNX ReduceMean, ReduceMax, ReduceL2 over time, then Concat): the clip's summary whatever its length.
 */
export class GlobalPool {
  private input: Float32Array = new Float32Array(0)
  private argmax = new Int32Array(0)
  private norms = new Float32Array(0)
  private channels = 0
  private time = 0

  forward(x: Float32Array, channels: number, time: number): Float32Array {
    const y = new Float32Array(3 * channels)
    this.input = x
    this.channels = channels
    this.time = time
    this.argmax = new Int32Array(channels)
    this.norms = new Float32Array(channels)
    for (let c = 0; c < channels; c++) {
      const o = c * time
      let sum = 0
      let ss = 0
      let best = o
      for (let t = 0; t < time; t++) {
        const v = x[o + t]
        sum += v
        ss += v * v
        if (v > x[best]) best = o + t
      }
      const norm = Math.sqrt(ss)
      y[c] = sum / time
      y[channels + c] = x[best]
      y[2 * channels + c] = norm
      this.argmax[c] = best
      this.norms[c] = norm
    }
    return y
  }

  backward(dy: Float32Array): Float32Array {
    const { channels, time, input: x } = this
    const dx = new Float32Array(channels * time)
    for (let c = 0; c < channels; c++) {
      const o = c * time
      const gMean = dy[c] / time
      const norm = this.norms[c]
      const gL2 = norm > 0 ? dy[2 * channels + c] / norm : 0
      for (let t = 0; t < time; t++) dx[o + t] = gMean + gL2 * x[o + t]
      dx[this.argmax[c]] += dy[channels + c]
    }
    return dx
  }
}
