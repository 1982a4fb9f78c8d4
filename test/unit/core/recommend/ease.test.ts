// EASE^R on a toy corpus: B from the worker-thread inverse equals B from a float64 Gauss–Jordan inverse written here, and the recommender ranks by it.
import { describe, expect, it } from 'vitest'
import { EaseRecommender } from '../../../../src-main/core/recommend/baselines/ease'
import { easeScores, fitEase } from '../../../../src-main/core/recommend/ease-fit'
import { createSharedModels, type FitContext } from '../../../../src-main/core/recommend/types'

/** Inverse by Gauss–Jordan with partial pivoting, float64 (an independent reference). */
function invert(m: number[][]): number[][] {
  const n = m.length
  const a = m.map((row, i) => [...row, ...row.map((_, j) => (i === j ? 1 : 0))])
  for (let c = 0; c < n; c++) {
    let p = c
    for (let r = c + 1; r < n; r++) if (Math.abs(a[r][c]) > Math.abs(a[p][c])) p = r
    ;[a[c], a[p]] = [a[p], a[c]]
    const d = a[c][c]
    for (let j = 0; j < 2 * n; j++) a[c][j] /= d
    for (let r = 0; r < n; r++) {
      if (r === c) continue
      const f = a[r][c]
      for (let j = 0; j < 2 * n; j++) a[r][j] -= f * a[c][j]
    }
  }
  return a.map((row) => row.slice(n))
}

const train = [
  [0, 1, 2],
  [0, 1, 3],
  [1, 2, 4],
  [3, 4, 0, 1],
]
const songs = Array.from({ length: 6 }, () => ({ title: 't', artist: 'a', tags: [] }))

describe('fitEase', () => {
  it('whole playlists: B = I − P·diag(1/diag P), P = (XᵀX + λI)⁻¹, as a float64 reference gives', async () => {
    const lambda = 0.5
    const m = await fitEase(train, 6, { lambda }, { threads: 2 })
    // Songs in order of first appearance: 0, 1, 2, 3, 4 (5 is never played).
    expect([...m.songs]).toEqual([0, 1, 2, 3, 4])
    expect(m.index[5]).toBe(-1)
    const n = 5
    const g = Array.from({ length: n }, () => new Array<number>(n).fill(0))
    for (const p of train) for (const i of new Set(p)) for (const j of new Set(p)) g[i][j] += 1
    for (let i = 0; i < n; i++) g[i][i] += lambda
    const p = invert(g)
    for (let c = 0; c < n; c++)
      for (let j = 0; j < n; j++) {
        const expected = c === j ? 0 : -p[c][j] / p[j][j]
        expect(m.b[c * n + j]).toBeCloseTo(expected, 4)
      }
  }, 60_000)

  it('windowed pair counts: c_ij off the diagonal, occurrences on it', async () => {
    const m = await fitEase([[0, 1, 2, 0]], 3, { lambda: 1, window: 1, gram: 'pairs' })
    // Pairs within 1: (0,1), (1,2), (2,0): c01 = c12 = c02 = 1; occurrences 0 → 2, 1 → 1, 2 → 1.
    const g = [
      [3, 1, 1],
      [1, 2, 1],
      [1, 1, 2],
    ]
    const p = invert(g)
    expect(m.b[0 * 3 + 1]).toBeCloseTo(-p[0][1] / p[1][1], 5)
    expect(m.b[2 * 3 + 0]).toBeCloseTo(-p[2][0] / p[0][0], 5)
  }, 60_000)

  it('distance-weighted pairs-degree Gram: Σ 1/d^p per pair off the diagonal, the row sums on it', async () => {
    const playlists = [
      [0, 1, 2, 3],
      [2, 0, 4, 1, 3],
      [4, 3, 2],
    ]
    const window = 2
    const power = 0.5
    const lambda = 0.7
    const m = await fitEase(playlists, 5, {
      lambda,
      window,
      gram: 'pairs-degree',
      distancePower: power,
    })
    // Brute force: every ordered pair of positions at most `window` apart adds 1/d^power to g[a][b].
    const n = 5
    const g = Array.from({ length: n }, () => new Array<number>(n).fill(0))
    for (const p of playlists)
      for (let i = 0; i < p.length; i++)
        for (let j = 0; j < p.length; j++) {
          const d = Math.abs(i - j)
          if (d >= 1 && d <= window) g[p[i]][p[j]] += 1 / Math.pow(d, power)
        }
    for (let i = 0; i < n; i++) g[i][i] = g[i].reduce((a, b) => a + b, 0) + lambda
    const p = invert(g)
    const at = (s: number): number => m.index[s]
    for (let c = 0; c < n; c++)
      for (let j = 0; j < n; j++) {
        const expected = c === j ? 0 : -p[c][j] / p[j][j]
        expect(m.b[at(c) * n + at(j)]).toBeCloseTo(expected, 5)
      }
    // The weighting matters: unweighted pairs give a different B.
    const flat = await fitEase(playlists, 5, { lambda, window, gram: 'pairs-degree' })
    expect(Math.abs(flat.b[at(0) * n + at(2)] - m.b[at(0) * n + at(2)])).toBeGreaterThan(1e-3)
  }, 60_000)

  it('sums B rows of the known context songs only', async () => {
    const m = await fitEase(train, 6, { lambda: 1 })
    const scores = new Float64Array(5)
    expect(easeScores(m, [0, 5, 99], scores)).toBe(1)
    expect([...scores]).toEqual([...m.b.slice(0, 5)])
  }, 60_000)
})

describe('EaseRecommender', () => {
  const ctx = (): FitContext => ({ songs, seed: 1, window: 2, shared: createSharedModels() })

  it('ranks by B, never returns unseen songs, honours exclude, falls back to popularity', async () => {
    const r = new EaseRecommender(1, false)
    await r.fit(train, ctx())
    const top = await r.recommend([0], 5)
    expect(top.ids).not.toContain(5)
    expect(top.ids[0]).toBe(1) // 1 is in every playlist with 0
    expect((await r.recommend([0], 5, { exclude: new Set([1]) })).ids).not.toContain(1)
    expect((await r.recommend([5], 2)).ids).toEqual([1, 0]) // popularity: 1 played 4×, 0 3×
    expect(r.details()).toMatchObject({ lambda: 1, songs: 5 })
  }, 60_000)
})
