// Playlist factors for a playlist the model never saw: one exact ALS user step against the trained song factors.
import { buildConfidence } from './confidence'
import { addGram, createScratch, solveRow, type SolveScratch } from './sweep'
import type { AlsModel } from './types'

/** Solves new playlists against fixed song factors (Yᵀ·Y computed once). */
export class AlsFoldIn {
  private readonly gram: Float64Array
  private readonly scratch: SolveScratch
  private readonly x: Float32Array

  constructor(private readonly model: AlsModel) {
    const f = model.dim
    this.gram = new Float64Array(f * f)
    addGram(model.input, f, 0, model.vocab.length, this.gram)
    this.scratch = createScratch(f)
    this.x = new Float32Array(f)
  }

  /**
   * The factors x minimising Σ_i c_i·(p_i − xᵀy_i)² + λ‖x‖² for a playlist of song indices (repeats
   * raise confidence), with the model's α, ε and λ — exactly what training would give that row.
   * Songs outside the vocabulary throw.
   */
  userFactors(songs: readonly number[]): Float32Array {
    const { params, dim: f, vocab } = this.model
    const { byUser } = buildConfidence([songs], vocab.length, params.alpha, params.epsilon)
    solveRow(byUser, 0, this.model.input, this.gram, f, params.lambda, this.x, this.scratch)
    return Float32Array.from(this.x)
  }

  /** Predicted preference xᵀy of every song for the playlist `songs`, into `out` (length = vocabulary). */
  scores(songs: readonly number[], out: Float64Array): Float64Array {
    const x = this.userFactors(songs)
    const { input: y, dim: f } = this.model
    for (let i = 0, o = 0; i < out.length; i++, o += f) {
      let s = 0
      for (let d = 0; d < f; d++) s += x[d] * y[o + d]
      out[i] = s
    }
    return out
  }
}
