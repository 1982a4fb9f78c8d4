// Song2Vec's default training parameters and the check that turns bad ones into clear errors.
import type { Song2VecParams } from './types'

/** The seed article's recipe (CBOW, 128-d, window 10, 20 negatives) with gensim's other defaults. */
export const defaultParams: Readonly<Song2VecParams> = Object.freeze({
  algo: 'cbow',
  dim: 128,
  window: 10,
  negative: 20,
  nsExponent: 0.75,
  sample: 1e-3,
  alpha: 0.025,
  minAlpha: 0.0001,
  minCount: 1,
  epochs: 30,
  seed: 1,
  threads: 2,
})

/** Merges `overrides` over `base` (defaults unless given) and validates every field. */
export function resolveParams(
  overrides: Partial<Song2VecParams> = {},
  base: Readonly<Song2VecParams> = defaultParams,
): Song2VecParams {
  const p: Song2VecParams = { ...base }
  for (const [key, value] of Object.entries(overrides)) {
    if (value !== undefined) (p as unknown as Record<string, unknown>)[key] = value
  }
  if (p.algo !== 'cbow' && p.algo !== 'sg') bad('algo', p.algo, "'cbow' or 'sg'")
  int('dim', p.dim, 1, 65536)
  int('window', p.window, 1, 1000)
  int('negative', p.negative, 1, 1000)
  num('nsExponent', p.nsExponent, -10, 10)
  num('sample', p.sample, 0, Infinity)
  num('alpha', p.alpha, Number.MIN_VALUE, 10)
  num('minAlpha', p.minAlpha, 0, p.alpha)
  int('minCount', p.minCount, 1, 2 ** 31)
  int('epochs', p.epochs, 1, 100_000)
  int('seed', p.seed, 0, 2 ** 32 - 1)
  int('threads', p.threads, 1, 256)
  return p
}

function int(name: string, v: unknown, min: number, max: number): void {
  if (typeof v !== 'number' || !Number.isInteger(v) || v < min || v > max) {
    bad(name, v, `an integer in ${min}..${max}`)
  }
}

function num(name: string, v: unknown, min: number, max: number): void {
  if (typeof v !== 'number' || !Number.isFinite(v) || v < min || v > max) {
    bad(name, v, `a number in [${min}, ${max}]`)
  }
}

function bad(name: string, v: unknown, expected: string): never {
  throw new Error(`Song2Vec parameter ${name} = ${JSON.stringify(v)} is invalid: use ${expected}`)
}
