// Seeded variety: fresh orders are reproducible per seed and differ across seeds; blending follows the shares.
import { describe, expect, it } from 'vitest'
import { freshOrder, hashParts, interleave, mixRng } from '../../../../src-main/core/mixes/sampling'

const ranked = Array.from({ length: 40 }, (_, i) => `s${i}`)

describe('freshOrder', () => {
  it('keeps the ranking with freshness 0', () => {
    expect(freshOrder(ranked, mixRng(1), 0)).toEqual(ranked)
  })

  it('is the same for the same seed and different for another', () => {
    const a = freshOrder(ranked, mixRng(1, 'x'), 0.35)
    const b = freshOrder(ranked, mixRng(1, 'x'), 0.35)
    const c = freshOrder(ranked, mixRng(2, 'x'), 0.35)
    expect(a).toEqual(b)
    expect(c).not.toEqual(a)
    expect([...a].sort()).toEqual([...ranked].sort())
  })

  it('keeps the head of the ranking likely', () => {
    let topInFirstFive = 0
    for (let seed = 0; seed < 200; seed++) {
      if (freshOrder(ranked, mixRng(seed), 0.35).slice(0, 5).includes('s0')) topInFirstFive++
    }
    expect(topInFirstFive).toBeGreaterThan(180)
  })

  it('rejects a negative freshness', () => {
    expect(() => freshOrder(ranked, mixRng(1), -1)).toThrow(/freshness/)
  })
})

describe('interleave', () => {
  it('fills positions by share and drains what is left', () => {
    const out = interleave(
      [
        ['o1', 'o2', 'o3', 'o4', 'o5'],
        ['n1', 'n2'],
      ],
      [0.6, 0.4],
    )
    expect(out).toEqual(['o1', 'n1', 'o2', 'n2', 'o3', 'o4', 'o5'])
  })

  it('gives everything to the only non-empty list', () => {
    expect(interleave([[], ['a', 'b']], [0.9, 0.1])).toEqual(['a', 'b'])
  })
})

describe('mixRng', () => {
  it('derives distinct streams from the seed and the parts', () => {
    expect(hashParts(1, ['a'])).toBe(hashParts(1, ['a']))
    expect(hashParts(1, ['a'])).not.toBe(hashParts(2, ['a']))
    expect(hashParts(1, ['a', 'b'])).not.toBe(hashParts(1, ['ab']))
    expect(() => mixRng(1.5)).toThrow(/whole number/)
  })
})
