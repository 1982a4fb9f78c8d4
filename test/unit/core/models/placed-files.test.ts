// Placed-song sets beside a model: round trip, replacement leaves one vector file, damage is reported by name.
import { mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import {
  loadPlaced,
  savePlaced,
  type PlacedRows,
} from '../../../../src-main/core/models/placed-files'
import { servableOf } from '../../../../src-main/core/models/servable'
import type { SongVectors } from '../../../../src-main/core/models/embedding-files'

const rows = (keys: string[], dim = 2): PlacedRows => ({
  keys,
  placedBy: keys.map((_, i) => (i % 2 ? 'audio' : 'tags')),
  why: keys.map((k) => `why ${k}`),
  vectors: Float32Array.from({ length: keys.length * dim }, (_, i) => i / 10),
  dim,
})

describe('placed files', () => {
  it('round-trips a set and keeps only the newest vector file', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'segue-placed-'))
    expect(await loadPlaced(dir, 'library')).toBeNull()
    await savePlaced(dir, 'library', rows(['a', 'b']))
    await savePlaced(dir, 'library', rows(['c', 'd', 'e']))
    const back = await loadPlaced(dir, 'library')
    expect(back?.keys).toEqual(['c', 'd', 'e'])
    expect(back?.placedBy).toEqual(['tags', 'audio', 'tags'])
    expect(back?.why[2]).toBe('why e')
    expect(Array.from(back!.vectors)).toEqual(Array.from(rows(['c', 'd', 'e']).vectors))
    expect((await readdir(dir)).filter((f) => f.endsWith('.f32'))).toHaveLength(1)
  })

  it('names the damaged file and says what to do', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'segue-placed-'))
    await savePlaced(dir, 'catalogue', rows(['a', 'b']))
    const vectorFile = (await readdir(dir)).find((f) => f.endsWith('.f32'))!
    const bytes = await readFile(join(dir, vectorFile))
    bytes[0] ^= 0xff
    await writeFile(join(dir, vectorFile), bytes)
    await expect(loadPlaced(dir, 'catalogue')).rejects.toThrow(
      /placed-catalogue\.json.*checksum.*retrain/,
    )
    await writeFile(join(dir, 'placed-catalogue.json'), '{"format":')
    await expect(loadPlaced(dir, 'catalogue')).rejects.toThrow(/is damaged/)
  })

  it('joins learnt rows and placed sets: learnt songs win, then the library, then the catalogue', () => {
    const learnt: SongVectors = {
      kind: 'song2vec',
      algo: 'cbow',
      vocab: ['x', 'y'],
      counts: Uint32Array.from([5, 3]),
      dim: 2,
      input: Float32Array.from([1, 0, 0, 1]),
      output: Float32Array.from([9, 9, 9, 9]),
      epochs: 1,
      lossHistory: [],
      params: {},
    }
    const library = rows(['y', 'lib'])
    const catalogue = rows(['lib', 'cat', 'x'])
    const m = servableOf(learnt, { library, catalogue })
    expect(m.vocab).toEqual(['x', 'y', 'lib', 'cat'])
    expect(m.trained).toBe(2)
    expect(m.placedBy).toEqual(['audio', 'audio'])
    expect(m.placedWhy).toEqual(['why lib', 'why cat'])
    expect(m.placedCatalogue).toBe(1)
    expect(Array.from(m.counts)).toEqual([5, 3, 0, 0])
    // Placed rows carry their placed vector and no output-layer evidence.
    expect(Array.from(m.input.subarray(4, 8))).toEqual(
      Array.from(library.vectors.subarray(2, 4)).concat(
        Array.from(catalogue.vectors.subarray(2, 4)),
      ),
    )
    expect(Array.from(m.output.subarray(0, 8))).toEqual([9, 9, 9, 9, 0, 0, 0, 0])
    expect(() => servableOf(learnt, { library: rows(['z'], 3) })).toThrow(
      /3 dimensions, the model 2/,
    )
  })
})
