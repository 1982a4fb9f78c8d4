// A one-hidden-layer perceptron (Dense → ReLU → Dense): the tag and bag-of-features regressors.
import { createRng } from '../../util/random'
import { Dense, reluBackwardInPlace, reluInPlace } from './dense'
import type { Network } from './network'
import type { Param } from './param'

/** Sizes of an {@link Mlp}. */
export interface MlpShape {
  /** Input features. */
  inSize: number
  /** Hidden ReLU units. */
  hidden: number
  /** Outputs (the song-vector dimension). */
  outSize: number
}

/** Dense(in → hidden) → ReLU → Dense(hidden → out); skips zero inputs, so sparse tag vectors are cheap. */
export class Mlp implements Network<Float32Array> {
  readonly first: Dense
  readonly second: Dense
  private hiddenOut: Float32Array = new Float32Array(0)

  constructor(
    readonly shape: MlpShape,
    seed: number,
  ) {
    const rng = createRng(seed)
    this.first = new Dense(shape.inSize, shape.hidden, rng, 'fc1')
    this.second = new Dense(shape.hidden, shape.outSize, rng, 'fc2', 'lecun')
  }

  get params(): Param[] {
    return [...this.first.params, ...this.second.params]
  }

  get outSize(): number {
    return this.shape.outSize
  }

  forward(x: Float32Array): Float32Array {
    if (x.length !== this.shape.inSize)
      throw new Error(`MLP: input of ${x.length} values, expected ${this.shape.inSize}`)
    this.hiddenOut = reluInPlace(this.first.forward(x))
    return this.second.forward(this.hiddenOut)
  }

  backward(dy: Float32Array): void {
    const dh = this.second.backward(dy)
    this.first.backward(reluBackwardInPlace(dh, this.hiddenOut), false)
  }
}
