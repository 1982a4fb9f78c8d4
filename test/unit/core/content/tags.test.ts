// Tags → song vectors: ridge and MLP learn the map, 'auto' keeps the better, placement marks songs as placed by tags.
import { mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { songKey } from '../../../../src-shared/song-key'
import {
  catalogueTags,
  placeByTags,
  placeCatalogueByTags,
  tagExamples,
} from '../../../../src-main/core/content/tags/place-by-tags'
import {
  fitTagModel,
  tagPredictor,
  type TagExample,
} from '../../../../src-main/core/content/tags/tag-model'
import type { Song2VecModel } from '../../../../src-main/core/song2vec/types'
import { createRng } from '../../../../src-main/core/util/random'
import { makeTempDir } from '../../../fixtures/temp-dir'

const TAGS = Array.from({ length: 20 }, (_, i) => `tag${i}`)

/** Songs in 4 groups; each group has its own direction and tag profile (with noise). */
function synthetic(n: number, dim: number, seed: number): (TagExample & { group: number })[] {
  const rng = createRng(seed)
  const centres = Array.from({ length: 4 }, () =>
    Float32Array.from({ length: dim }, () => rng.next() * 2 - 1),
  )
  // The first `n` train, the rest (another 100 from the same groups) test.
  return Array.from({ length: n + 100 }, () => {
    const group = rng.nextInt(4)
    const tags = TAGS.filter((_, t) => (t % 4 === group ? rng.next() < 0.7 : rng.next() < 0.05))
    if (tags.length === 0) tags.push(TAGS[group])
    const vector = Float32Array.from(centres[group], (c) => c + 0.3 * (rng.next() * 2 - 1))
    return { tags, vector, group }
  })
}

function cos(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let d = 0
  let na = 0
  let nb = 0
  for (let i = 0; i < a.length; i++) {
    d += a[i] * b[i]
    na += a[i] ** 2
    nb += b[i] ** 2
  }
  return d / Math.sqrt(na * nb)
}

describe('fitTagModel', () => {
  const all = synthetic(400, 8, 1)
  const data = all.slice(0, 400)
  const test = all.slice(400)

  it('ridge and MLP both beat the mean vector; auto keeps the one with the better validation cosine', () => {
    const ridge = fitTagModel(data, { kind: 'ridge', seed: 1 })
    const mlp = fitTagModel(data, {
      kind: 'mlp',
      seed: 1,
      epochs: 30,
      lr: 3e-3,
      weightDecay: 0.01,
      hidden: 32,
      batch: 16,
    })
    expect(ridge.report.ridge!.cosine).toBeGreaterThan(ridge.report.meanVectorCosine + 0.2)
    expect(mlp.report.mlp!.cosine).toBeGreaterThan(mlp.report.meanVectorCosine + 0.2)
    const auto = fitTagModel(data, {
      kind: 'auto',
      seed: 1,
      epochs: 30,
      lr: 3e-3,
      weightDecay: 0.01,
      hidden: 32,
      batch: 16,
    })
    const better = auto.report.mlp!.cosine > auto.report.ridge!.cosine ? 'mlp' : 'ridge'
    expect(auto.report.chosen).toBe(better)
    expect(auto.model.kind).toBe(better)
    // Unseen songs land nearer their own group's songs than the others.
    const predict = tagPredictor(ridge.model)
    let right = 0
    for (const t of test) {
      const v = predict(t.tags)!
      const own =
        data.filter((d) => d.group === t.group).reduce((s, d) => s + cos(v, d.vector), 0) /
        data.filter((d) => d.group === t.group).length
      const other =
        data.filter((d) => d.group !== t.group).reduce((s, d) => s + cos(v, d.vector), 0) /
        data.filter((d) => d.group !== t.group).length
      if (own > other) right++
    }
    expect(right).toBeGreaterThan(90)
  })

  it('predicts unit vectors, and nothing for songs without a known tag', () => {
    const { model } = fitTagModel(data, { kind: 'ridge', seed: 1 })
    const v = tagPredictor(model)(['tag1', 'tag5', 'not-a-tag'])!
    expect(Math.hypot(...v)).toBeCloseTo(1, 5)
    expect(tagPredictor(model)(['not-a-tag'])).toBeUndefined()
  })

  it('says what is wrong with unusable input', () => {
    expect(() => fitTagModel([{ tags: [], vector: [1, 0] }])).toThrow(/carry no tags/)
    expect(() => fitTagModel(data.slice(0, 5))).toThrow(/at least 10/)
    expect(() => fitTagModel(data, { kind: 'svm' as never })).toThrow(/Unknown tag model/)
  })
})

describe('placement', () => {
  const temp = makeTempDir('segue-content-tags-')
  afterAll(() => temp.cleanup())

  it('places only the songs the model lacks, reading a catalogue with no train.txt, and merges repeated keys', async () => {
    const dir = join(temp.dir, 'complete')
    mkdirSync(dir)
    const songs: [string, string, number[]][] = []
    const rng = createRng(2)
    for (let i = 0; i < 60; i++)
      songs.push([
        `Song ${i}`,
        `Artist ${i % 4}`,
        [i % 4, 4 + (i % 4)].concat(rng.next() < 0.3 ? [8] : []),
      ])
    songs.push(['Song 0', 'The Artist 0', [9]]) // same key as song 0 after normalisation: tags merge
    songs.push(['-', '-', [1]]) // unknown: skipped
    songs.push(['Untagged', 'Nobody', []])
    writeFileSync(
      join(dir, 'song_hash.txt'),
      songs.map(([t, a], i) => `${i}\t${t}\t${a}\n`).join(''),
    )
    writeFileSync(
      join(dir, 'tag_hash.txt'),
      Array.from({ length: 10 }, (_, i) => `${i}, t${i}\n`).join(''),
    )
    writeFileSync(
      join(dir, 'tags.txt'),
      songs.map(([, , tags]) => (tags.length ? `${tags.join(' ')}\n` : '#\n')).join(''),
    )
    const tags = await catalogueTags(dir)
    expect(tags.size).toBe(60)
    expect(tags.get(songKey('Artist 0', 'Song 0'))).toEqual([
      ...songs[0][2].map((t) => `t${t}`),
      't9',
    ])

    // A "model" that knows the first 40 songs, with vectors by artist group.
    const dim = 4
    const vocab = Array.from({ length: 40 }, (_, i) => songKey(`Artist ${i % 4}`, `Song ${i}`))
    const input = new Float32Array(40 * dim)
    for (let i = 0; i < 40; i++) input[i * dim + (i % 4)] = 1
    const model: Song2VecModel = {
      vocab,
      counts: new Uint32Array(40).fill(1),
      dim,
      input,
      output: new Float32Array(40 * dim),
      params: {} as Song2VecModel['params'],
      lossHistory: [],
    }
    expect(tagExamples(model, tags)).toHaveLength(40)
    const { placed, report } = await placeCatalogueByTags({
      song2vec: model,
      catalogueDir: dir,
      kind: 'ridge',
      seed: 1,
    })
    expect(report.chosen).toBe('ridge')
    expect(placed.placedBy).toBe('tags')
    expect(placed.keys).toHaveLength(20)
    expect(placed.keys).not.toContain(vocab[0])
    // Song 41 is by Artist 1: its vector points along axis 1.
    const row = placed.keys.indexOf(songKey('Artist 1', 'Song 41'))
    const v = placed.vectors.subarray(row * dim, (row + 1) * dim)
    expect(Math.max(...v)).toBe(v[1])
    expect(Math.hypot(...v)).toBeCloseTo(1, 5)

    const direct = placeByTags(
      (await placeCatalogueByTags({ song2vec: model, catalogueDir: dir, kind: 'ridge', seed: 1 }))
        .model,
      [
        { key: 'a', tags: ['t1'] },
        { key: 'b', tags: ['nope'] },
      ],
    )
    expect(direct.keys).toEqual(['a'])
  })

  it('fails clearly when the model and the catalogue share no song', async () => {
    const model = { vocab: ['x — y'], dim: 2, input: new Float32Array(2) } as Song2VecModel
    await expect(
      placeCatalogueByTags({ song2vec: model, catalogueDir: join(temp.dir, 'complete') }),
    ).rejects.toThrow(/None of the model/)
    await expect(catalogueTags(join(temp.dir, 'missing'))).rejects.toThrow(
      /Cannot read the catalogue/,
    )
  })
})
