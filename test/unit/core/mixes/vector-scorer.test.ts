// The in-memory scorer answers like the ONNX graph (context and exclusions left out); withVectors adds vectors to any scorer.
import { describe, expect, it } from 'vitest'
import { VectorScorer, withVectors } from '../../../../src-main/core/mixes/vector-scorer'

const keys = ['a', 'b', 'c', 'd']
const data = Float32Array.from([1, 0, 0.9, 0.1, 0, 1, 0.7, 0.7])

describe('VectorScorer', () => {
  it('ranks by cosine to the weighted context, leaving out the context and exclusions', async () => {
    const s = new VectorScorer({ keys, data, dim: 2 }, { modelId: 'm1' })
    const r = await s.recommend(['a'], 3)
    expect(r.modelId).toBe('m1')
    expect(r.results.map((x) => x.key)).toEqual(['b', 'd', 'c'])
    expect(r.results[0].score).toBeCloseTo(0.9 / Math.hypot(0.9, 0.1), 6)
    expect(
      (await s.recommend(['a', 'c'], 2, { weights: [0, 1], exclude: ['d'] })).results.map(
        (x) => x.key,
      ),
    ).toEqual(['b'])
    expect(s.has('c')).toBe(true)
    expect(Array.from(s.vector('c')!)).toEqual([0, 1])
    expect(s.vector('z')).toBeUndefined()
    await expect(s.recommend(['z'], 2)).rejects.toThrow(/does not know/)
  })

  it('checks the matrix shape and unique keys', () => {
    expect(() => new VectorScorer({ keys, data, dim: 3 })).toThrow(/4 × 3/)
    expect(() => new VectorScorer({ keys: ['a', 'a'], data: new Float32Array(4), dim: 2 })).toThrow(
      /unique/,
    )
  })
})

describe('withVectors', () => {
  it('delegates queries and knowledge to the scorer and reads vectors from the matrix', async () => {
    const calls: string[][] = []
    const served = {
      recommend: async (k: string[]) => {
        calls.push(k)
        return { modelId: 'served', results: [{ key: 'b', score: 1 }] }
      },
      has: (k: string) => k !== 'd',
    }
    const s = withVectors(served, { keys, data, dim: 2 })
    expect(await s.recommend(['a'], 1)).toEqual({
      modelId: 'served',
      results: [{ key: 'b', score: 1 }],
    })
    expect(calls).toEqual([['a']])
    expect(s.has!('d')).toBe(false)
    expect(Array.from(s.vector!('d')!)).toEqual([0.699999988079071, 0.699999988079071])
    expect(s.vector!('nope')).toBeUndefined()
  })
})
