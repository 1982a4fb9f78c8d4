// RP3beta's walk weights on toy playlists small enough to check by hand, and the recommender on top.
import { describe, expect, it } from 'vitest'
import { Rp3betaRecommender } from '../../../../src-main/core/recommend/baselines/rp3beta'
import type { SparseRows } from '../../../../src-main/core/recommend/cooc-scores'
import { buildRp3beta } from '../../../../src-main/core/recommend/rp3beta-matrix'
import { createSharedModels, type FitContext } from '../../../../src-main/core/recommend/types'

function weight(m: SparseRows, a: number, b: number): number {
  for (let e = m.rowStart[a]; e < m.rowStart[a + 1]; e++) if (m.cols[e] === b) return m.weights[e]
  return 0
}

describe('buildRp3beta', () => {
  // deg: 0 → 2 playlists, 1 → 2, 2 → 2, 3 → 1; |u| = 2, 2, 3.
  const playlists = [
    [0, 1],
    [0, 2],
    [1, 2, 3, 3],
  ]

  it('whole playlists, α 1, β 0: W[i][j] = Σ_u 1/deg(i) · 1/|u| over distinct songs', () => {
    const m = buildRp3beta(playlists, 5, { alpha: 1, beta: 0 })
    expect(weight(m, 0, 1)).toBeCloseTo(1 / 4, 6)
    expect(weight(m, 1, 2)).toBeCloseTo(1 / 6, 6)
    expect(weight(m, 3, 1)).toBeCloseTo(1 / 3, 6)
    expect(weight(m, 0, 3)).toBe(0)
    expect(weight(m, 3, 3)).toBe(0) // no self-loops, even for a repeated song
    expect(m.rowStart[5] - m.rowStart[4]).toBe(0) // song 4 is never played
  })

  it('α sharpens every transition and β divides by the target popularity', () => {
    const m = buildRp3beta(playlists, 5, { alpha: 2, beta: 1 })
    // (1/2)² · (1/3)² / deg(2) and / deg(3).
    expect(weight(m, 1, 2)).toBeCloseTo(1 / 36 / 2, 6)
    expect(weight(m, 1, 3)).toBeCloseTo(1 / 36 / 1, 6)
  })

  it('windowed: the walk goes through the windows of ±window positions', () => {
    // Windows of [0, 1, 2] with radius 1: {0,1}, {0,1,2}, {1,2}; deg 0 → 2, 1 → 3, 2 → 2.
    const m = buildRp3beta([[0, 1, 2]], 3, { alpha: 1, beta: 0, window: 1 })
    expect(weight(m, 0, 1)).toBeCloseTo((1 / 2) * (1 / 2 + 1 / 3), 6)
    expect(weight(m, 0, 2)).toBeCloseTo((1 / 2) * (1 / 3), 6)
    expect(weight(m, 1, 0)).toBeCloseTo((1 / 3) * (1 / 2 + 1 / 3), 6)
  })

  it('windowed pair graph: (c_ij / Σ_k c_ik)^α / (Σ_k c_jk)^β', () => {
    // Pairs within 1 of [0, 1, 2]: c01 = c12 = 1; row totals 0 → 1, 1 → 2, 2 → 1.
    const m = buildRp3beta([[0, 1, 2]], 3, { alpha: 1, beta: 1, window: 1, windowGraph: 'pairs' })
    expect(weight(m, 1, 0)).toBeCloseTo(1 / 2 / 1, 6)
    expect(weight(m, 0, 1)).toBeCloseTo(1 / 2, 6)
    expect(weight(m, 0, 2)).toBe(0)
  })

  it('rejects α ≤ 0 and β < 0', () => {
    expect(() => buildRp3beta(playlists, 5, { alpha: 0, beta: 0 })).toThrow(/alpha/)
    expect(() => buildRp3beta(playlists, 5, { alpha: 1, beta: -1 })).toThrow(/beta/)
  })
})

describe('Rp3betaRecommender', () => {
  const songs = Array.from({ length: 6 }, () => ({ title: 't', artist: 'a', tags: [] }))
  const ctx = (): FitContext => ({ songs, seed: 1, window: 2, shared: createSharedModels() })
  const train = [
    [0, 1, 2],
    [0, 1, 3],
    [4, 5, 4, 5],
  ]

  it('ranks the songs walked to most often, honours exclude, falls back to popularity', async () => {
    const r = new Rp3betaRecommender(false, { alpha: 1, beta: 0 })
    await r.fit(train, ctx())
    expect((await r.recommend([0], 3)).ids).toEqual([1, 2, 3])
    expect((await r.recommend([0], 3, { exclude: new Set([1]) })).ids).toEqual([2, 3])
    // Nothing known: the most played songs.
    expect((await r.recommend([99], 2)).ids).toEqual([0, 1])
    expect(r.details()).toMatchObject({ alpha: 1, beta: 0 })
  })

  it('windowed by default with the fit context window', async () => {
    const r = new Rp3betaRecommender()
    await r.fit(train, ctx())
    expect(r.name).toBe('rp3beta')
    expect(r.details()).toMatchObject({ alpha: 1, beta: 0.2, window: 2, windowGraph: 'windows' })
    expect((await r.recommend([4], 1)).ids).toEqual([5])
  })
})
