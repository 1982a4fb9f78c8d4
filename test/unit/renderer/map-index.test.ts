// The map's nearest-point lookup agrees with a brute-force scan.
import { describe, expect, it } from 'vitest'
import { PointIndex } from '../../../src-renderer/map-index'

describe('PointIndex', () => {
  it('finds the same nearest point as brute force, and -1 beyond the radius', () => {
    let s = 42
    const rnd = () => ((s = (s * 1103515245 + 12345) % 2 ** 31) / 2 ** 31) * 20 - 10
    const xy = Array.from({ length: 4000 }, rnd)
    const index = new PointIndex(xy, 64)
    for (let q = 0; q < 200; q++) {
      const x = rnd()
      const y = rnd()
      let best = -1
      let bestD = 0.3 * 0.3
      for (let i = 0; i < xy.length / 2; i++) {
        const d = (xy[2 * i] - x) ** 2 + (xy[2 * i + 1] - y) ** 2
        if (d <= bestD) {
          bestD = d
          best = i
        }
      }
      const found = index.nearest(x, y, 0.3)
      if (best === -1) expect(found).toBe(-1)
      else expect((xy[2 * found] - x) ** 2 + (xy[2 * found + 1] - y) ** 2).toBeCloseTo(bestD, 12)
    }
    expect(index.nearest(1000, 1000, 1)).toBe(-1)
  })
})
