// The elbow rule of the seed recipe, and the grid of k values it is applied to.

/** The k values to try: `steps` values from `min` to `max`, spaced geometrically, rounded, unique. */
export function kGrid(min: number, max: number, steps: number): number[] {
  if (!Number.isInteger(min) || min < 1)
    throw new Error(`min k must be a positive integer, got ${min}`)
  if (!Number.isInteger(max) || max < min)
    throw new Error(`max k must be an integer ≥ min (${min}), got ${max}`)
  if (!Number.isInteger(steps) || steps < 1)
    throw new Error(`steps must be a positive integer, got ${steps}`)
  if (steps === 1 || min === max) return [min]
  const out: number[] = []
  const ratio = Math.log(max / min) / (steps - 1)
  for (let s = 0; s < steps; s++) {
    const k = s === steps - 1 ? max : Math.round(min * Math.exp(ratio * s))
    if (out.length === 0 || k > out[out.length - 1]) out.push(k)
  }
  return out
}

/**
 * Index of the elbow of the curve (xs[i], ys[i]) (xs increasing): both axes are scaled to [0, 1]
 * and the point farthest from the chord joining the first and last points wins (first on ties).
 * Curves of fewer than three points, or flat ones, return 0.
 */
export function elbowIndex(xs: readonly number[], ys: readonly number[]): number {
  if (xs.length !== ys.length) throw new Error('elbowIndex needs as many x values as y values')
  const m = xs.length
  if (m < 3) return 0
  const x0 = xs[0]
  const xr = xs[m - 1] - x0
  let yMin = Infinity
  let yMax = -Infinity
  for (const y of ys) {
    if (y < yMin) yMin = y
    if (y > yMax) yMax = y
  }
  const yr = yMax - yMin
  if (!(xr > 0) || !(yr > 0)) return 0
  const px = (i: number): number => (xs[i] - x0) / xr
  const py = (i: number): number => (ys[i] - yMin) / yr
  const ax = px(0)
  const ay = py(0)
  const dx = px(m - 1) - ax
  const dy = py(m - 1) - ay
  const len = Math.hypot(dx, dy)
  let best = 0
  let bestDist = -1
  for (let i = 1; i < m - 1; i++) {
    const dist = Math.abs(dx * (py(i) - ay) - dy * (px(i) - ax)) / len
    if (dist > bestDist) {
      bestDist = dist
      best = i
    }
  }
  return best
}
