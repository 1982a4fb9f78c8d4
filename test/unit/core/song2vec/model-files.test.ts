// The model folder: exact round trip, atomic replacement, and clear errors for damaged folders.
import { mkdtemp, readdir, readFile, rm, truncate, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { loadModel, loadVocab, saveModel } from '../../../../src-main/core/song2vec/model-files'
import { defaultParams } from '../../../../src-main/core/song2vec/params'
import type { Song2VecModel } from '../../../../src-main/core/song2vec/types'
import { createRng } from '../../../../src-main/core/util/random'

let root: string
beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'song2vec-files-'))
})
afterEach(async () => {
  await rm(root, { recursive: true, force: true })
})

function model(keys: string[], dim: number, seed = 1): Song2VecModel {
  const rng = createRng(seed)
  const values = (): Float32Array =>
    Float32Array.from({ length: keys.length * dim }, () => rng.next() - 0.5)
  return {
    vocab: keys,
    counts: Uint32Array.from(keys, (_, i) => 100 - i),
    dim,
    input: values(),
    output: values(),
    params: { ...defaultParams, dim, epochs: 3 },
    lossHistory: [3.5, 2.25, 2.125],
  }
}

const KEYS = [
  'Artist — Title',
  'tab\there',
  'new\nline',
  'back\\slash\\t',
  'crlf\r',
  'ünïcødé 🎵',
  '',
]

describe('saveModel / loadModel', () => {
  it('round-trips vocabulary (any characters), counts, vectors, params and loss history exactly', async () => {
    const dir = join(root, 'm1')
    const m = model(KEYS, 5)
    await saveModel(dir, m)
    expect((await readdir(dir)).sort()).toEqual([
      'input.f32',
      'model.json',
      'output.f32',
      'vocab.tsv',
    ])
    const back = await loadModel(dir)
    expect(back.vocab).toEqual(KEYS)
    expect([...back.counts]).toEqual([...m.counts])
    expect(back.input).toEqual(m.input)
    expect(back.output).toEqual(m.output)
    expect(back.params).toEqual(m.params)
    expect(back.lossHistory).toEqual(m.lossHistory)
    const manifest = JSON.parse(await readFile(join(dir, 'model.json'), 'utf8'))
    expect(manifest).toMatchObject({
      format: 'segue-song2vec',
      version: 1,
      dim: 5,
      vocabSize: KEYS.length,
    })
    expect(manifest.vocabSha256).toMatch(/^[0-9a-f]{64}$/)
    expect(new Date(manifest.created).toISOString()).toBe(manifest.created)
    expect((await loadVocab(dir)).words).toEqual(KEYS)
    expect((await readFile(join(dir, 'input.f32'))).length).toBe(KEYS.length * 5 * 4)
  })

  it('replaces an existing model folder whole and leaves no temporary folder behind', async () => {
    const dir = join(root, 'm')
    await saveModel(dir, model(['a', 'b', 'c'], 4, 1))
    const second = model(['x'], 8, 2)
    await saveModel(dir, second)
    const back = await loadModel(dir)
    expect(back.vocab).toEqual(['x'])
    expect(back.input).toEqual(second.input)
    expect(await readdir(root)).toEqual(['m'])
  })

  it('says what is wrong with a damaged folder', async () => {
    const dir = join(root, 'bad')
    await saveModel(dir, model(['a', 'b'], 3))
    await truncate(join(dir, 'output.f32'), 20)
    await expect(loadModel(dir)).rejects.toThrow(
      /output\.f32 has 20 bytes, expected 24 \(2 songs × 3 dimensions × 4\)/,
    )

    await saveModel(dir, model(['a', 'b'], 3))
    await writeFile(join(dir, 'vocab.tsv'), 'a\t1\nc\t2\n')
    await expect(loadModel(dir)).rejects.toThrow(/vocab\.tsv does not match the hash/)

    await rm(join(dir, 'model.json'))
    await expect(loadModel(dir)).rejects.toThrow(
      /Not a Song2Vec model folder: .*model\.json is missing/,
    )
    await expect(loadModel(join(root, 'nowhere'))).rejects.toThrow(/model\.json is missing/)
  })

  it('refuses to save a model whose vectors do not match its vocabulary', async () => {
    const m = model(['a', 'b'], 3)
    await expect(
      saveModel(join(root, 'x'), { ...m, input: m.input.subarray(0, 3) }),
    ).rejects.toThrow(/2 × 3/)
  })
})
