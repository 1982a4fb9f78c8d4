// Ridge in closed form: Cholesky solves exactly, and the fitted map is the penalised least-squares answer.
import { describe, expect, it } from 'vitest'
import { cholesky, choleskySolve } from '../../../../src-main/core/content/tags/cholesky'
import { applyLinear, ridgeStats, solveRidge } from '../../../../src-main/core/content/tags/ridge'
import { createRng } from '../../../../src-main/core/util/random'

describe('cholesky', () => {
  it('factors an SPD matrix and solves A·X = B', () => {
    const a = Float64Array.from([4, 2, 0.6, 2, 5, 1, 0.6, 1, 3])
    const l = cholesky(a, 3)
    // L·Lᵀ reproduces A.
    for (let i = 0; i < 3; i++) {
      for (let j = 0; j < 3; j++) {
        let s = 0
        for (let k = 0; k < 3; k++) s += l[i * 3 + k] * l[j * 3 + k]
        expect(s).toBeCloseTo(a[i * 3 + j], 12)
      }
    }
    const x = Float64Array.from([1, -2, 0.5, 3, 2, -1])
    const b = new Float64Array(6)
    for (let i = 0; i < 3; i++)
      for (let c = 0; c < 2; c++)
        for (let k = 0; k < 3; k++) b[i * 2 + c] += a[i * 3 + k] * x[k * 2 + c]
    const solved = choleskySolve(l, 3, b, 2)
    solved.forEach((v, i) => expect(v).toBeCloseTo(x[i], 10))
  })

  it('refuses a matrix that is not positive definite', () => {
    expect(() => cholesky(Float64Array.from([1, 2, 2, 1]), 2)).toThrow(/not positive definite/)
  })
})

describe('ridge', () => {
  it('matches the one-feature closed form w = Σ(x−x̄)(y−ȳ) / (Σ(x−x̄)² + λ), b = ȳ − w·x̄', () => {
    const xs = [1, 2, 4, 7]
    const ys = [3, 2, 6, 9]
    const lambda = 2
    const stats = ridgeStats(Float32Array.from(xs), 1, Float32Array.from(ys), 1, [0, 1, 2, 3])
    const map = solveRidge(stats, lambda)
    const xm = 3.5
    const ym = 5
    const sxy = xs.reduce((s, x, i) => s + (x - xm) * (ys[i] - ym), 0)
    const sxx = xs.reduce((s, x) => s + (x - xm) ** 2, 0)
    const w = sxy / (sxx + lambda)
    expect(map.weights[0]).toBeCloseTo(w, 5)
    expect(map.bias[0]).toBeCloseTo(ym - w * xm, 5)
  })

  it('recovers a linear map from sparse features with a small penalty', () => {
    const rng = createRng(3)
    const n = 400
    const p = 12
    const dim = 3
    const truth = Float32Array.from({ length: p * dim }, () => rng.next() * 2 - 1)
    const x = new Float32Array(n * p)
    const y = new Float32Array(n * dim)
    for (let r = 0; r < n; r++) {
      for (let k = 0; k < 3; k++) x[r * p + rng.nextInt(p)] = 1
      applyLinear(
        { inSize: p, outSize: dim, weights: truth, bias: Float32Array.from([0.5, -1, 2]) },
        x.subarray(r * p, (r + 1) * p),
        y.subarray(r * dim, (r + 1) * dim),
      )
    }
    const map = solveRidge(
      ridgeStats(
        x,
        p,
        y,
        dim,
        Array.from({ length: n }, (_, i) => i),
      ),
      1e-3,
    )
    const probe = new Float32Array(p)
    probe[4] = 1
    probe[7] = 1
    const got = applyLinear(map, probe)
    for (let d = 0; d < dim; d++)
      expect(got[d]).toBeCloseTo(truth[4 * dim + d] + truth[7 * dim + d] + [0.5, -1, 2][d], 2)
    expect(() => solveRidge(ridgeStats(x, p, y, dim, [0]), 0)).toThrow(/must be positive/)
  })
})
