// The vocabulary key: the same song written different ways gets one key; different songs keep different keys.
import { describe, expect, it } from 'vitest'
import { normalizeArtist, normalizeTitle, songKey } from '../../../src-shared/song-key'

describe('songKey', () => {
  it('joins normalised artist and title with an em dash', () => {
    expect(songKey('Radiohead', 'Airbag')).toBe('radiohead — airbag')
  })

  it.each([
    ['Beyoncé', 'Halo', 'Beyonce', 'HALO'],
    ['The Beatles', 'Let It Be', 'Beatles, The', 'Let It Be'],
    ['Outkast', 'Ms. Jackson', 'OutKast', 'Ms Jackson'],
    ["Guns N' Roses", "Sweet Child O' Mine", 'Guns N’ Roses', 'Sweet Child O Mine'],
    [
      'Jay-Z',
      'Empire State Of Mind (w\\/ Alicia Keys)',
      'Jay Z',
      'Empire State of Mind (feat. Alicia Keys)',
    ],
    ['Rihanna feat. Drake', "What's My Name", 'Rihanna', "What's My Name (w/ Drake)"],
    ['Rihanna ft. Drake', 'Whats My Name', 'Rihanna featuring Drake', 'What’s My Name'],
    ['Simon & Garfunkel', 'The Boxer', 'Simon and Garfunkel', 'The Boxer'],
    ['Queen', 'Bohemian Rhapsody - Remastered 2011', 'Queen', 'Bohemian Rhapsody (Remastered)'],
    ['Sting', 'Roxanne (Live)', 'Sting', 'Roxanne [Live at Wembley]'],
    ['Sting', 'Roxanne - Live', 'Sting', 'Roxanne'],
    ['Ke$ha', 'Tik Tok', 'Kesha', 'Tik Tok'],
    ['Queen', 'Under Pressure', 'Queen', 'Under Pressure - 2011 Remaster'],
    ['Prince', 'Kiss (Radio Edit)', 'Prince', 'Kiss - Radio Edit'],
  ])('%s / %s equals %s / %s', (a1, t1, a2, t2) => {
    expect(songKey(a1, t1)).toBe(songKey(a2, t2))
  })

  it.each([
    ['Radiohead', 'Creep', 'Radiohead', 'Karma Police'],
    ['Queen', 'Bohemian Rhapsody', 'Queen', 'Bohemian Rhapsody Part 2'],
    ['Little Feat', 'Dixie Chicken', 'Little', 'Dixie Chicken'],
  ])('%s / %s differs from %s / %s', (a1, t1, a2, t2) => {
    expect(songKey(a1, t1)).not.toBe(songKey(a2, t2))
  })
})

describe('normalizeArtist', () => {
  it('keeps non-Latin scripts and strips only accents', () => {
    expect(normalizeArtist('坂本龍一')).toBe('坂本龍一')
    expect(normalizeArtist('Sigur Rós')).toBe('sigur ros')
    expect(normalizeArtist('Motörhead')).toBe('motorhead')
  })

  it('drops featured credits but not names that merely contain "feat"', () => {
    expect(normalizeArtist('Pitbull Feat. Ne-Yo')).toBe('pitbull')
    expect(normalizeArtist('Eminem w/ Rihanna')).toBe('eminem')
    expect(normalizeArtist('Little Feat')).toBe('little feat')
  })

  it('drops only a leading "The" followed by more words', () => {
    expect(normalizeArtist('The The')).toBe('the')
    expect(normalizeArtist('The')).toBe('the')
    expect(normalizeArtist('The Beatles')).toBe('beatles')
  })

  it('treats "&" and "+" as "and"', () => {
    expect(normalizeArtist('Florence + The Machine')).toBe('florence and the machine')
  })
})

describe('normalizeTitle', () => {
  it('keeps a title made only of a version word', () => {
    expect(normalizeTitle('Live')).toBe('live')
    expect(normalizeTitle('(Remastered)')).toBe('remastered')
  })

  it('keeps words like "Live" inside a title', () => {
    expect(normalizeTitle('Live and Let Die')).toBe('live and let die')
  })

  it('removes Yes-dataset style credits', () => {
    expect(normalizeTitle('Gucci Time (w\\/ Swizz Beatz)')).toBe('gucci time')
    expect(normalizeTitle('A Star Is Born ( feat. J. Cole)')).toBe('a star is born')
    expect(normalizeTitle('Shut It Down (feat Akon)')).toBe('shut it down')
  })
})
