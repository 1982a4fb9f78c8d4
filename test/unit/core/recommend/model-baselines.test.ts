// The model-based recommenders (song2vec, clusters, served) on a toy corpus, with the real trainer and ONNX path.
import { describe, expect, it } from 'vitest'
import { ClusterRecommender } from '../../../../src-main/core/recommend/baselines/clusters'
import { ServedAsRecommender } from '../../../../src-main/core/recommend/baselines/served'
import { Song2VecRecommender } from '../../../../src-main/core/recommend/baselines/song2vec'
import { fitSong2Vec } from '../../../../src-main/core/recommend/song2vec-fit'
import { createSharedModels, type FitContext } from '../../../../src-main/core/recommend/types'
import type { Song2VecParams } from '../../../../src-main/core/song2vec/types'

// Two scenes that never mix: songs 0..4 and songs 5..9; song 10 is in the catalogue but never played.
const train: number[][] = []
for (let i = 0; i < 40; i++) {
  train.push([0, 1, 2, 3, 4].map((s) => (s + i) % 5))
  train.push([5, 6, 7, 8, 9].map((s) => 5 + ((s + i) % 5)))
}
const songs = Array.from({ length: 11 }, () => ({ title: 't', artist: 'a', tags: [] as string[] }))
const params: Partial<Song2VecParams> = {
  dim: 8,
  epochs: 20,
  window: 2,
  negative: 3,
  threads: 1,
  seed: 3,
  sample: 0,
}
const ctx = (): FitContext => ({ songs, seed: 1, window: 2, shared: createSharedModels() })
const scene = (ids: number[]): number[] => ids.map((s) => (s < 5 ? 0 : 1))

describe('model-based recommenders', () => {
  it('song2vec: cosine neighbours stay in the context scene; unknown contexts get popular songs', async () => {
    const r = new Song2VecRecommender(params)
    await r.fit(train, ctx())
    const res = await r.recommend([6, 7], 3, { exclude: new Set([6, 7]) })
    expect(scene(res.ids)).toEqual([1, 1, 1])
    expect(res.scores[0]).toBeGreaterThanOrEqual(res.scores[2])
    expect((await r.recommend([10], 2)).ids).toHaveLength(2)
  })

  it('shares one trained model between recommenders asking for the same parameters', async () => {
    const c = ctx()
    const [a, b] = await Promise.all([fitSong2Vec(train, params, c), fitSong2Vec(train, params, c)])
    expect(a).toBe(b)
    expect(a.rowOf[10]).toBe(-1)
    expect(a.songOf[a.rowOf[3]]).toBe(3)
  })

  it('clusters: the majority cluster of the context, its most played songs first', async () => {
    const r = new ClusterRecommender(2, params)
    await r.fit(train, ctx())
    const c = r.clusterOfContext([1, 2, 3])
    expect(c).toBeGreaterThanOrEqual(0)
    expect(r.clusterOfContext([7, 8])).not.toBe(c)
    const res = await r.recommend([1, 2, 3], 5)
    expect(scene(res.ids)).toEqual([0, 0, 0, 0, 0])
    expect(r.clusterOfContext([10])).toBe(-1)
  })

  it('served: through ONNX, stays in the scene and honours exclusions', async () => {
    const r = new ServedAsRecommender(undefined, params)
    await r.fit(train, ctx())
    try {
      // The context and the excluded song leave 3 and 4 in the scene; then the other scene.
      const res = await r.recommend([0, 1], 3, { exclude: new Set([2]) })
      expect(res.ids.slice(0, 2).sort()).toEqual([3, 4])
      expect(scene(res.ids)).toEqual([0, 0, 1])
      expect(res.scores[0]).toBeGreaterThanOrEqual(res.scores[1])
    } finally {
      await r.dispose()
    }
  })
})
