// The `autoencoder` recommender ranks a context's own block first, falls back to popularity, and serves through ONNX.
import { describe, expect, it } from 'vitest'
import { AutoencoderRecommender } from '../../../../src-main/core/autoencoder/recommender'
import { exportOnnx } from '../../../../src-main/core/onnx/export'
import { OnnxScorer } from '../../../../src-main/core/onnx/scorer'
import { createSharedModels, type FitContext } from '../../../../src-main/core/recommend/types'
import { createRng } from '../../../../src-main/core/util/random'

// 3 blocks of 8 songs (0..23) with one tag per block; playlists draw from one block; 24 is tagged but never played.
function blocks(seed: number): number[][] {
  const rng = createRng(seed)
  return Array.from({ length: 45 }, (_, p) =>
    Array.from({ length: 4 + rng.nextInt(4) }, () => (p % 3) * 8 + rng.nextInt(8)),
  )
}
const songs = Array.from({ length: 25 }, (_, s) => ({
  title: 't',
  artist: 'a',
  tags: [`g${Math.floor(s / 8) % 3}`],
}))
const ctx = (): FitContext => ({ songs, seed: 5, window: 10, shared: createSharedModels() })
const params = {
  encoder: [16, 6],
  decoder: [8],
  epochs: 40,
  batchSize: 8,
  learningRate: 0.01,
  zeroWeight: 5,
}

describe('AutoencoderRecommender', () => {
  it("ranks the context's block first, honours exclude, is deterministic, falls back to popularity", async () => {
    const train = blocks(1)
    const r = new AutoencoderRecommender({ params })
    expect(r.name).toBe('autoencoder')
    await expect(r.recommend([0], 3)).rejects.toThrow(/before fit/)
    await r.fit(train, ctx())
    const got = await r.recommend([16, 17], 5, { exclude: new Set([16, 17]) })
    expect(got.ids).toHaveLength(5)
    for (const id of got.ids) expect(Math.floor(id / 8)).toBe(2)
    expect(await r.recommend([16, 17], 5, { exclude: new Set([16, 17]) })).toEqual(got)
    // Never-played song 24 is not ranked by default; with tags and rankUnplayed its tag places it in block 0.
    expect((await r.recommend([0, 1], 24)).ids).not.toContain(24)
    const cold = new AutoencoderRecommender({ params, tags: true, rankUnplayed: true })
    await cold.fit(train, ctx())
    const withCold = await cold.recommend([0, 1, 2, 3, 4, 5, 6, 7], 12)
    expect(withCold.ids.indexOf(24)).toBeGreaterThanOrEqual(0)
    expect(withCold.ids.indexOf(24)).toBeLessThan(
      withCold.ids.indexOf(8) < 0 ? 12 : withCold.ids.indexOf(8),
    )
    const counts = new Map<number, number>()
    for (const p of train) for (const s of p) counts.set(s, (counts.get(s) ?? 0) + 1)
    const top = [...counts].sort((a, b) => b[1] - a[1] || a[0] - b[0])[0][0]
    expect((await r.recommend([24, 99], 3)).ids[0]).toBe(top)
  })

  it('exports its embeddings through the ONNX cosine head unchanged', async () => {
    const r = new AutoencoderRecommender({
      params: { ...params, epochs: 5 },
      tags: true,
      rankUnplayed: true,
    })
    await r.fit(blocks(2), ctx())
    const scorer = await OnnxScorer.fromBytes(exportOnnx({ ...r.trained!, id: 'ae-test' }))
    try {
      const onnx = await scorer.query({ context: [3, 4], k: 6 })
      const js = await r.recommend([3, 4], 6, { exclude: new Set([3, 4]) })
      expect(onnx.indices).toEqual(js.ids)
      for (let k = 0; k < 6; k++) expect(onnx.scores[k]).toBeCloseTo(js.scores[k], 5)
    } finally {
      await scorer.release()
    }
  })
})
