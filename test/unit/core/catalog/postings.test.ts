// Playlist postings by song key: shared playlists, and the votes of playlists like a context as shares of the best.
import { describe, expect, it } from 'vitest'
import { PlaylistPostings } from '../../../../src-main/core/catalog/postings'

const playlists = [
  ['a', 'b', 'c'],
  ['a', 'b'],
  ['b', 'd', 'd'],
  ['e', 'f'],
]

describe('PlaylistPostings', () => {
  it('counts the playlists two songs share, each playlist once', () => {
    const p = new PlaylistPostings(playlists)
    expect(p.together('a', 'b')).toBe(2)
    expect(p.together('b', 'd')).toBe(1)
    expect(p.together('d', 'd')).toBe(1)
    expect(p.together('a', 'zz')).toBe(0)
  })

  it('gives each key the vote of the playlists like the context, over the best vote', () => {
    const p = new PlaylistPostings(playlists)
    const params = { neighbours: 0, lengthPower: 1, alpha: 1 }
    // Context [a]: playlist 0 (3 songs) votes 1/3, playlist 1 (2 songs) 1/2; a and b get both: 5/6.
    const shares = p.neighbourShares(['a'], [1], ['a', 'b', 'c', 'd', 'zz'], params)
    expect(shares[0]).toBeCloseTo(1, 12)
    expect(shares[1]).toBeCloseTo(1, 12)
    expect(shares[2]).toBeCloseTo(1 / 3 / (5 / 6), 12)
    expect(shares.slice(3)).toEqual([0, 0])
    // Only the best playlist kept: [a, b] alone votes.
    expect(p.neighbourShares(['a'], [1], ['b', 'c'], { ...params, neighbours: 1 })).toEqual([1, 0])
    // Weights scale the context songs; a context nobody played gives nothing.
    // [a, d] weighted 1 and 3: playlists 0, 1, 2 vote 1/3, 1/2, 3/2 (d counted once in 2); b gets all three.
    const weighted = p.neighbourShares(['a', 'd'], [1, 3], ['d', 'a', 'b'], params)
    const best = 1 / 3 + 1 / 2 + 3 / 2
    expect(weighted[0]).toBeCloseTo(1.5 / best, 12)
    expect(weighted[1]).toBeCloseTo((1 / 3 + 1 / 2) / best, 12)
    expect(weighted[2]).toBeCloseTo(1, 12)
    expect(p.neighbourShares(['zz'], [1], ['a', 'zz'], params)).toEqual([0, 0])
    // Each query starts from nothing.
    expect(p.neighbourShares(['e'], [1], ['f', 'a'], params)).toEqual([1, 0])
  })
})
