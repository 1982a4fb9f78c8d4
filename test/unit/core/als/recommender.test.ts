// The `als` recommender ranks a context's own block first, falls back to popularity, and its factors serve through ONNX.
import { describe, expect, it } from 'vitest'
import { AlsRecommender } from '../../../../src-main/core/als/recommender'
import { exportOnnx } from '../../../../src-main/core/onnx/export'
import { OnnxScorer } from '../../../../src-main/core/onnx/scorer'
import { createSharedModels, type FitContext } from '../../../../src-main/core/recommend/types'
import { createRng } from '../../../../src-main/core/util/random'

// 3 blocks of 8 songs (0..23); playlists draw from one block; songs 24 and 25 are never played.
function blocks(seed: number): number[][] {
  const rng = createRng(seed)
  return Array.from({ length: 45 }, (_, p) =>
    Array.from({ length: 4 + rng.nextInt(4) }, () => (p % 3) * 8 + rng.nextInt(8)),
  )
}
const songs = Array.from({ length: 26 }, () => ({ title: 't', artist: 'a', tags: [] }))
const ctx = (): FitContext => ({ songs, seed: 5, window: 10, shared: createSharedModels() })
const params = { factors: 6, iterations: 8, lambda: 0.1, alpha: 10, threads: 0 }

describe('AlsRecommender', () => {
  for (const scoring of ['fold-in', 'cosine'] as const) {
    it(`ranks the context's block first (${scoring}), honours exclude, falls back to popularity`, async () => {
      const train = blocks(1)
      const r = new AlsRecommender({ params, scoring })
      expect(r.name).toBe('als')
      await expect(r.recommend([0], 3)).rejects.toThrow(/before fit/)
      await r.fit(train, ctx())
      const got = await r.recommend([8, 9, 10], 5, { exclude: new Set([8, 9, 10]) })
      expect(got.ids).toHaveLength(5)
      for (const id of got.ids) expect(Math.floor(id / 8)).toBe(1)
      for (let k = 1; k < got.scores.length; k++)
        expect(got.scores[k]).toBeLessThanOrEqual(got.scores[k - 1])
      const again = await r.recommend([8, 9, 10], 5, { exclude: new Set([8, 9, 10]) })
      expect(again).toEqual(got)
      // Unknown or never-played songs only: the most played songs.
      const counts = new Map<number, number>()
      for (const p of train) for (const s of p) counts.set(s, (counts.get(s) ?? 0) + 1)
      const top = [...counts].sort((a, b) => b[1] - a[1] || a[0] - b[0])[0][0]
      expect((await r.recommend([24, 99], 3)).ids[0]).toBe(top)
    })
  }

  it('exports its song factors through the ONNX cosine head unchanged', async () => {
    const r = new AlsRecommender({ params, scoring: 'cosine' })
    await r.fit(blocks(2), ctx())
    const model = r.trained!
    const scorer = await OnnxScorer.fromBytes(exportOnnx({ ...model, id: 'als-test' }))
    try {
      const onnx = await scorer.query({ context: [0, 1], k: 6 })
      const js = await r.recommend([0, 1], 6, { exclude: new Set([0, 1]) })
      expect(onnx.indices).toEqual(js.ids)
      for (let k = 0; k < 6; k++) expect(onnx.scores[k]).toBeCloseTo(js.scores[k], 5)
    } finally {
      await scorer.release()
    }
  })
})
