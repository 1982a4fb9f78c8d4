// The kernel's CBOW and skip-gram updates against the negative-sampling objective computed directly in float64.
import { describe, expect, it } from 'vitest'
import { createRng } from '../../../../src-main/core/util/random'
import { kernelHarness, type KernelHarness } from './kernel-harness'

const ALPHA = 0.5
/** The tabulated sigmoid is off by at most σ'·(cell/2) ≈ 0.0015; float32 adds a little. */
const TOL = 2e-3

const sigma = (x: number): number => 1 / (1 + Math.exp(-x))
const dot = (a: number[], b: number[]): number => a.reduce((s, x, i) => s + x * b[i], 0)

/** −log σ(u_pos·h) − Σ log σ(−u_neg·h): the objective one example contributes. */
function objective(h: number[], pos: number[], negs: number[][]): number {
  return -Math.log(sigma(dot(pos, h))) - negs.reduce((s, u) => s + Math.log(sigma(-dot(u, h))), 0)
}

/** Central finite differences of `f` at `x`. */
function numericGradient(f: (x: number[]) => number, x: number[]): number[] {
  const eps = 1e-5
  return x.map((_, i) => {
    const up = [...x]
    const down = [...x]
    up[i] += eps
    down[i] -= eps
    return (f(up) - f(down)) / (2 * eps)
  })
}

function row(m: Float32Array, r: number, dim: number): number[] {
  return Array.from(m.subarray(r * dim, (r + 1) * dim))
}

async function setUp(dim: number, rows: number): Promise<KernelHarness> {
  const h = await kernelHarness({ counts: Array(rows).fill(5), dim, negative: 8 })
  const rng = createRng(7)
  for (let i = 0; i < h.input.length; i++) h.input[i] = rng.next() - 0.5
  for (let i = 0; i < h.output.length; i++) h.output[i] = rng.next() - 0.5
  return h
}

describe('one CBOW update', () => {
  for (const dim of [37, 64]) {
    it(`moves output rows and every context row along the objective's gradient (dim ${dim})`, async () => {
      const h = await setUp(dim, 20)
      const word = 3
      const context = [1, 8, 12]
      const negatives = [5, 7, 9, 11, 13, 2] // six: one group of four scores plus singles
      const inBefore = context.map((c) => row(h.input, c, dim))
      const outBefore = [word, ...negatives].map((t) => row(h.output, t, dim))
      const mean = inBefore[0].map(
        (_, d) => inBefore.reduce((s, v) => s + v[d], 0) / context.length,
      )

      const args = h.u32(h.spare, 16)
      args.set(context, 0)
      args.set(negatives, 8)
      h.kernel.resetLoss()
      h.kernel.cbowUpdate(word, h.spare, context.length, h.spare + 32, negatives.length, ALPHA)

      const gradH = numericGradient((x) => objective(x, outBefore[0], outBefore.slice(1)), mean)
      // gensim's cbow_mean=1 rule: each context row takes the hidden vector's full step.
      context.forEach((c, i) => {
        const expected = inBefore[i].map((x, d) => x - ALPHA * gradH[d])
        row(h.input, c, dim).forEach((x, d) => expect(Math.abs(x - expected[d])).toBeLessThan(TOL))
      })
      ;[word, ...negatives].forEach((t, k) => {
        const grad = numericGradient(
          (u) =>
            objective(
              mean,
              k === 0 ? u : outBefore[0],
              outBefore.slice(1).map((v, j) => (j === k - 1 ? u : v)),
            ),
          outBefore[k],
        )
        const expected = outBefore[k].map((x, d) => x - ALPHA * grad[d])
        const actual = row(h.output, t, dim)
        actual.forEach((x, d) => expect(Math.abs(x - expected[d])).toBeLessThan(TOL))
      })
      expect(h.kernel.getLossCount()).toBe(1)
      expect(h.kernel.getLossSum()).toBeCloseTo(
        objective(mean, outBefore[0], outBefore.slice(1)),
        2,
      )
    })
  }

  it('re-scores a repeated negative after its first step, as the one-at-a-time loop does', async () => {
    const dim = 24
    const h = await setUp(dim, 12)
    const word = 0
    const context = [4, 6]
    const negatives = [2, 3, 2, 5, 2]
    const args = h.u32(h.spare, 16)
    args.set(context, 0)
    args.set(negatives, 8)
    const input = Array.from(h.input, Number)
    const output = Array.from(h.output, Number)
    h.kernel.cbowUpdate(word, h.spare, context.length, h.spare + 32, negatives.length, ALPHA)

    // word2vec's loop, in float64.
    const at = (m: number[], r: number): number[] => m.slice(r * dim, (r + 1) * dim)
    const mean = at(input, 4).map((x, d) => (x + input[6 * dim + d]) / 2)
    const err = Array(dim).fill(0)
    ;[word, ...negatives].forEach((t, k) => {
      const u = at(output, t)
      const g = ((k === 0 ? 1 : 0) - sigma(dot(u, mean))) * ALPHA
      for (let d = 0; d < dim; d++) {
        err[d] += g * u[d]
        output[t * dim + d] += g * mean[d]
      }
    })
    for (const c of context) for (let d = 0; d < dim; d++) input[c * dim + d] += err[d]
    h.output.forEach((x, i) => expect(Math.abs(x - output[i])).toBeLessThan(TOL))
    h.input.forEach((x, i) => expect(Math.abs(x - input[i])).toBeLessThan(TOL))
  })
})

describe('one skip-gram update', () => {
  it("moves the context word's input row and the output rows along the gradient", async () => {
    const dim = 37
    const h = await setUp(dim, 20)
    const word = 4
    const contextWord = 10
    const negatives = [1, 2, 3, 15, 16]
    const v = row(h.input, contextWord, dim)
    const untouched = row(h.input, 0, dim)
    const outBefore = [word, ...negatives].map((t) => row(h.output, t, dim))
    h.u32(h.spare, 8).set(negatives)
    h.kernel.resetLoss()
    h.kernel.sgUpdate(word, contextWord, h.spare, negatives.length, ALPHA)

    const gradV = numericGradient((x) => objective(x, outBefore[0], outBefore.slice(1)), v)
    const expectedV = v.map((x, d) => x - ALPHA * gradV[d])
    row(h.input, contextWord, dim).forEach((x, d) =>
      expect(Math.abs(x - expectedV[d])).toBeLessThan(TOL),
    )
    ;[word, ...negatives].forEach((t, k) => {
      const grad = numericGradient(
        (u) =>
          objective(
            v,
            k === 0 ? u : outBefore[0],
            outBefore.slice(1).map((w, j) => (j === k - 1 ? u : w)),
          ),
        outBefore[k],
      )
      const expected = outBefore[k].map((x, d) => x - ALPHA * grad[d])
      row(h.output, t, dim).forEach((x, d) => expect(Math.abs(x - expected[d])).toBeLessThan(TOL))
    })
    // Rows that took no part are untouched.
    expect(row(h.input, 0, dim)).toEqual(untouched)
    expect(h.kernel.getLossSum()).toBeCloseTo(objective(v, outBefore[0], outBefore.slice(1)), 2)
  })
})
