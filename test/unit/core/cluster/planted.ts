// Test data with known structure: points scattered around planted directions on the sphere.
import { createRng } from '../../../../src-main/core/util/random'

/** Planted clusters: `vectors` (`n × dim`) and the true cluster of each row. */
export interface Planted {
  vectors: Float32Array
  labels: Int32Array
}

/** `n` points around `centers` random unit directions, with Gaussian noise of total size `noise`. */
export function plantedClusters(
  n: number,
  dim: number,
  centers: number,
  noise: number,
  seed: number,
): Planted {
  const rng = createRng(seed)
  const gauss = (): number => {
    let u = 0
    while (u === 0) u = rng.next()
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * rng.next())
  }
  const c = new Float64Array(centers * dim)
  for (let x = 0; x < c.length; x++) c[x] = gauss()
  for (let j = 0; j < centers; j++) {
    let s = 0
    for (let d = 0; d < dim; d++) s += c[j * dim + d] ** 2
    for (let d = 0; d < dim; d++) c[j * dim + d] /= Math.sqrt(s)
  }
  const vectors = new Float32Array(n * dim)
  const labels = new Int32Array(n)
  for (let i = 0; i < n; i++) {
    const l = i % centers
    labels[i] = l
    for (let d = 0; d < dim; d++) {
      vectors[i * dim + d] = c[l * dim + d] + (noise * gauss()) / Math.sqrt(dim)
    }
  }
  return { vectors, labels }
}

/** Adjusted Rand index of two partitions (1 = identical up to renaming, ~0 = chance). */
export function adjustedRand(a: Int32Array, b: Int32Array): number {
  const pairs = (x: number): number => (x * (x - 1)) / 2
  const table = new Map<string, number>()
  const ra = new Map<number, number>()
  const rb = new Map<number, number>()
  for (let i = 0; i < a.length; i++) {
    const key = `${a[i]},${b[i]}`
    table.set(key, (table.get(key) ?? 0) + 1)
    ra.set(a[i], (ra.get(a[i]) ?? 0) + 1)
    rb.set(b[i], (rb.get(b[i]) ?? 0) + 1)
  }
  let index = 0
  for (const v of table.values()) index += pairs(v)
  let sa = 0
  let sb = 0
  for (const v of ra.values()) sa += pairs(v)
  for (const v of rb.values()) sb += pairs(v)
  const expected = (sa * sb) / pairs(a.length)
  return (index - expected) / ((sa + sb) / 2 - expected)
}
