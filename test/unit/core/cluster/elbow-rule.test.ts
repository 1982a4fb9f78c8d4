// The elbow rule and the k grid: known knees, flat curves, grid shape.
import { describe, expect, it } from 'vitest'
import { elbowIndex, kGrid } from '../../../../src-main/core/cluster/elbow-rule'

describe('kGrid', () => {
  it('spans min..max geometrically in the requested number of unique values', () => {
    const g = kGrid(10, 500, 20)
    expect(g).toHaveLength(20)
    expect(g[0]).toBe(10)
    expect(g[19]).toBe(500)
    for (let i = 1; i < g.length; i++) expect(g[i]).toBeGreaterThan(g[i - 1])
    // Geometric: ratios roughly constant (500/10)^(1/19) ≈ 1.23.
    expect(g[1] / g[0]).toBeCloseTo(1.2, 1)
    expect(g[19] / g[18]).toBeCloseTo(1.23, 1)
  })

  it('drops duplicates when the range is narrower than the steps', () => {
    expect(kGrid(2, 5, 10)).toEqual([2, 3, 4, 5])
    expect(kGrid(7, 7, 3)).toEqual([7])
  })

  it('rejects nonsense ranges', () => {
    expect(() => kGrid(0, 5, 3)).toThrow(/min k/)
    expect(() => kGrid(10, 5, 3)).toThrow(/max k/)
    expect(() => kGrid(2, 5, 0)).toThrow(/steps/)
  })
})

describe('elbowIndex', () => {
  it('finds the knee of a piecewise-linear curve', () => {
    const xs = Array.from({ length: 20 }, (_, i) => i + 1)
    const ys = xs.map((x) => (x <= 6 ? 100 - 15 * (x - 1) : 25 - 0.5 * (x - 6)))
    expect(xs[elbowIndex(xs, ys)]).toBe(6)
  })

  it('measures in normalised units, so the scale of either axis does not matter', () => {
    const xs = [10, 20, 40, 80, 160, 320]
    const ys = [1000, 600, 300, 250, 220, 200]
    const i = elbowIndex(xs, ys)
    expect(xs[i]).toBe(40)
    expect(
      elbowIndex(
        xs.map((x) => x * 1000),
        ys.map((y) => y / 1000),
      ),
    ).toBe(i)
  })

  it('returns 0 for flat or too-short curves', () => {
    expect(elbowIndex([1, 2, 3], [5, 5, 5])).toBe(0)
    expect(elbowIndex([1, 2], [5, 1])).toBe(0)
  })
})
