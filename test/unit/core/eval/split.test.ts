// The held-out split: deterministic for a seed, and no held-out playlist leaks into training.
import { describe, expect, it } from 'vitest'
import { PythonRandom } from '../../../../src-main/core/eval/python-shuffle'
import { seededPermutation, splitPlaylists } from '../../../../src-main/core/eval/split'

const playlists = Array.from({ length: 50 }, (_, i) => [i, i + 1])

describe('splitPlaylists', () => {
  it('is the same for the same seed and different for another', () => {
    const a = splitPlaylists(playlists, 10, 123)
    const b = splitPlaylists(playlists, 10, 123)
    const c = splitPlaylists(playlists, 10, 124)
    expect(a.heldoutIndex).toEqual(b.heldoutIndex)
    expect(a.trainIndex).toEqual(b.trainIndex)
    expect(c.heldoutIndex).not.toEqual(a.heldoutIndex)
  })

  it('puts every playlist in exactly one part, held-out ones never in training', () => {
    const s = splitPlaylists(playlists, 10, 123)
    expect(s.heldout).toHaveLength(10)
    expect(s.train).toHaveLength(40)
    const train = new Set(s.trainIndex)
    for (const i of s.heldoutIndex) expect(train.has(i)).toBe(false)
    expect([...s.heldoutIndex, ...s.trainIndex].sort((x, y) => x - y)).toEqual(
      playlists.map((_, i) => i),
    )
    s.heldoutIndex.forEach((i, j) => expect(s.heldout[j]).toBe(playlists[i]))
    // A shuffle, not the first ten.
    expect(s.heldoutIndex).not.toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9])
  })

  it('rejects a hold-out that leaves nothing to train on', () => {
    expect(() => splitPlaylists(playlists, 50, 1)).toThrow(/from 1 to 49/)
    expect(() => splitPlaylists(playlists, 0, 1)).toThrow(/Cannot hold out 0/)
    expect(() => splitPlaylists(playlists, 2.5, 1)).toThrow(/whole number/)
  })

  it('permutes', () => {
    const p = seededPermutation(1000, 7)
    expect(new Set(p).size).toBe(1000)
    expect(Math.min(...p)).toBe(0)
    expect(Math.max(...p)).toBe(999)
  })
})

describe('PythonRandom', () => {
  // Expected values printed by CPython 3.11: random.Random(seed).getrandbits(32) / .shuffle(list(range(n))).
  it('reproduces CPython bit for bit', () => {
    const r = new PythonRandom(123)
    expect([r.nextU32(), r.nextU32(), r.nextU32()]).toEqual([224899942, 1149664691, 374463918])
    expect(seededPermutation(20, 123)).toEqual([
      7, 17, 3, 4, 14, 12, 11, 9, 5, 10, 15, 6, 0, 16, 19, 18, 13, 2, 8, 1,
    ])
    expect(seededPermutation(12977, 123).slice(0, 10)).toEqual([
      7266, 218, 11623, 10335, 1827, 6639, 11944, 3074, 1979, 1638,
    ])
    // A seed wider than 32 bits is split into words as CPython does.
    expect(seededPermutation(100, 2 ** 40 + 5).slice(0, 10)).toEqual([
      24, 85, 44, 75, 82, 26, 71, 51, 11, 45,
    ])
  })

  it('rejects seeds CPython would hash differently', () => {
    expect(() => new PythonRandom(-1)).toThrow(/non-negative whole seed/)
    expect(() => new PythonRandom(1.5)).toThrow(/non-negative whole seed/)
  })
})
