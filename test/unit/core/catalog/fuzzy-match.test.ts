// Matching that forgives real differences: folding rules named, fuzzy spellings (aliases, symbols, brackets, similar words) with a confidence, swaps detected.
import { describe, expect, it } from 'vitest'
import { describeFolds, foldRulesBetween } from '../../../../src-main/core/catalog/fold-rules'
import { FuzzySongIndex } from '../../../../src-main/core/catalog/fuzzy-index'
import {
  bigramSimilarity,
  looseArtist,
  looseTitle,
  tokenSimilarity,
  titleTokens,
  unLeet,
} from '../../../../src-main/core/catalog/loose-key'
import { CatalogIndex, describeMatch } from '../../../../src-main/core/catalog/match'

const catalogue = CatalogIndex.fromSongs([
  { id: 1, artist: 'Pink', title: 'So What' },
  { id: 2, artist: 'Kesha', title: 'Tick Tock' },
  { id: 3, artist: 'Cee-Lo Green', title: 'Forget You' },
  { id: 4, artist: 'Lady Antebellum', title: 'Need You Now' },
  { id: 5, artist: 'The Black Eyed Peas', title: 'The Time (The Dirty Bit)' },
  { id: 6, artist: 'Daft Punk', title: 'Get Lucky' },
  { id: 7, artist: 'Beyoncé', title: 'Halo' },
  { id: 8, artist: 'Simon & Garfunkel', title: 'The Boxer' },
  { id: 9, artist: 'Coldplay', title: 'Viva la Vida' },
  { id: 10, artist: 'Coldplay', title: 'Symphony No. 5' },
])

describe('folding rules, on both sides, named in the report', () => {
  it.each([
    ['Daft Punk feat. Pharrell Williams', 'Get Lucky', 'Daft Punk', 'Get Lucky', 'feat. credit'],
    ['Daft Punk', 'Get Lucky (ft. Pharrell)', 'Daft Punk', 'Get Lucky', 'feat. credit'],
    ['Daft Punk', 'Get Lucky', 'Daft Punk', 'Get Lucky (featuring Pharrell)', 'feat. credit'],
    ['The Beatles', 'Help! (Remastered 2009)', 'The Beatles', 'Help!', 'remaster suffix'],
    ['Daft Punk', 'Get Lucky - Radio Edit', 'Daft Punk', 'Get Lucky', 'radio edit'],
    ['Nirvana', 'Lithium (Live)', 'Nirvana', 'Lithium', 'live'],
    ['Simon & Garfunkel', 'The Boxer', 'Simon and Garfunkel', 'The Boxer', '& vs and'],
    ['Beyonce', 'Halo', 'Beyoncé', 'Halo', 'diacritics'],
    ['COLDPLAY', 'viva la vida', 'Coldplay', 'Viva la Vida', 'case'],
  ])('%s – %s ≈ %s – %s: %s', (a, t, oa, ot, rule) => {
    expect(foldRulesBetween(a, t, oa, ot)).toContain(rule)
  })

  it('says nothing for identical spellings and phrases the rest', () => {
    expect(foldRulesBetween('A', 'B', 'A', 'B')).toEqual([])
    expect(describeFolds('artist+title', ['case'])).toBe('artist+title, ignoring case')
  })

  it('names the rule of a catalogue match, on either side', () => {
    const m = catalogue.match('Simon and Garfunkel', 'The Boxer (Live)')!
    expect(m.id).toBe(8)
    expect(describeMatch(m)).toBe('artist+title, ignoring live, & vs and')
    expect(describeMatch(catalogue.match('beyonce', 'HALO')!)).toBe(
      'artist+title, ignoring diacritics, case',
    )
  })
})

describe('loose spellings', () => {
  it('reads symbols as letters and applies artist aliases', () => {
    expect(unLeet('P!nk')).toBe('Pink')
    expect(unLeet('Ke$ha')).toBe('Kesha')
    expect(looseArtist('P!nk')).toBe(looseArtist('Pink'))
    expect(looseArtist('Ke$ha')).toBe(looseArtist('Kesha'))
    expect(looseArtist('CeeLo Green')).toBe(looseArtist('Cee-Lo Green'))
    expect(looseArtist('Lady A')).toBe(looseArtist('Lady Antebellum'))
    expect(looseArtist('Lady Gaga')).not.toBe(looseArtist('Lady Antebellum'))
  })

  it('drops brackets and bracketed years, reads TiK ToK as Tick Tock', () => {
    expect(looseTitle('The Time (Dirty Bit)')).toBe(looseTitle('The Time (The Dirty Bit)'))
    expect(looseTitle('Yesterday (1965)')).toBe(looseTitle('Yesterday'))
    expect(looseTitle('TiK ToK')).toBe(looseTitle('Tick Tock'))
  })

  it('measures similarity', () => {
    expect(tokenSimilarity(titleTokens('Viva La Vida'), titleTokens('Viva la Vida!'))).toBe(1)
    expect(tokenSimilarity(titleTokens('a b'), titleTokens('c d'))).toBe(0)
    expect(bigramSimilarity('beyonce', 'beyonce')).toBe(1)
    expect(bigramSimilarity('beyonce', 'metallica')).toBeLessThan(0.3)
  })
})

describe('fuzzy catalogue matching behind the exact rules', () => {
  it.each([
    ['P!nk', 'So What', 1],
    ['Ke$ha', 'TiK ToK', 2],
    ['CeeLo Green', 'Forget You', 3],
    ['Lady A', 'Need You Now', 4],
    ['Black Eyed Peas', 'The Time (Dirty Bit)', 5],
  ])('%s – %s finds catalogue song %i with a confidence below 1', (artist, title, id) => {
    const m = catalogue.find(artist, title)
    expect(m?.id).toBe(id)
    expect(m!.confidence).toBeGreaterThan(0.5)
    if (m!.reason === 'loose spelling' || m!.reason === 'similar spelling')
      expect(describeMatch(m!)).toMatch(/, \d+ % sure$/)
  })

  it('keeps exact matches at confidence 1 and does not invent matches', () => {
    expect(catalogue.find('Daft Punk', 'Get Lucky')).toMatchObject({ confidence: 1 })
    expect(catalogue.find('Daft Punk', 'Around the World')).toBeUndefined()
    expect(catalogue.find('Coldplay', 'Symphony No. 9')).toBeUndefined()
    expect(catalogue.find('Lady Gaga', 'Need You Now')).toBeUndefined()
  })

  it('names the loose rules that made the spellings meet', () => {
    expect(describeMatch(catalogue.find('Lady A', 'Need You Now')!)).toBe(
      'loose spelling (artist alias), 95 % sure',
    )
    expect(describeMatch(catalogue.find('Ke$ha', 'TiK ToK')!)).toBe(
      'loose spelling (symbols as letters, ck/ph spelling), 95 % sure',
    )
    expect(describeMatch(catalogue.find('Black Eyed Peas', 'The Time (Dirty Bit)')!)).toBe(
      'loose spelling (brackets), 95 % sure',
    )
  })

  it('detects a swap and gives the catalogue spelling', () => {
    const m = catalogue.find('So What', 'P!nk')!
    expect(m).toMatchObject({ id: 1, swapped: true, artist: 'Pink', title: 'So What' })
    expect(m.confidence).toBeLessThan(0.95)
  })

  it('ranks hits by confidence and keeps the best per song', () => {
    const idx = new FuzzySongIndex(
      [
        { artist: 'Pink', title: 'So What' },
        { artist: 'Pink', title: 'So What (Radio Edit)' },
        { artist: 'Pink', title: 'Who Knew' },
      ],
      (x) => x,
    )
    const hits = idx.find('P!nk', 'So What')
    expect(hits.map((h) => h.item.title)).toEqual(['So What', 'So What (Radio Edit)'])
    expect(hits[0].rule).toBe('loose spelling')
  })
})
