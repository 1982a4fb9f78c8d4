// The search index: folding (case, accents, punctuation, feat.), prefix and all-words matching, ranking by relevance, then popularity, then name.
import { describe, expect, it } from 'vitest'
import { foldText, SearchIndex, searchTokens } from '../../../../src-main/core/catalog/search-index'

describe('folding', () => {
  it('folds case, diacritics, special letters and punctuation', () => {
    expect(foldText('Beyoncé – HALO!')).toBe('beyonce halo')
    expect(foldText('Motörhead & Ærø: Straße')).toBe('motorhead aero strasse')
    expect(foldText("Don't Stop Me Now")).toBe('dont stop me now')
    expect(foldText('Sigur Rós / Hoppípolla')).toBe('sigur ros hoppipolla')
  })
  it('drops feat., ft. and featuring and repeated words', () => {
    expect(searchTokens('Umbrella (feat. Jay-Z)')).toEqual(['umbrella', 'jay', 'z'])
    expect(searchTokens('Ft. Someone featuring Someone')).toEqual(['someone'])
  })
})

function index(): SearchIndex {
  const ix = new SearchIndex()
  const songs: [string, string][] = [
    ['Beyoncé', 'Halo'],
    ['Adele', 'Hello'],
    ['Rihanna', 'Umbrella (feat. Jay-Z)'],
    ['Halo Nation', 'Something'],
    ['Haloed', 'Other'],
    ['Hall & Oates', 'Rich Girl'],
  ]
  for (const [artist, title] of songs) ix.add({ key: `${artist}|${title}`, artist, title })
  ix.build()
  return ix
}
const keys = (r: { key: string }[]) => r.map((e) => e.key)

describe('SearchIndex', () => {
  it('matches every word, the last as a prefix, accents and case ignored', () => {
    const ix = index()
    expect(keys(ix.search('BEYONCE hal', 5))).toEqual(['Beyoncé|Halo'])
    expect(keys(ix.search('umbrella jay z', 5))).toEqual(['Rihanna|Umbrella (feat. Jay-Z)'])
    expect(ix.search('umbrella feat', 5)).toHaveLength(1)
    expect(ix.search('zzz', 5)).toEqual([])
    expect(ix.search(' ,. ', 5)).toEqual([])
  })

  it('ranks the whole word and whole names above prefixes, then popularity, then name', () => {
    const ix = index()
    // "halo": title Halo (whole name) and artist "Halo Nation" (whole word, name start) before "Haloed".
    expect(keys(ix.search('halo', 5))).toEqual([
      'Beyoncé|Halo',
      'Halo Nation|Something',
      'Haloed|Other',
    ])
    // Equal relevance: popularity decides, then the name.
    const pop = (k: string) => (k.startsWith('Hall') ? 5 : 0)
    const h = keys(ix.search('h', 6, pop, 'v1'))
    expect(h[0]).toBe('Hall & Oates|Rich Girl')
    expect(h).toHaveLength(5)
    expect(keys(ix.search('h', 6, () => 0, 'v2'))[0]).toBe('Adele|Hello')
  })

  it('finds songs added after the first build, and short answers follow a new popularity version', () => {
    const ix = index()
    expect(ix.search('zed', 5)).toEqual([])
    ix.add({ key: 'Zedd|Clarity', artist: 'Zedd', title: 'Clarity' })
    expect(keys(ix.search('zed', 5))).toEqual(['Zedd|Clarity'])
    expect(keys(ix.search('ze', 1, () => 0, 'a'))).toEqual(['Zedd|Clarity'])
    // The whole word "z" (Jay-Z) ties with a name starting with z; the name order decides.
    expect(keys(ix.search('z', 2, () => 0, 'a'))).toEqual([
      'Rihanna|Umbrella (feat. Jay-Z)',
      'Zedd|Clarity',
    ])
    ix.add({ key: 'Zz Top|La Grange', artist: 'ZZ Top', title: 'La Grange' })
    const pop = (k: string) => (k.startsWith('Zz') ? 9 : 0)
    expect(keys(ix.search('z', 1, pop, 'b'))).toEqual(['Zz Top|La Grange'])
  })
})
