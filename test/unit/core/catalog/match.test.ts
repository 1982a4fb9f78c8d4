// Catalogue matching: exact keys first, then one credited artist, then swapped fields; the bundled data matches real spellings.
import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import {
  CatalogIndex,
  isUsableKey,
  keyOrNull,
  keyVariants,
  splitArtists,
} from '../../../../src-main/core/catalog/match'
import { loadYesDataset } from '../../../../src-main/core/catalog/yes'

const songs = [
  { id: 0, title: 'Gucci Time (w\\/ Swizz Beatz)', artist: 'Gucci Mane', known: true },
  { id: 1, title: 'Get Lucky', artist: 'Daft Punk', known: true },
  { id: 2, title: '-', artist: '-', known: false },
  { id: 3, title: 'Get Lucky (Radio Edit)', artist: 'Daft Punk', known: true },
  { id: 4, title: 'Ms. Jackson', artist: 'Outkast', known: true },
]

describe('CatalogIndex', () => {
  const index = CatalogIndex.fromSongs(songs)

  it('indexes known songs once per key, keeping the first id', () => {
    expect(index.size).toBe(3)
    expect(index.idOf('daft punk — get lucky')).toBe(1)
    expect(index.has('— ')).toBe(false)
  })

  it('matches the plain key', () => {
    expect(index.match('Gucci Mane', 'Gucci Time (feat. Swizz Beatz)')).toMatchObject({
      id: 0,
      key: 'gucci mane — gucci time',
      reason: 'artist+title',
      confidence: 1,
      swapped: false,
    })
  })

  it('falls back to one of several credited artists', () => {
    expect(index.match('Pharrell Williams, Daft Punk', 'Get Lucky')).toMatchObject({
      id: 1,
      key: 'daft punk — get lucky',
      reason: 'one credited artist',
    })
  })

  it('tries artist and title swapped last', () => {
    expect(index.match('Ms. Jackson', 'OutKast')?.reason).toBe('artist and title swapped')
  })

  it('returns undefined for unknown songs and missing fields', () => {
    expect(index.match('Nobody', 'Nothing')).toBeUndefined()
    expect(index.match(undefined, 'Get Lucky')).toBeUndefined()
    expect(index.match('-', '-')).toBeUndefined()
  })

  it('builds from ready-made keys with positional or explicit ids', () => {
    expect(CatalogIndex.fromKeys(['a — b', 'c — d', 'a — b']).idOf('c — d')).toBe(1)
    expect(CatalogIndex.fromKeys(new Map([['x — y', 42]])).idOf('x — y')).toBe(42)
    expect(CatalogIndex.empty().match('Daft Punk', 'Get Lucky')).toBeUndefined()
  })
})

describe('key helpers', () => {
  it('lists variants without duplicates', () => {
    expect(keyVariants('A & B', 'Song').map((v) => v.key)).toEqual([
      'a and b — song',
      'a — song',
      'b — song',
      'song — a and b',
    ])
    expect(keyVariants('', 'Song')).toEqual([])
  })

  it('splits multi-artist credits', () => {
    expect(splitArtists('Rauw Alejandro x Bad Bunny')).toEqual(['Rauw Alejandro', 'Bad Bunny'])
    expect(splitArtists('AC/DC')).toEqual(['AC', 'DC'])
    expect(splitArtists('Queen')).toEqual(['Queen'])
  })

  it('knows usable keys', () => {
    expect(isUsableKey('a — b')).toBe(true)
    expect(isUsableKey(' — b')).toBe(false)
    expect(isUsableKey('a — ')).toBe(false)
    expect(keyOrNull('!!!', '???')).toBeNull()
    expect(keyOrNull('Chk Chk Chk', 'Me and Giuliani')).toBe('chk chk chk — me and giuliani')
  })
})

const bundled = join(process.cwd(), 'resources', 'dataset', 'yes', 'yes_big')

describe.skipIf(!existsSync(join(bundled, 'song_hash.txt')))('the bundled catalogue', () => {
  it('matches common real-world spellings of its songs', async () => {
    const ds = await loadYesDataset(bundled)
    const index = CatalogIndex.fromSongs(ds.songs)
    const cases: [string, string, number][] = [
      ['OutKast', 'Ms. Jackson', 18],
      ['Rihanna feat. Drake', "What's My Name?", 29],
      ['Beyoncé', 'Single Ladies (Put a Ring on It)', 73],
      ['JAY Z, Alicia Keys', 'Empire State Of Mind', 373],
      ['Guns N’ Roses', 'Sweet Child O’ Mine - Remastered', 798],
      ['Beatles, The', 'Let It Be - Remastered 2009', 473],
    ]
    for (const [artist, title, id] of cases)
      expect(index.match(artist, title)?.id, `${artist} / ${title}`).toBe(id)
  })
})
