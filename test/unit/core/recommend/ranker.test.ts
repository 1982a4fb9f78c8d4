// The served ranker: its logistic scorer on separable data, and the whole fit (generators, validation stage, final stage) on a toy corpus.
import { describe, expect, it } from 'vitest'
import { FEATURE_COUNT, FEATURES } from '../../../../src-main/core/recommend/ranker/generators'
import { fitLogistic, logit } from '../../../../src-main/core/recommend/ranker/logistic'
import { RankerRecommender } from '../../../../src-main/core/recommend/ranker/recommender'
import { createSharedModels, type FitContext } from '../../../../src-main/core/recommend/types'

describe('fitLogistic', () => {
  it('learns which feature separates the classes, and its sign', () => {
    // Feature 0 decides the label; feature 1 is noise; feature 2 is the negated label.
    const rows = 400
    const x = new Float32Array(rows * 3)
    const y = new Uint8Array(rows)
    let s = 3
    for (let r = 0; r < rows; r++) {
      s = (s * 1103515245 + 12345) % 2147483648
      y[r] = r % 2
      x[r * 3] = y[r] ? 1 + (s % 7) / 10 : -1 - (s % 5) / 10
      x[r * 3 + 1] = (s % 11) / 11
      x[r * 3 + 2] = y[r] ? -2 : 2
    }
    const m = fitLogistic(x, y, 3)
    expect(m.weights[0]).toBeGreaterThan(0.5)
    expect(m.weights[2]).toBeLessThan(-0.5)
    expect(Math.abs(m.weights[1])).toBeLessThan(Math.abs(m.weights[0]))
    let correct = 0
    for (let r = 0; r < rows; r++) if (logit(m, x, r * 3) > 0 === (y[r] === 1)) correct++
    expect(correct).toBe(rows)
  })

  it('rejects features of the wrong size', () => {
    expect(() => fitLogistic(new Float32Array(5), new Uint8Array(2), 3)).toThrow(/2×3/)
  })
})

describe('RankerRecommender', () => {
  // Two disjoint "genres" of 6 songs each, played in random orders, plus artist/tag metadata.
  const songs = Array.from({ length: 12 }, (_, i) => ({
    title: `t${i}`,
    artist: i < 6 ? 'north' : 'south',
    tags: [i < 6 ? 'rock' : 'jazz'],
  }))
  let s = 11
  const rand = (n: number): number => (s = (s * 1103515245 + 12345) % 2147483648) % n
  const train = Array.from({ length: 60 }, (_, p) => {
    const base = p % 2 === 0 ? 0 : 6
    return Array.from({ length: 5 }, () => base + rand(6))
  })
  const ctx = (): FitContext => ({ songs, seed: 5, window: 2, shared: createSharedModels() })

  it('fits on a validation split of its training playlists and recommends within the genre', async () => {
    const r = new RankerRecommender({ lambda: 5, gram: 'pairs-degree' }, { holdout: 15, seed: 7 })
    await r.fit(train, ctx())
    const top = await r.recommend([0, 1, 2], 3, { slot: 3 })
    expect(top.ids).toHaveLength(3)
    for (const id of top.ids) expect(id).toBeLessThan(6)
    // Songs of the genre besides the context and the excluded one: 6, 10, 11.
    const ex = await r.recommend([7, 8], 3, { exclude: new Set([9]), slot: 2 })
    expect(ex.ids).not.toContain(9)
    for (const id of ex.ids) expect(id).toBeGreaterThanOrEqual(6)
    const d = r.details() as { features: string[]; weights: number[]; trainingRows: number }
    expect(d.features).toEqual([...FEATURES])
    expect(d.weights).toHaveLength(FEATURE_COUNT)
    expect(d.trainingRows).toBeGreaterThan(0)
    await r.dispose()
  }, 120_000)
})
