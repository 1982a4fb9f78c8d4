// Seeded pseudo-random numbers, so every random draw in the core is reproducible from a seed.

/** A deterministic random source. */
export interface Rng {
  /** Uniform float in [0, 1). */
  next(): number
  /** Uniform integer in [0, n). */
  nextInt(n: number): number
  /** Uniform unsigned 32-bit integer. */
  nextU32(): number
}

/** Mulberry32: tiny, fast, good enough for sampling and initialisation (not for cryptography). */
export function createRng(seed: number): Rng {
  let state = seed >>> 0
  const nextU32 = (): number => {
    state = (state + 0x6d2b79f5) >>> 0
    let t = state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return (t ^ (t >>> 14)) >>> 0
  }
  const next = (): number => nextU32() / 4294967296
  const nextInt = (n: number): number => {
    if (!Number.isInteger(n) || n <= 0)
      throw new Error(`nextInt needs a positive integer, got ${n}`)
    return Math.floor(next() * n)
  }
  return { next, nextInt, nextU32 }
}
