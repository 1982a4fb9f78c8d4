// WMF/ALS against a dense solution of the same objective, plus confidence, determinism, threads and aborts.
import { describe, expect, it } from 'vitest'
import { buildConfidence, confidenceOf } from '../../../../src-main/core/als/confidence'
import { AlsFoldIn } from '../../../../src-main/core/als/fold-in'
import { addGram } from '../../../../src-main/core/als/sweep'
import { wmfObjective } from '../../../../src-main/core/als/objective'
import { trainAls } from '../../../../src-main/core/als/train'
import { createRng } from '../../../../src-main/core/util/random'

// 7 playlists over 6 songs, with repeats (song 0 three times in playlist 0) and an empty playlist.
const rows = [[0, 0, 0, 1, 2], [1, 2], [2, 3, 3], [3, 4], [4, 5, 0], [], [5, 1, 2, 4]]
const nItems = 6
const f = 3
const params = { factors: f, lambda: 0.5, alpha: 2, epsilon: 0.5, threads: 0 }
const y0 = Float32Array.from({ length: nItems * f }, (_, i) => Math.fround(Math.sin(i + 1) * 0.7))

/** Gaussian elimination with partial pivoting on a dense copy (independent of the Cholesky code). */
function solveDense(a: number[][], b: number[]): number[] {
  const n = b.length
  const m = a.map((row, i) => [...row, b[i]])
  for (let c = 0; c < n; c++) {
    let p = c
    for (let r = c + 1; r < n; r++) if (Math.abs(m[r][c]) > Math.abs(m[p][c])) p = r
    ;[m[c], m[p]] = [m[p], m[c]]
    for (let r = c + 1; r < n; r++) {
      const k = m[r][c] / m[c][c]
      for (let j = c; j <= n; j++) m[r][j] -= k * m[c][j]
    }
  }
  const x = new Array<number>(n).fill(0)
  for (let r = n - 1; r >= 0; r--) {
    let s = m[r][n]
    for (let j = r + 1; j < n; j++) s -= m[r][j] * x[j]
    x[r] = s / m[r][r]
  }
  return x
}

/** Dense confidence C and preference P over every cell. */
function denseCells(): { c: number[][]; p: number[][] } {
  const c = rows.map(() => new Array<number>(nItems).fill(1))
  const p = rows.map(() => new Array<number>(nItems).fill(0))
  rows.forEach((row, u) => {
    for (let i = 0; i < nItems; i++) {
      const count = row.filter((s) => s === i).length
      if (count > 0) {
        c[u][i] = confidenceOf(count, params.alpha, params.epsilon)
        p[u][i] = 1
      }
    }
  })
  return { c, p }
}

/** argmin_x Σ_j c_j (p_j − xᵀ·v_j)² + λ‖x‖² by its dense normal equations over all cells. */
function denseRow(vs: Float32Array, cRow: number[], pRow: number[]): number[] {
  const a = Array.from({ length: f }, (_, r) =>
    Array.from({ length: f }, (_, s) => (r === s ? params.lambda : 0)),
  )
  const b = new Array<number>(f).fill(0)
  cRow.forEach((cj, j) => {
    for (let r = 0; r < f; r++) {
      b[r] += cj * pRow[j] * vs[j * f + r]
      for (let s = 0; s < f; s++) a[r][s] += cj * vs[j * f + r] * vs[j * f + s]
    }
  })
  return solveDense(a, b)
}

describe('trainAls', () => {
  it('one sweep equals the dense normal-equation solution over all cells (from the same init)', async () => {
    const model = await trainAls(
      { rows, nItems },
      { ...params, iterations: 1 },
      { initialItemFactors: y0 },
    )
    const { c, p } = denseCells()
    const x = Float32Array.from(rows.flatMap((_, u) => denseRow(y0, c[u], p[u])))
    const y = Float32Array.from(
      Array.from({ length: nItems }, (_, i) =>
        denseRow(
          x,
          rows.map((_, u) => c[u][i]),
          rows.map((_, u) => p[u][i]),
        ),
      ).flat(),
    )
    expect(model.userFactors.length).toBe(rows.length * f)
    for (let k = 0; k < x.length; k++)
      expect(Math.abs(model.userFactors[k] - x[k])).toBeLessThan(1e-5)
    for (let k = 0; k < y.length; k++) expect(Math.abs(model.input[k] - y[k])).toBeLessThan(1e-5)
    // The empty playlist has nothing to fit: its factors are exactly zero.
    expect([...model.userFactors.subarray(5 * f, 6 * f)]).toEqual([0, 0, 0])
    expect(model.output).toBe(model.input)
    expect(model.vocab).toEqual(['0', '1', '2', '3', '4', '5'])
  })

  it('computes the objective over every cell, and ALS never increases it', async () => {
    const model = await trainAls(
      { rows, nItems },
      { ...params, iterations: 6, computeLoss: true, seed: 3 },
    )
    const { c, p } = denseCells()
    let direct = 0
    for (let u = 0; u < rows.length; u++) {
      for (let i = 0; i < nItems; i++) {
        let s = 0
        for (let d = 0; d < f; d++) s += model.userFactors[u * f + d] * model.input[i * f + d]
        direct += c[u][i] * (p[u][i] - s) ** 2
      }
    }
    for (const v of [model.userFactors, model.input])
      for (const e of v) direct += params.lambda * e * e
    expect(model.lossHistory).toHaveLength(6)
    expect(model.lossHistory[5]).toBeCloseTo(direct, 6)
    for (let k = 1; k < 6; k++)
      expect(model.lossHistory[k]).toBeLessThanOrEqual(model.lossHistory[k - 1] * (1 + 1e-9))
    const gram = new Float64Array(f * f)
    addGram(model.input, f, 0, nItems, gram)
    const { byUser } = buildConfidence(rows, nItems, params.alpha, params.epsilon)
    expect(
      wmfObjective(byUser, model.userFactors, model.input, gram, f, params.lambda),
    ).toBeCloseTo(direct, 6)
  })

  it('weighs repeated songs by confidence: α = 0 ignores counts, α > 0 fits the repeated cell closer to 1', async () => {
    const deduped = rows.map((r) => [...new Set(r)])
    const predict = (
      m: { userFactors: Float32Array; input: Float32Array },
      u: number,
      i: number,
    ): number => {
      let s = 0
      for (let d = 0; d < f; d++) s += m.userFactors[u * f + d] * m.input[i * f + d]
      return s
    }
    const flat = { ...params, alpha: 0, iterations: 4, seed: 9 }
    const a0 = await trainAls({ rows, nItems }, flat)
    const b0 = await trainAls({ rows: deduped, nItems }, flat)
    expect(a0.input).toEqual(b0.input)
    const weighted = { ...params, alpha: 5, iterations: 4, seed: 9 }
    const a5 = await trainAls({ rows, nItems }, weighted)
    const b5 = await trainAls({ rows: deduped, nItems }, weighted)
    expect(predict(a5, 0, 0)).toBeGreaterThan(predict(b5, 0, 0) + 0.01)
    // A larger α pulls every observed cell towards 1.
    const meanObserved = (m: typeof a0): number => {
      let s = 0
      let n = 0
      deduped.forEach((r, u) => r.forEach((i) => ((s += predict(m, u, i)), n++)))
      return s / n
    }
    expect(meanObserved(a5)).toBeGreaterThan(meanObserved(a0) + 0.05)
  })

  it('is deterministic for a seed, and bit-identical with worker threads', async () => {
    const rng = createRng(5)
    const big = Array.from({ length: 300 }, () =>
      Array.from({ length: 2 + rng.nextInt(12) }, () => rng.nextInt(200)),
    )
    const p = { factors: 8, iterations: 3, lambda: 0.1, alpha: 10, seed: 11 }
    const a = await trainAls({ rows: big, nItems: 200 }, { ...p, threads: 0 })
    const b = await trainAls({ rows: big, nItems: 200 }, { ...p, threads: 0 })
    const c = await trainAls({ rows: big, nItems: 200 }, { ...p, threads: 2 })
    const d = await trainAls({ rows: big, nItems: 200 }, { ...p, threads: 0, seed: 12 })
    expect(b.input).toEqual(a.input)
    expect(b.userFactors).toEqual(a.userFactors)
    expect(c.input).toEqual(a.input)
    expect(c.userFactors).toEqual(a.userFactors)
    expect(d.input).not.toEqual(a.input)
  })

  it('stops with an AbortError, before starting or between sweeps (also with workers)', async () => {
    const aborted = new AbortController()
    aborted.abort()
    await expect(
      trainAls({ rows, nItems }, params, { signal: aborted.signal }),
    ).rejects.toMatchObject({ name: 'AbortError' })
    for (const threads of [0, 2]) {
      const ac = new AbortController()
      const seen: number[] = []
      const run = trainAls(
        { rows, nItems },
        { ...params, threads, iterations: 10 },
        {
          signal: ac.signal,
          onProgress: (p) => {
            seen.push(p.iteration)
            if (p.iteration === 2) ac.abort()
          },
        },
      )
      await expect(run).rejects.toMatchObject({ name: 'AbortError' })
      expect(seen).toEqual([1, 2])
    }
  })

  it('rejects bad input with a message saying what to fix', async () => {
    await expect(trainAls({ rows: [[0, 6]], nItems })).rejects.toThrow(/song index 6, outside 0..5/)
    await expect(trainAls({ rows, nItems }, { lambda: 0 })).rejects.toThrow(/lambda must be > 0/)
    await expect(trainAls({ rows, nItems }, { factors: 0 })).rejects.toThrow(
      /factors must be a whole number/,
    )
    await expect(trainAls({ rows, nItems, keys: ['a'] })).rejects.toThrow(/keys has 1 entries/)
  })
})

describe('AlsFoldIn', () => {
  it('gives a playlist the factors training gives its row', async () => {
    const model = await trainAls(
      { rows, nItems },
      { ...params, iterations: 1 },
      { initialItemFactors: y0 },
    )
    // Users were solved against y0 in the one sweep: fold in against y0 too.
    const fold = new AlsFoldIn({ ...model, input: y0, output: y0 })
    rows.forEach((row, u) => {
      const x = fold.userFactors(row)
      for (let d = 0; d < f; d++) expect(x[d]).toBe(model.userFactors[u * f + d])
    })
  })
})
