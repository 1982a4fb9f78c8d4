// A dense score per song plus the list of songs that got any, so a query resets only what it touched.

/** Scores of the last query over a catalogue of `size` songs; subclasses fill them. */
export class TouchedScores {
  /** Score of every song for the last context (0 for untouched songs). */
  readonly scores: Float64Array
  /** Songs with a non-zero score, in first-touched order; the first `count` entries are valid. */
  readonly touched: Int32Array
  count = 0

  constructor(size: number) {
    this.scores = new Float64Array(size)
    this.touched = new Int32Array(size)
  }

  /** Largest score of the last context (0 when nothing was touched). */
  max(): number {
    let m = 0
    for (let i = 0; i < this.count; i++) m = Math.max(m, this.scores[this.touched[i]])
    return m
  }

  clear(): void {
    for (let i = 0; i < this.count; i++) this.scores[this.touched[i]] = 0
    this.count = 0
  }
}
