// The protocol's queries: ±window leave-one-out contexts and first-half continuations.
import { describe, expect, it } from 'vitest'
import { continuationQuery, leaveOneOutQueries } from '../../../../src-main/core/eval/queries'

describe('leaveOneOutQueries', () => {
  it('gives each song its ±window neighbours in order and where it sat', () => {
    const q = leaveOneOutQueries([10, 11, 12, 13, 14], 2)
    expect(q.map((x) => x.target)).toEqual([10, 11, 12, 13, 14])
    expect(q[0]).toEqual({ target: 10, context: [11, 12], slot: 0 })
    expect(q[1]).toEqual({ target: 11, context: [10, 12, 13], slot: 1 })
    expect(q[2]).toEqual({ target: 12, context: [10, 11, 13, 14], slot: 2 })
    expect(q[4]).toEqual({ target: 14, context: [12, 13], slot: 2 })
  })

  it('keeps a repeated song in the context of its other occurrence', () => {
    expect(leaveOneOutQueries([5, 5], 10)).toEqual([
      { target: 5, context: [5], slot: 0 },
      { target: 5, context: [5], slot: 1 },
    ])
  })
})

describe('continuationQuery', () => {
  it('gives the first half and the new songs of the rest', () => {
    expect(continuationQuery([1, 2, 3, 2, 4])).toEqual({
      context: [1, 2],
      relevant: new Set([3, 4]),
    })
    expect(continuationQuery([1, 2])).toEqual({ context: [1], relevant: new Set([2]) })
  })

  it('has no query when the rest repeats the first half or the playlist is too short', () => {
    expect(continuationQuery([1, 2, 1, 2])).toBeUndefined()
    expect(continuationQuery([1])).toBeUndefined()
  })
})
