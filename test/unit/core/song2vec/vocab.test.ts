// Vocabulary order, minCount, and the incremental vocabulary that keeps old rows in place.
import { describe, expect, it } from 'vitest'
import { buildVocab, extendVocab } from '../../../../src-main/core/song2vec/vocab'
import { chunkPlaylists, encodeCorpus } from '../../../../src-main/core/song2vec/corpus'

describe('buildVocab', () => {
  it('orders by descending count, ties by first appearance, and drops songs under minCount', () => {
    const v = buildVocab(
      [
        ['b', 'a', 'c'],
        ['a', 'd', 'c'],
        ['e', 'a', 'b', 'x y'],
      ],
      1,
    )
    expect(v.words).toEqual(['a', 'b', 'c', 'd', 'e', 'x y'])
    expect([...v.counts]).toEqual([3, 2, 2, 1, 1, 1])
    expect(v.index.get('c')).toBe(2)
    expect(
      buildVocab(
        [
          ['b', 'a', 'c'],
          ['a', 'c'],
        ],
        2,
      ).words,
    ).toEqual(['a', 'c'])
  })

  it('rejects a corpus entry that is not a string', () => {
    expect(() => buildVocab([['a', 3 as unknown as string]], 1)).toThrow(/must be strings/)
  })
})

describe('extendVocab', () => {
  it('keeps the old rows, adds counts, and appends new songs in buildVocab order', () => {
    const v = extendVocab(
      ['a', 'b'],
      Uint32Array.from([5, 4]),
      [
        ['c', 'a', 'd'],
        ['d', 'z'],
      ],
      1,
    )
    expect(v.words).toEqual(['a', 'b', 'd', 'c', 'z'])
    expect([...v.counts]).toEqual([6, 4, 2, 1, 1])
    expect(extendVocab(['a'], Uint32Array.from([1]), [['c', 'd', 'd']], 2).words).toEqual([
      'a',
      'd',
    ])
  })
})

describe('encodeCorpus / chunkPlaylists', () => {
  it('lays playlists end to end without unknown songs and cuts them into chunks', () => {
    const v = buildVocab([['a', 'b']], 1)
    const e = encodeCorpus([['a', 'q', 'b'], ['b'], [], ['a', 'a', 'a']], v.index)
    expect([...e.words]).toEqual([0, 1, 1, 0, 0, 0])
    expect([...e.offsets]).toEqual([0, 2, 3, 3, 6])
    expect(e.total).toBe(6)
    expect(e.longest).toBe(3)
    expect([...chunkPlaylists(e.offsets, 2)]).toEqual([0, 1, 4])
    expect([...chunkPlaylists(e.offsets, 3)]).toEqual([0, 2, 4])
    expect([...chunkPlaylists(e.offsets, 100)]).toEqual([0, 4])
  })
})
