// Diversity measures: distinct artists per 10 songs and intra-list similarity, on lists with known answers.
import { describe, expect, it } from 'vitest'
import {
  distinctArtistsPerWindow,
  intraListSimilarity,
} from '../../../../src-main/core/mixes/diversity'

const songs = (artists: string) => artists.split('').map((a) => ({ artist: a }))

describe('distinctArtistsPerWindow', () => {
  it('averages distinct artists over every run of 10', () => {
    expect(distinctArtistsPerWindow(songs('abcdefghij'))).toBe(10)
    expect(distinctArtistsPerWindow(songs('aaaaaaaaaa'))).toBe(1)
    // Runs: abababababc → [ab×5]=2, [babababab c]=3.
    expect(distinctArtistsPerWindow(songs('abababababc'))).toBe(2.5)
  })

  it('scales a shorter list to the window, takes a custom window, and normalises artists', () => {
    expect(distinctArtistsPerWindow(songs('aab'))).toBeCloseTo((2 / 3) * 10, 12)
    expect(distinctArtistsPerWindow(songs('abcde'))).toBe(10)
    expect(distinctArtistsPerWindow(songs('aabb'), 2)).toBeCloseTo((1 + 2 + 1) / 3, 12)
    const cure = [{ artist: 'The Cure' }, { artist: 'Cure' }, { artist: '' }, { artist: '' }]
    expect(distinctArtistsPerWindow(cure, 4)).toBe(3)
    expect(distinctArtistsPerWindow([])).toBe(0)
    expect(() => distinctArtistsPerWindow(songs('a'), 0)).toThrow(/window/)
  })
})

describe('intraListSimilarity', () => {
  const vectors: Record<string, number[]> = { x: [1, 0], y: [0, 2], z: [1, 1], w: [3, 0] }
  const of = (k: string) => vectors[k]

  it('is the mean pairwise cosine of the songs with vectors', () => {
    expect(intraListSimilarity(['x', 'y'], of)).toBeCloseTo(0, 12)
    expect(intraListSimilarity(['x', 'w'], of)).toBeCloseTo(1, 12)
    expect(intraListSimilarity(['x', 'y', 'z'], of)).toBeCloseTo(
      (0 + Math.SQRT1_2 + Math.SQRT1_2) / 3,
      6,
    )
    expect(intraListSimilarity(['x', 'missing', 'w'], of)).toBeCloseTo(1, 12)
  })

  it('is undefined with fewer than two vectors', () => {
    expect(intraListSimilarity(['x'], of)).toBeUndefined()
    expect(intraListSimilarity(['missing'], of)).toBeUndefined()
  })
})
