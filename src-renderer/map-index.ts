// Finds the map point nearest to a position fast (a uniform grid), since ECharts' large mode does not report hovers or clicks on points.

export class PointIndex {
  private readonly cells = new Map<number, number[]>()
  private readonly minX: number
  private readonly minY: number
  private readonly size: number

  /** `xy` holds x0, y0, x1, y1, …; `cellsPerSide` trades memory for lookup speed. */
  constructor(
    private readonly xy: ArrayLike<number>,
    cellsPerSide = 256,
  ) {
    let minX = Infinity
    let minY = Infinity
    let maxX = -Infinity
    let maxY = -Infinity
    for (let i = 0; i < xy.length; i += 2) {
      minX = Math.min(minX, xy[i])
      maxX = Math.max(maxX, xy[i])
      minY = Math.min(minY, xy[i + 1])
      maxY = Math.max(maxY, xy[i + 1])
    }
    this.minX = minX
    this.minY = minY
    this.size = Math.max(maxX - minX, maxY - minY, 1e-9) / cellsPerSide
    for (let i = 0; i < xy.length / 2; i++) {
      const key = this.cellKey(this.cell(xy[2 * i], this.minX), this.cell(xy[2 * i + 1], this.minY))
      const list = this.cells.get(key)
      if (list) list.push(i)
      else this.cells.set(key, [i])
    }
  }

  /** Index of the point nearest to (x, y) within `radius` (data units), or -1. */
  nearest(x: number, y: number, radius: number): number {
    const r = Math.ceil(radius / this.size)
    const cx = this.cell(x, this.minX)
    const cy = this.cell(y, this.minY)
    let best = -1
    let bestD = radius * radius
    for (let gx = cx - r; gx <= cx + r; gx++) {
      for (let gy = cy - r; gy <= cy + r; gy++) {
        for (const i of this.cells.get(this.cellKey(gx, gy)) ?? []) {
          const dx = this.xy[2 * i] - x
          const dy = this.xy[2 * i + 1] - y
          const d = dx * dx + dy * dy
          if (d <= bestD) {
            bestD = d
            best = i
          }
        }
      }
    }
    return best
  }

  private cell(v: number, min: number): number {
    return Math.floor((v - min) / this.size)
  }

  private cellKey(gx: number, gy: number): number {
    return gx * 100_003 + gy
  }
}
