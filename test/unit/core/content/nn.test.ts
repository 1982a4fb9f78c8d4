// The hand-written layers: analytic gradients match finite differences, and Adam fits what it should.
import { describe, expect, it } from 'vitest'
import { AudioCnn, minFrames, type CnnShape } from '../../../../src-main/core/content/audio/cnn'
import { Adam } from '../../../../src-main/core/content/nn/adam'
import { fitRegression } from '../../../../src-main/core/content/nn/fit'
import { Mlp } from '../../../../src-main/core/content/nn/mlp'
import type { Network } from '../../../../src-main/core/content/nn/network'
import { param, zeroGrads } from '../../../../src-main/core/content/nn/param'
import { createRng } from '../../../../src-main/core/util/random'

/** Loss = Σ c_d · y_d for fixed random c, so dL/dy = c. */
function gradCheck<I>(net: Network<I>, input: I, seed: number): number {
  const rng = createRng(seed)
  const c = Float32Array.from({ length: net.outSize }, () => rng.next() - 0.5)
  const loss = (): number => {
    const y = net.forward(input)
    let s = 0
    for (let d = 0; d < y.length; d++) s += c[d] * y[d]
    return s
  }
  zeroGrads(net.params)
  loss()
  net.backward(c)
  let worst = 0
  for (const p of net.params) {
    for (let t = 0; t < 6; t++) {
      const j = rng.nextInt(p.value.length)
      const old = p.value[j]
      const h = 1e-2
      p.value[j] = old + h
      const up = loss()
      p.value[j] = old - h
      const down = loss()
      p.value[j] = old
      const numeric = (up - down) / (2 * h)
      const err =
        Math.abs(numeric - p.grad[j]) / Math.max(1e-2, Math.abs(numeric) + Math.abs(p.grad[j]))
      worst = Math.max(worst, err)
    }
  }
  return worst
}

describe('layers', () => {
  it('the CNN backward pass matches finite differences (conv, max-pool, mean/max/L2 pooling, dense)', () => {
    const shape: CnnShape = {
      mels: 5,
      blocks: [
        { channels: 4, kernel: 3, pool: 2 },
        { channels: 3, kernel: 2, pool: 1 },
      ],
      hidden: 6,
      outSize: 4,
    }
    const net = new AudioCnn(shape, 3)
    const frames = minFrames(shape) + 7
    const rng = createRng(9)
    const x = Float32Array.from({ length: shape.mels * frames }, () => rng.next() * 2 - 1)
    expect(gradCheck(net, x, 1)).toBeLessThan(2e-2)
  })

  it('the MLP backward pass matches finite differences, sparse inputs included', () => {
    const net = new Mlp({ inSize: 7, hidden: 5, outSize: 3 }, 2)
    const x = Float32Array.from([0, 0.5, 0, -1, 0, 0.25, 0])
    expect(gradCheck(net, x, 4)).toBeLessThan(2e-2)
  })

  it('minFrames is the shortest input every layer accepts', () => {
    const shape: CnnShape = {
      mels: 2,
      blocks: [
        { channels: 2, kernel: 4, pool: 4 },
        { channels: 2, kernel: 4, pool: 2 },
      ],
      hidden: 2,
      outSize: 2,
    }
    const net = new AudioCnn(shape, 1)
    const n = minFrames(shape)
    // Block 2 needs 1·2 (pool) + 3 (kernel) = 5 frames; block 1 needs 5·4 + 3 = 23.
    expect(n).toBe(23)
    expect(() => net.forward(new Float32Array(2 * n))).not.toThrow()
    expect(() => net.forward(new Float32Array(2 * (n - 1)))).toThrow(/at least/)
  })

  it('Adam drives a quadratic to its minimum and decoupled decay shrinks unused weights', () => {
    const p = param('w', [2], Float32Array.from([3, -2]))
    const q = param('u', [1], Float32Array.from([1]))
    const adam = new Adam([p, q], { lr: 0.05, weightDecay: 0.5 })
    for (let i = 0; i < 2000; i++) {
      p.grad[0] = 2 * (p.value[0] - 1)
      p.grad[1] = 2 * (p.value[1] + 0.5)
      adam.step()
    }
    // Decay pulls the optimum a little toward 0; a weight with no gradient decays to nothing.
    expect(p.value[0]).toBeGreaterThan(0.8)
    expect(p.value[0]).toBeLessThan(1)
    expect(p.value[1]).toBeLessThan(-0.4)
    expect(q.value[0]).toBeLessThan(1e-3)
    expect(p.grad[0]).toBe(0)
  })

  it('fitRegression learns a linear map and keeps the best validation epoch', () => {
    const rng = createRng(5)
    const n = 200
    const xs = Array.from({ length: n }, () =>
      Float32Array.from({ length: 4 }, () => rng.next() * 2 - 1),
    )
    const ys = xs.map((x) => Float32Array.from([x[0] - 2 * x[1], 0.5 * x[2] + x[3]]))
    const net = new Mlp({ inSize: 4, hidden: 16, outSize: 2 }, 1)
    const validation = Array.from({ length: 20 }, (_, i) => i)
    const fit = fitRegression(
      net,
      n,
      (i) => xs[i],
      (i) => ys[i],
      { epochs: 60, batch: 8, lr: 1e-2, seed: 1, validation },
    )
    const best = Math.min(...fit.history.map((h) => h.validationLoss))
    expect(fit.history[fit.bestEpoch - 1].validationLoss).toBe(best)
    expect(best).toBeLessThan(0.01 * fit.history[0].validationLoss + 0.02)
    expect(() =>
      fitRegression(
        net,
        3,
        (i) => xs[i],
        (i) => ys[i],
        { epochs: 1, batch: 1, lr: 1, seed: 1, validation: [0, 1, 2] },
      ),
    ).toThrow(/Nothing to train on/)
  })
})
