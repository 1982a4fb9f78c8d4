// Radio from one seed song: what is asked, which playlists count, and nDCG against its definition.
import { describe, expect, it } from 'vitest'
import { evaluateRadio } from '../../../../src-main/core/eval/radio'
import type { RecommendOptions, Recommender } from '../../../../src-main/core/recommend/types'

describe('evaluateRadio', () => {
  it('ranks the rest of each playlist from its first song alone', async () => {
    const asked: { context: readonly number[]; n: number; options?: RecommendOptions }[] = []
    const rec: Recommender = {
      name: 'fixed',
      fit: async () => undefined,
      recommend: async (context, n, options) => {
        asked.push({ context, n, options })
        return context[0] === 0 ? { ids: [2, 5], scores: [2, 1] } : { ids: [9], scores: [1] }
      },
    }
    // [3, 3] has nothing but its seed: no query. [7, 8] is missed entirely.
    const r = await evaluateRadio(
      rec,
      [
        [0, 1, 2],
        [3, 3],
        [7, 8],
      ],
      2,
    )
    expect(r.queries).toBe(2)
    expect(r.hitRate).toBe(0.5)
    // Relevant {1, 2}, ranked [2, 5]: DCG 1, ideal 1 + 1/log2(3).
    expect(r.ndcg).toBeCloseTo(1 / (1 + 1 / Math.log2(3)) / 2, 12)
    expect(asked.map((a) => a.context)).toEqual([[0], [7]])
    expect(asked[0].n).toBe(2)
    expect([...(asked[0].options?.exclude ?? [])]).toEqual([0])
    expect(asked[0].options?.slot).toBe(1)
  })

  it('reports zeros without playlists to ask about', async () => {
    const rec: Recommender = {
      name: 'none',
      fit: async () => undefined,
      recommend: async () => ({ ids: [], scores: [] }),
    }
    expect(await evaluateRadio(rec, [[4]])).toEqual({ ndcg: 0, hitRate: 0, queries: 0 })
  })
})
