// UMAP's low-dimensional similarity curve 1 / (1 + a·d^2b), fitted to min_dist and spread.

/** Curve parameters. */
export interface CurveParams {
  a: number
  b: number
}

/**
 * Least-squares fit (Gauss–Newton) of 1 / (1 + a x^2b) to the target 1 for x < minDist and
 * exp(−(x − minDist)/spread) beyond, on 300 points of [0, 3·spread], as UMAP's find_ab_params.
 */
export function fitCurve(minDist: number, spread: number): CurveParams {
  if (!(spread > 0) || !(minDist >= 0) || minDist > spread) {
    throw new Error(
      `Need 0 ≤ minDist ≤ spread and spread > 0, got minDist ${minDist}, spread ${spread}`,
    )
  }
  const xs: number[] = []
  const ys: number[] = []
  for (let i = 1; i < 300; i++) {
    const x = (3 * spread * i) / 299
    xs.push(x)
    ys.push(x < minDist ? 1 : Math.exp(-(x - minDist) / spread))
  }
  let a = 1.5
  let b = 0.9
  for (let it = 0; it < 200; it++) {
    // Normal equations of the 2-parameter problem, with a little damping.
    let jaa = 0
    let jab = 0
    let jbb = 0
    let ga = 0
    let gb = 0
    for (let i = 0; i < xs.length; i++) {
      const x = xs[i]
      const p = Math.pow(x, 2 * b)
      const den = 1 + a * p
      const f = 1 / den
      const r = f - ys[i]
      const da = -p / (den * den)
      const db = (-a * p * 2 * Math.log(x)) / (den * den)
      jaa += da * da
      jab += da * db
      jbb += db * db
      ga += da * r
      gb += db * r
    }
    jaa *= 1.000001
    jbb *= 1.000001
    const det = jaa * jbb - jab * jab
    if (!(Math.abs(det) > 1e-300)) break
    const stepA = (jbb * ga - jab * gb) / det
    const stepB = (jaa * gb - jab * ga) / det
    a = Math.max(1e-3, a - stepA)
    b = Math.max(1e-3, b - stepB)
    if (Math.abs(stepA) < 1e-10 && Math.abs(stepB) < 1e-10) break
  }
  return { a, b }
}
