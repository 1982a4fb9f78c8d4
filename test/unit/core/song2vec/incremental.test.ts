// Incremental training: an old model continues on a corpus with new songs, which land beside their co-occurring songs.
import { describe, expect, it } from 'vitest'
import { train } from '../../../../src-main/core/song2vec/trainer'
import { community, neighbours, plantedCorpus } from './corpus-fixtures'

const params = { dim: 24, window: 5, negative: 5, sample: 0, threads: 1 }

function cosine(a: Float32Array, b: Float32Array): number {
  let ab = 0
  let aa = 0
  let bb = 0
  for (let i = 0; i < a.length; i++) {
    ab += a[i] * b[i]
    aa += a[i] * a[i]
    bb += b[i] * b[i]
  }
  return ab / Math.sqrt(aa * bb)
}

describe('incremental training', () => {
  it('keeps old rows and vectors close and places new songs near their co-occurring songs', async () => {
    const first = plantedCorpus({ communities: 3, size: 12, playlists: 300, length: 10, seed: 1 })
    const old = await train(first, { ...params, epochs: 15 })

    // New songs "n0-s*" only ever appear in playlists with community c1.
    const mixed = plantedCorpus({
      communities: 1,
      size: 12,
      playlists: 60,
      length: 10,
      seed: 2,
    }).map((p, i) =>
      p.map((s, j) => (j % 2 === 0 ? s.replace('c0-', 'c1-') : `n0-s${(i + j) % 6}`)),
    )
    const model = await train([...first, ...mixed], { epochs: 5 }, { init: old })

    expect(model.vocab.slice(0, old.vocab.length)).toEqual(old.vocab)
    expect(model.vocab.slice(old.vocab.length).sort()).toEqual([
      'n0-s0',
      'n0-s1',
      'n0-s2',
      'n0-s3',
      'n0-s4',
      'n0-s5',
    ])
    const c = old.vocab.indexOf('c0-s0')
    const seen = first.flat().filter((s) => s === 'c0-s0').length
    expect(model.counts[c]).toBe(old.counts[c] + seen)
    expect(model.params.dim).toBe(24) // taken from the initial model
    expect(model.lossHistory).toHaveLength(20)

    const dim = old.dim
    for (let r = 0; r < old.vocab.length; r++) {
      const before = old.input.subarray(r * dim, (r + 1) * dim)
      const after = model.input.subarray(r * dim, (r + 1) * dim)
      expect(cosine(before, after)).toBeGreaterThan(0.9)
    }

    for (let s = 0; s < 6; s++) {
      const near = neighbours(model, `n0-s${s}`, 10).filter((k) => community(k) !== 'n0')
      expect(near.slice(0, 4).every((k) => community(k) === 'c1')).toBe(true)
    }
  })

  it('refuses a different dimension', async () => {
    const corpus = plantedCorpus({ communities: 2, size: 5, playlists: 20, length: 5, seed: 1 })
    const old = await train(corpus, { ...params, epochs: 1 })
    await expect(train(corpus, { dim: 32 }, { init: old })).rejects.toThrow(
      /24-d model with dim = 32/,
    )
  })
})
