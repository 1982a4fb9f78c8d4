// SELU (Klambauer et al. 2017), the self-normalising activation of every hidden layer, and its derivative.

/** SELU's α (the ONNX Selu default, written out in full precision). */
export const SELU_ALPHA = 1.6732632423543772
/** SELU's scale λ (ONNX calls it gamma). */
export const SELU_SCALE = 1.0507009873554805

/** Writes SELU(`pre`) into `out` (a separate array: `pre` is kept for the backward pass). */
export function seluForward(pre: Float32Array, out: Float32Array, n: number): void {
  for (let i = 0; i < n; i++) {
    const x = pre[i]
    out[i] = x > 0 ? SELU_SCALE * x : SELU_SCALE * SELU_ALPHA * (Math.exp(x) - 1)
  }
}

/** Multiplies the gradient `grad` (w.r.t. the activation) in place by SELU′ at `pre`, given `act` = SELU(pre). */
export function seluBackward(
  pre: Float32Array,
  act: Float32Array,
  grad: Float32Array,
  n: number,
): void {
  const la = SELU_SCALE * SELU_ALPHA
  for (let i = 0; i < n; i++) grad[i] *= pre[i] > 0 ? SELU_SCALE : act[i] + la
}
