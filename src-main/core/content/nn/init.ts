// Seeded weight initialisation for the content networks (He-normal, so ReLU stacks start well scaled).
import type { Rng } from '../../util/random'

/** A standard normal draw (Box–Muller) from a seeded source. */
export function normal(rng: Rng): number {
  let u = rng.next()
  while (u <= 1e-12) u = rng.next()
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * rng.next())
}

/** `size` weights drawn from N(0, 2 / fanIn) (He et al., 2015). */
export function heNormal(size: number, fanIn: number, rng: Rng): Float32Array {
  const out = new Float32Array(size)
  const std = Math.sqrt(2 / fanIn)
  for (let i = 0; i < size; i++) out[i] = normal(rng) * std
  return out
}

/** `size` weights drawn from N(0, 1 / fanIn) (LeCun; for the linear output layer). */
export function lecunNormal(size: number, fanIn: number, rng: Rng): Float32Array {
  const out = new Float32Array(size)
  const std = Math.sqrt(1 / fanIn)
  for (let i = 0; i < size; i++) out[i] = normal(rng) * std
  return out
}
