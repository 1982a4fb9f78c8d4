// The dense SPD inverse: Cholesky and inverse against matrices known by hand, random ones across block edges, and the worker team (WebAssembly SIMD) against the TypeScript path.
import { describe, expect, it } from 'vitest'
import {
  cholesky,
  NotPositiveDefiniteError,
  soloWorkspace,
  spdInverseInPlace,
} from '../../../../src-main/core/linalg/spd-inverse'
import { sharedSpd } from '../../../../src-main/core/linalg/spd-inverse-parallel'

/** A random SPD matrix XᵀX/k + I (deterministic). */
function randomSpd(n: number, seed = 1): Float32Array {
  let s = seed
  const rnd = (): number => (s = (s * 1103515245 + 12345) % 2147483648) / 2147483648 - 0.5
  const k = 30
  const x = Array.from({ length: k * n }, rnd)
  const a = new Float32Array(n * n)
  for (let i = 0; i < n; i++)
    for (let j = 0; j <= i; j++) {
      let t = 0
      for (let r = 0; r < k; r++) t += x[r * n + i] * x[r * n + j]
      a[i * n + j] = a[j * n + i] = t / k + (i === j ? 1 : 0)
    }
  return a
}

/** max |A·B − I|. */
function identityError(a: ArrayLike<number>, b: ArrayLike<number>, n: number): number {
  let err = 0
  for (let i = 0; i < n; i++)
    for (let j = 0; j < n; j++) {
      let t = 0
      for (let m = 0; m < n; m++) t += a[i * n + m] * b[m * n + j]
      err = Math.max(err, Math.abs(t - (i === j ? 1 : 0)))
    }
  return err
}

describe('cholesky', () => {
  it('factors the textbook 3×3 matrix into its known L', () => {
    const a = Float32Array.from([4, 12, -16, 12, 37, -43, -16, -43, 98])
    cholesky(soloWorkspace(a, 3))
    expect([a[0], a[3], a[4], a[6], a[7], a[8]]).toEqual([2, 6, 1, -8, 5, 3])
    // The strict upper triangle is left as it was.
    expect([a[1], a[2], a[5]]).toEqual([12, -16, -43])
  })

  it('rejects a matrix that is not positive definite, naming the pivot', () => {
    const a = Float32Array.from([1, 2, 2, 1])
    expect(() => cholesky(soloWorkspace(a, 2))).toThrow(NotPositiveDefiniteError)
    try {
      cholesky(soloWorkspace(Float32Array.from([1, 2, 2, 1]), 2))
    } catch (e) {
      expect((e as NotPositiveDefiniteError).row).toBe(1)
    }
  })
})

describe('spdInverseInPlace', () => {
  it('inverts a 2×2 matrix exactly', () => {
    const a = Float32Array.from([4, 2, 2, 3])
    spdInverseInPlace(a, 2)
    expect([...a].map((v) => v * 8)).toEqual([3, -2, -2, 4].map((v) => expect.closeTo(v, 5)))
  })

  it('inverts the textbook 3×3 matrix: A⁻¹ = L⁻ᵀL⁻¹ with L⁻¹ = [[1/2,0,0],[-3,1,0],[19/3,-5/3,1/3]]', () => {
    const a = Float32Array.from([4, 12, -16, 12, 37, -43, -16, -43, 98])
    spdInverseInPlace(a, 3)
    const expected = [
      [1 / 4 + 9 + 361 / 9, -3 - 95 / 9, 19 / 9],
      [-3 - 95 / 9, 1 + 25 / 9, -5 / 9],
      [19 / 9, -5 / 9, 1 / 9],
    ].flat()
    expected.forEach((v, i) => expect(a[i]).toBeCloseTo(v, 3))
  })

  it('inverts random matrices whose sizes straddle the 64-column blocks and 4-row tiles', () => {
    for (const n of [1, 5, 63, 64, 65, 130]) {
      const a = randomSpd(n, n)
      const orig = Float64Array.from(a)
      spdInverseInPlace(a, n)
      expect(identityError(orig, a, n)).toBeLessThan(1e-4)
      // Both triangles hold the (symmetric) inverse.
      for (let i = 0; i < n; i++)
        for (let j = 0; j < i; j++) expect(a[i * n + j]).toBeCloseTo(a[j * n + i], 5)
    }
  })
})

describe('sharedSpd (worker team)', () => {
  it('gives the same inverse with two threads and the SIMD kernels as the TypeScript path', async () => {
    const n = 203
    const a = randomSpd(n, 7)
    const spd = sharedSpd(n, 2)
    spd.matrix.set(a)
    await spd.invert({ threads: 2 })
    const reference = Float32Array.from(a)
    spdInverseInPlace(reference, n)
    let diff = 0
    for (let i = 0; i < n * n; i++) diff = Math.max(diff, Math.abs(spd.matrix[i] - reference[i]))
    expect(diff).toBeLessThan(1e-4)
    expect(identityError(a, spd.matrix, n)).toBeLessThan(1e-4)
  }, 60_000)

  it('rejects a matrix that is not positive definite from every thread', async () => {
    const n = 70
    const spd = sharedSpd(n, 2)
    for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) spd.matrix[i * n + j] = 1
    await expect(spd.invert({ threads: 2 })).rejects.toThrow(/not positive definite/)
  }, 60_000)
})
