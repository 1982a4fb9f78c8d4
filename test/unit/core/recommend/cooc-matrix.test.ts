// Windowed co-occurrence counts, distance weights and playlist counts on a toy corpus computed by hand.
import { describe, expect, it } from 'vitest'
import {
  buildCooc,
  pairWeight,
  playlistsTogether,
} from '../../../../src-main/core/recommend/cooc-matrix'
import { CoocScores } from '../../../../src-main/core/recommend/cooc-scores'

const playlists = [
  [0, 1, 2, 3],
  [1, 0, 1],
  [4, 2],
]

describe('buildCooc', () => {
  it('counts every pair within the window, both ways', () => {
    const m = buildCooc(playlists, 5, { window: 2, distancePower: 0 })
    // 0-1: pl0 (d1) + pl1 (0 next to 1 twice) = 3; 0-2: pl0 d2; 0-3: d3 > window.
    expect(pairWeight(m, 0, 1)).toBe(3)
    expect(pairWeight(m, 1, 0)).toBe(3)
    expect(pairWeight(m, 0, 2)).toBe(1)
    expect(pairWeight(m, 0, 3)).toBe(0)
    // 1-1: positions 0 and 2 of pl1, distance 2, counted from each side.
    expect(pairWeight(m, 1, 1)).toBe(2)
    expect(pairWeight(m, 2, 4)).toBe(1)
    expect(playlistsTogether(m, 0, 1)).toBe(2)
    expect(playlistsTogether(m, 1, 1)).toBe(1)
    expect(playlistsTogether(m, 2, 3)).toBe(1)
    expect(playlistsTogether(m, 3, 4)).toBe(0)
    // Rows are sorted by column.
    expect([...m.cols.subarray(m.rowStart[2], m.rowStart[3])]).toEqual([0, 1, 3, 4])
  })

  it('weighs pairs by 1/d^power', () => {
    const m = buildCooc(playlists, 5, { window: 3, distancePower: 1 })
    expect(pairWeight(m, 0, 3)).toBeCloseTo(1 / 3, 6)
    expect(pairWeight(m, 0, 1)).toBeCloseTo(3, 6)
    expect(pairWeight(m, 1, 1)).toBeCloseTo(1, 6)
  })

  it('rejects ids outside the catalogue and a bad window', () => {
    expect(() => buildCooc([[0, 7]], 5, { window: 2, distancePower: 0 })).toThrow(
      /outside the catalogue/,
    )
    expect(() => buildCooc(playlists, 5, { window: 0, distancePower: 0 })).toThrow(
      /positive integer/,
    )
  })
})

describe('CoocScores', () => {
  it('sums the rows of the context (a repeated song twice) and resets between queries', () => {
    const acc = new CoocScores(buildCooc(playlists, 5, { window: 2, distancePower: 0 }))
    acc.accumulate([0, 0, 4])
    expect([...acc.scores]).toEqual([0, 6, 3, 0, 0])
    expect(acc.max()).toBe(6)
    acc.accumulate([3], [0.5])
    expect([...acc.scores]).toEqual([0, 0.5, 0.5, 0, 0])
    expect(acc.touched.subarray(0, acc.count).length).toBe(2)
    acc.accumulate([])
    expect(acc.count).toBe(0)
  })
})
