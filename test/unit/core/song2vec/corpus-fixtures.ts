// Test helper: seeded playlist corpora with known structure, and a cosine nearest-neighbour lookup.
import { createRng } from '../../../../src-main/core/util/random'
import type { Song2VecModel } from '../../../../src-main/core/song2vec/types'

/** `communities` disjoint groups of `size` songs ("c2-s7"); each playlist draws from one group. */
export function plantedCorpus(opts: {
  communities: number
  size: number
  playlists: number
  length: number
  seed: number
  prefix?: string
}): string[][] {
  const rng = createRng(opts.seed)
  const prefix = opts.prefix ?? 'c'
  const out: string[][] = []
  for (let p = 0; p < opts.playlists; p++) {
    const c = p % opts.communities
    out.push(Array.from({ length: opts.length }, () => `${prefix}${c}-s${rng.nextInt(opts.size)}`))
  }
  return out
}

export function community(key: string): string {
  return key.split('-')[0]
}

/** The `k` songs whose input vectors are closest (cosine) to `key`'s. */
export function neighbours(model: Song2VecModel, key: string, k: number): string[] {
  const { dim, input, vocab } = model
  const q = vocab.indexOf(key)
  const norm = (r: number): number => Math.hypot(...input.subarray(r * dim, (r + 1) * dim))
  const nq = norm(q)
  const scored = vocab.map((w, r) => {
    let s = 0
    for (let d = 0; d < dim; d++) s += input[q * dim + d] * input[r * dim + d]
    return { w, s: s / (nq * norm(r)) }
  })
  return scored
    .filter((x) => x.w !== key)
    .sort((a, b) => b.s - a.s)
    .slice(0, k)
    .map((x) => x.w)
}

/** Share of each song's k nearest neighbours that sit in its own community. */
export function neighbourPrecision(model: Song2VecModel, k: number, keys = model.vocab): number {
  let hits = 0
  for (const key of keys)
    hits += neighbours(model, key, k).filter((n) => community(n) === community(key)).length
  return hits / (keys.length * k)
}
