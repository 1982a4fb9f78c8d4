// The NIPS 2013 baseline's input: per-band mean and standard deviation of the log-mel frames of a track.

/** `[mean(band 0..m−1), std(band 0..m−1)]` over every frame of every window of a track. */
export function bagOfFeatures(windows: readonly Float32Array[], mels: number): Float32Array {
  if (windows.length === 0)
    throw new Error('A track needs at least one mel window for its bag of features')
  const out = new Float32Array(2 * mels)
  for (let m = 0; m < mels; m++) {
    let n = 0
    let sum = 0
    let ss = 0
    for (const w of windows) {
      const frames = w.length / mels
      const o = m * frames
      for (let t = 0; t < frames; t++) {
        const v = w[o + t]
        sum += v
        ss += v * v
      }
      n += frames
    }
    const mean = sum / n
    out[m] = mean
    out[mels + m] = Math.sqrt(Math.max(0, ss / n - mean * mean))
  }
  return out
}
