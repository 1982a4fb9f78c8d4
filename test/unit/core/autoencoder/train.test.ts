// The autoencoder learns: exact gradients, falling loss, a planted block structure, seeded determinism, aborts.
import { describe, expect, it } from 'vitest'
import { songColumns } from '../../../../src-main/core/autoencoder/columns'
import {
  initLayers,
  reconstructSparse,
  TrainingPass,
} from '../../../../src-main/core/autoencoder/network'
import { trainAutoencoder } from '../../../../src-main/core/autoencoder/train'
import { createRng } from '../../../../src-main/core/util/random'

/** 3 blocks of 12 songs; block k's songs sit in (most of) block k's 10 playlists and carry tag k. */
function plantedBlocks(seed: number): {
  playlists: number[][]
  tags: string[][]
  block: (song: number) => number
} {
  const rng = createRng(seed)
  const playlists: number[][] = []
  for (let k = 0; k < 3; k++) {
    for (let p = 0; p < 10; p++) {
      const songs: number[] = []
      for (let s = 0; s < 12; s++) if (rng.next() < 0.6) songs.push(k * 12 + s)
      playlists.push(songs)
    }
  }
  const tags = Array.from({ length: 36 }, (_, s) => [`tag${Math.floor(s / 12)}`])
  return { playlists, tags, block: (s) => Math.floor(s / 12) }
}

const small = { encoder: [16, 4], decoder: [8], batchSize: 8, learningRate: 0.01, zeroWeight: 5 }

describe('TrainingPass', () => {
  it('back-propagates the exact gradient (finite differences, with and without dropout)', () => {
    for (const dropout of [0, 0.5]) {
      const layers = initLayers(9, [6, 3], [5], 2, createRng(2))
      const rows = [[0, 2], [1, 5, 8], [3], [4, 6, 7]]
      // A fresh source per pass: every pass draws the same dropout mask.
      const run = (pass: TrainingPass): number =>
        pass.run(rows, 1, rows, { dropout, zeroWeight: 2, rng: createRng(7) }).loss
      const pass = new TrainingPass(layers, 4)
      run(pass)
      let checked = 0
      for (const { value, grad } of pass.params) {
        for (const i of [0, Math.floor(value.length / 2), value.length - 1]) {
          const keep = value[i]
          const eps = 1e-3
          value[i] = keep + eps
          const up = run(new TrainingPass(layers, 4))
          value[i] = keep - eps
          const down = run(new TrainingPass(layers, 4))
          value[i] = keep
          const numeric = (up - down) / (2 * eps)
          expect(Math.abs(numeric - grad[i])).toBeLessThan(1e-3 + 1e-2 * Math.abs(numeric))
          checked++
        }
      }
      expect(checked).toBe(pass.params.length * 3)
    }
  })
})

describe('trainAutoencoder', () => {
  it('lowers the loss and reconstructs a planted block structure', async () => {
    const { playlists, tags, block } = plantedBlocks(1)
    const columns = songColumns(playlists, 36, tags)
    expect(columns.nCols).toBe(33)
    const model = await trainAutoencoder(columns, { ...small, epochs: 60, seed: 4 })
    expect(model.lossHistory).toHaveLength(60)
    expect(model.lossHistory[59]).toBeLessThan(0.5 * model.lossHistory[0])
    const recon = reconstructSparse(model, columns.rows)
    const colBlock = (c: number): number => (c < 30 ? Math.floor(c / 10) : c - 30)
    for (let s = 0; s < 36; s++) {
      let own = 0
      let other = 0
      for (let c = 0; c < 33; c++) {
        if (colBlock(c) === block(s)) own += recon[s * 33 + c] / 11
        else other += recon[s * 33 + c] / 22
      }
      expect(own).toBeGreaterThan(other + 0.3)
    }
    // The bottleneck groups the blocks: each song's nearest song (cosine) is in its own block.
    const dim = model.dim
    const cos = (a: number, b: number): number => {
      let ab = 0
      let aa = 0
      let bb = 0
      for (let d = 0; d < dim; d++) {
        const x = model.input[a * dim + d]
        const y = model.input[b * dim + d]
        ab += x * y
        aa += x * x
        bb += y * y
      }
      return ab / Math.sqrt(aa * bb)
    }
    for (let s = 0; s < 36; s++) {
      let best = -1
      for (let t = 0; t < 36; t++) if (t !== s && (best < 0 || cos(s, t) > cos(s, best))) best = t
      expect(block(best)).toBe(block(s))
    }
  })

  it('is deterministic for a seed (dropout and input dropout included)', async () => {
    const { playlists, tags } = plantedBlocks(2)
    const columns = songColumns(playlists, 36, tags)
    const p = { ...small, epochs: 3, dropout: 0.3, inputDropout: 0.2 }
    const a = await trainAutoencoder(columns, { ...p, seed: 7 })
    const b = await trainAutoencoder(columns, { ...p, seed: 7 })
    const c = await trainAutoencoder(columns, { ...p, seed: 8 })
    expect(b.input).toEqual(a.input)
    expect(b.lossHistory).toEqual(a.lossHistory)
    expect(c.input).not.toEqual(a.input)
  })

  it('gives songs without input one shared embedding and says which they are', async () => {
    const columns = songColumns(
      [
        [0, 1],
        [1, 2],
      ],
      4,
    )
    const model = await trainAutoencoder(columns, { ...small, epochs: 1 })
    expect([...model.hasInput]).toEqual([1, 1, 1, 0])
    expect(model.input).toHaveLength(4 * 4)
    expect(model.vocab).toEqual(['0', '1', '2', '3'])
  })

  it('stops with an AbortError and rejects bad input clearly', async () => {
    const { playlists, tags } = plantedBlocks(3)
    const columns = songColumns(playlists, 36, tags)
    const ac = new AbortController()
    const seen: number[] = []
    const run = trainAutoencoder(
      columns,
      { ...small, epochs: 50 },
      {
        signal: ac.signal,
        onProgress: (p) => {
          seen.push(p.epoch)
          if (p.epoch === 2) ac.abort()
        },
      },
    )
    await expect(run).rejects.toMatchObject({ name: 'AbortError' })
    expect(seen).toEqual([1, 2])
    await expect(trainAutoencoder({ rows: [[0, 3]], nCols: 3 })).rejects.toThrow(
      /column 3, outside 0..2/,
    )
    await expect(trainAutoencoder({ rows: [[]], nCols: 3 })).rejects.toThrow(
      /Every song row is empty/,
    )
    await expect(trainAutoencoder(columns, { dropout: 1 })).rejects.toThrow(
      /dropout must be in \[0, 1\)/,
    )
    await expect(trainAutoencoder(columns, { encoder: [] })).rejects.toThrow(
      /encoder must be a list/,
    )
    expect(() => songColumns([[0, 5]], 4)).toThrow(/song 5, outside 0..3/)
  })
})
