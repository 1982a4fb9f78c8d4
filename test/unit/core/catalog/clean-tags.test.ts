// The clean-tag rule: genre, mood, era, instrument and place tags pass; taste and bookkeeping tags never do.
import { describe, expect, it } from 'vitest'
import {
  cleanTags,
  learnTagRule,
  tagKind,
  tagTitle,
} from '../../../../src-main/core/catalog/clean-tags'

describe('tagKind', () => {
  it('classifies the vocabulary', () => {
    expect(tagKind('alternative rock')).toBe('genre')
    expect(tagKind('80s pop')).toBe('genre')
    expect(tagKind('r and b')).toBe('genre')
    expect(tagKind('Mellow')).toBe('mood')
    expect(tagKind("80's")).toBe('era')
    expect(tagKind('2009')).toBe('era')
    expect(tagKind('female vocalists')).toBe('instrument')
    expect(tagKind('british')).toBe('place')
  })

  it('drops the junk Last.fm tags the issue quotes, and genre fragments alone', () => {
    for (const t of [
      '<3',
      'amazing',
      'favorites',
      'genius',
      '77davez-all-tracks',
      'wjlb-fm',
      'top 40',
      'love songs',
      'seen live',
      'my favorite',
      'new',
      'easy',
      'slgdm',
      'radioparadise',
    ])
      expect(tagKind(t), t).toBeNull()
    expect(cleanTags(['rock', 'favorites', 'Rock', '<3', 'jazz'])).toEqual(['rock', 'jazz'])
    expect(tagTitle('r&b')).toBe('R&B')
    expect(tagTitle('alternative rock')).toBe('Alternative Rock')
  })
})

describe('learnTagRule', () => {
  it('admits a compound tag that co-occurs with genres as a genre would, and nothing else', () => {
    const songs: string[][] = []
    // 'arena rock' always comes with rock on songs that are mostly rock: a genre.
    for (let i = 0; i < 10; i++)
      songs.push(['rock', 'arena rock', 'favorites', i < 3 ? 'piano bar' : ''])
    // 'high school' and 'radioparadise' sit on anything: not admitted.
    for (let i = 0; i < 10; i++)
      songs.push(['pop', i % 2 ? 'high school' : 'radioparadise', i < 3 ? 'piano bar' : ''])
    for (let i = 0; i < 10; i++)
      songs.push(['jazz', i % 2 ? 'high school' : 'radioparadise', i < 3 ? 'piano bar' : ''])
    // 'piano bar' (above) comes with every genre alike: its lift is about 1. 'jazz brunch' is on too few songs.
    songs.push(['jazz', 'jazz brunch'])
    const rule = learnTagRule(songs)
    expect(rule.kind('arena rock')).toBe('genre')
    expect(rule.admitted.map((a) => a.tag)).toEqual(['arena rock'])
    expect(rule.admitted[0].lift).toBeCloseTo(31 / 10, 5)
    for (const t of ['high school', 'radioparadise', 'piano bar', 'jazz brunch', 'favorites'])
      expect(rule.kind(t), t).toBeNull()
    expect(rule.kind('jazz')).toBe('genre')
  })
})
