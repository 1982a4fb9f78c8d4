// Tags cross to a model's worker packed as one string: every list comes back as it was, empty ones included.
import { describe, expect, it } from 'vitest'
import { packTags, unpackTags } from '../../../../src-main/core/models/model-worker'

describe('packTags / unpackTags', () => {
  it('round-trips lists with empty lists, unicode and spaces', () => {
    const lists = [['rock', 'hip hop'], [], ['k-pop', 'café', ''], [], ['a,b; c']]
    expect(unpackTags(packTags(lists), lists.length)).toEqual([
      ['rock', 'hip hop'],
      [],
      ['k-pop', 'café', ''],
      [],
      ['a,b; c'],
    ])
    expect(unpackTags(packTags([]), 0)).toEqual([])
    expect(unpackTags(packTags([[]]), 1)).toEqual([[]])
  })

  it('drops the separators from tags that carry them, and refuses a count that does not match', () => {
    expect(unpackTags(packTags([['x\u0001y\u0002z']]), 1)).toEqual([['xyz']])
    expect(() => unpackTags(packTags([['a'], ['b']]), 3)).toThrow(/2 songs for 3 rows/)
  })
})
