// The keyed catalogue: duplicates merge, search is accent-insensitive, co-occurrence evidence is exact, reasons are honest.
import { describe, expect, it } from 'vitest'
import { Catalog, isStationTag } from '../../../../src-main/core/catalog/catalog'
import type { YesDataset } from '../../../../src-main/core/catalog/yes'

const song = (id: number, artist: string, title: string, tags: string[] = []) => ({
  id,
  artist,
  title,
  tags,
  known: artist !== '-',
})
const ds: YesDataset = {
  dir: 'x',
  tagNames: [],
  songs: [
    song(0, 'Beyoncé', 'Halo', ['pop', 'wjlb-fm']),
    song(1, 'Beyonce', 'Halo (feat. Nobody)', ['rnb']),
    song(2, 'Adele', 'Hello', ['pop', 'soul']),
    song(3, '-', 'Unknown'),
    song(4, 'Metallica', 'One', ['metal']),
  ],
  playlists: [[0, 2, 3], [1, 2], [2, 4], [4]],
}

describe('Catalog', () => {
  const c = new Catalog(ds)

  it('merges songs with the same key and drops unknown songs and station tags', () => {
    expect(c.songs.size).toBe(3)
    const halo = c.search('beyonce halo', 5)
    expect(halo).toHaveLength(1)
    expect(halo[0].tags).toEqual(['pop', 'rnb'])
    expect(isStationTag('wjlb-fm')).toBe(true)
    expect(isStationTag('folk')).toBe(false)
  })

  it('keeps the cleaned research playlists as keys', () => {
    expect(c.playlists).toHaveLength(3)
    expect(c.playlists[0]).toHaveLength(2)
  })

  it('counts shared playlists exactly and explains with evidence', () => {
    const [halo] = c.search('halo', 1)
    const [hello] = c.search('hello', 1)
    const [one] = c.search('one metallica', 1)
    expect(c.together(halo.key, hello.key)).toBe(2)
    expect(c.together(halo.key, one.key)).toBe(0)
    expect(c.why(halo.key, hello.key)).toBe('in 2 radio playlists together; shares tags pop')
    expect(c.why(halo.key, one.key)).toBe('close in the space learned from playlist neighbourhoods')
  })

  it('ranks search hits and ignores empty queries', () => {
    expect(c.search('  ', 5)).toEqual([])
    expect(c.search('h', 5, (k) => (k.includes('adele') ? 1 : 0))[0].artist).toBe('Adele')
  })
})
