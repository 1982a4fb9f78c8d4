// The one shape the training loop needs from a network: parameters, a forward pass and its backward pass.
import type { Param } from './param'

/** A differentiable map from one example's input to an output vector. */
export interface Network<I> {
  readonly params: Param[]
  /** Output size. */
  readonly outSize: number
  /** Forward pass on one example; the result may be a reused buffer (copy it to keep it). */
  forward(input: I): Float32Array
  /** Backward pass of the last forward: accumulates the parameter gradients from dL/dy. */
  backward(dy: Float32Array): void
}
