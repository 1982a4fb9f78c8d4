// The reading behaviours of issue 16, each on text shaped like another project's test data.
import { mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import iconv from 'iconv-lite'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { inferColumns, mapHeader } from '../../../../src-main/core/playlists/csv-columns'
import { hfsToPosix, joinArtists, readCsv } from '../../../../src-main/core/playlists/csv'
import { decodeText, declaredEncoding } from '../../../../src-main/core/playlists/decode-text'
import { detectFormat } from '../../../../src-main/core/playlists/detect'
import { splitDisplayTitle } from '../../../../src-main/core/playlists/display-title'
import { isDecoration, readM3u } from '../../../../src-main/core/playlists/m3u'
import { readPls } from '../../../../src-main/core/playlists/pls'
import {
  MAX_NESTING,
  readPlaylistBytes,
  readPlaylistFile,
} from '../../../../src-main/core/playlists/read'
import { readSpotifyJson } from '../../../../src-main/core/playlists/spotify'
import { makeTempDir } from '../../../fixtures/temp-dir'

describe('1. CSV headers in other languages, or none', () => {
  it('recognises hand-made German, Spanish and Swedish headers', () => {
    expect(
      readCsv('Titel;Interpret;Album;Dauer\nMensch;Herbert Grönemeyer;Mensch;4:56\n').entries,
    ).toEqual([{ title: 'Mensch', artist: 'Herbert Grönemeyer', album: 'Mensch', duration: 296 }])
    expect([...mapHeader(['Título', 'Artista', 'Álbum', 'Duración'])]).toEqual([
      ['title', 0],
      ['artist', 1],
      ['album', 2],
      ['duration', 3],
    ])
    expect(mapHeader(['Låtens namn', 'Artistens namn']).get('artist')).toBe(1)
  })

  it('infers columns from content when the header is absent or unknown', () => {
    const cols = inferColumns([
      ['Mr. Brightside', 'The Killers', '3:42', 'spotify:track:1'],
      ['Seven Nation Army', 'The White Stripes', '3:51', 'spotify:track:2'],
    ])!
    expect(cols.hasHeader).toBe(false)
    expect(Object.fromEntries(cols.columns)).toEqual({
      title: 0,
      artist: 1,
      duration: 2,
      location: 3,
    })
    const p = readCsv('Nimi,Esittäjä,Kesto\nKuka,Jonna,215000\n')
    expect(p.entries).toEqual([{ title: 'Kuka', artist: 'Jonna', duration: 215 }])
    expect(p.warnings[0]).toMatch(/columns inferred from content/)
  })
})

describe('2. Exportify escaped commas', () => {
  it('splits artists at unescaped commas only', () => {
    expect(joinArtists('Tyler\\, The Creator,Playboi Carti')).toBe(
      'Tyler, The Creator, Playboi Carti',
    )
    expect(joinArtists('Earth\\, Wind & Fire')).toBe('Earth, Wind & Fire')
  })
})

describe('3. encodings: the declaration wins, detection otherwise, the user may choose', () => {
  const cyr = '#EXTM3U\n#EXTINF:200,Гражданская Оборона - Всё идёт по плану\n/m/a.mp3\n'

  it('detects windows-1251 Cyrillic', () => {
    const d = decodeText(iconv.encode(cyr, 'windows-1251'))
    expect(d).toMatchObject({ text: cyr, encoding: 'windows-1251', source: 'detected' })
  })

  it('lets #EXTENC and XML encoding= win over detection', () => {
    const koi = iconv.encode(`#EXTM3U\n#EXTENC:KOI8-R\n#EXTINF:1,Кино - Звезда\n/a.mp3\n`, 'koi8-r')
    expect(declaredEncoding(koi)).toBe('koi8-r')
    expect(decodeText(koi)).toMatchObject({ encoding: 'koi8-r', source: 'declared' })
    const xml = iconv.encode('<?xml version="1.0" encoding="ISO-8859-1"?><playlist/>', 'latin1')
    expect(decodeText(xml).source).toBe('declared')
  })

  it('re-imports in an encoding the user picks, and reports it', () => {
    const bytes = iconv.encode(cyr, 'windows-1251')
    const file = readPlaylistBytes(bytes, 'a.m3u', { encoding: 'windows-1252' })
    expect(file).toMatchObject({ encoding: 'windows-1252', encodingSource: 'chosen' })
    expect(file.playlists[0].entries[0].artist).not.toBe('Гражданская Оборона')
    expect(() => decodeText(bytes, { encoding: 'klingon-8' })).toThrow('Unknown text encoding')
  })

  it('keeps Western legacy text in windows-1252', () => {
    expect(
      decodeText(Buffer.from('Motörhead - Ace of Spades\nSigur Rós\n', 'latin1')).encoding,
    ).toBe('windows-1252')
  })
})

describe('4. iTunes "Export Playlist…" text by content', () => {
  it('detects a tab-separated header as CSV whatever the extension', () => {
    const head = 'Name\tArtist\tComposer\tAlbum\tTime\tLocation\n'
    expect(detectFormat('list.txt', head)).toBe('csv')
    expect(detectFormat('list.m3u', head)).toBe('csv')
    expect(detectFormat('list.txt', '/music/a.mp3\n')).toBe('m3u')
  })

  it('reads the UTF-16 export with HFS locations', () => {
    const text =
      'Name\tArtist\tAlbum\tTime\tLocation\rJóga\tBjörk\tHomogenic\t305\tMacintosh HD:Users:me:Music:Jóga.m4a\r'
    const bytes = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')])
    const f = readPlaylistBytes(bytes, 'Road trip.txt')
    expect(f.format).toBe('csv')
    expect(f.playlists[0].entries).toEqual([
      {
        title: 'Jóga',
        artist: 'Björk',
        album: 'Homogenic',
        duration: 305,
        location: '/Users/me/Music/Jóga.m4a',
      },
    ])
    expect(hfsToPosix('Backup:Music:a.mp3')).toBe('/Volumes/Backup/Music/a.mp3')
    expect(hfsToPosix('spotify:track:1')).toBe('spotify:track:1')
  })
})

describe('5. PLS quoted values', () => {
  it('strips single and double quotes', () => {
    const p = readPls(
      `[playlist]\nFile1="file:///tmp/foo"\nTitle1='A - B'\nFile2='file:///tmp/bar'\n`,
    )
    expect(p.entries).toEqual([
      { location: '/tmp/foo', artist: 'A', title: 'B' },
      { location: '/tmp/bar' },
    ])
  })
})

describe('6. nested playlists', () => {
  let tmp: ReturnType<typeof makeTempDir>
  beforeEach(() => {
    tmp = makeTempDir()
  })
  afterEach(() => tmp.cleanup())

  it('expands children in order, with a cycle guard and a depth limit', async () => {
    const d = tmp.dir
    mkdirSync(join(d, 'sub'))
    writeFileSync(join(d, 'parent.m3u'), 'a.mp3\nsub/child.m3u\nmissing.m3u\nparent.m3u\n')
    writeFileSync(join(d, 'sub', 'child.m3u'), 'b.mp3\n../parent.m3u\n')
    const f = await readPlaylistFile(join(d, 'parent.m3u'))
    expect(f.playlists[0].entries.map((e) => e.location)).toEqual([
      'a.mp3',
      join(d, 'sub', 'b.mp3'),
    ])
    expect(f.warnings.join('\n')).toMatch(/missing\.m3u not found/)
    expect(f.warnings.join('\n')).toMatch(/a cycle/)
    for (let i = 0; i <= MAX_NESTING + 2; i++)
      writeFileSync(join(d, `l${i}.m3u`), `x${i}.mp3\nl${i + 1}.m3u\n`)
    const deep = await readPlaylistFile(join(d, 'l0.m3u'))
    expect(deep.playlists[0].entries.length).toBe(MAX_NESTING + 1)
    expect(deep.warnings.join('\n')).toMatch(/levels deep/)
  })

  it('keeps an IPTV stream .m3u8 that is titled, and HLS segment lists, as entries', async () => {
    writeFileSync(join(tmp.dir, 'hls.m3u8'), '#EXTM3U\n#EXT-X-TARGETDURATION:10\nseg1.ts\n')
    writeFileSync(
      join(tmp.dir, 'tv.m3u'),
      '#EXTM3U\n#EXTINF:-1,Channel\nstream/chunklist.m3u8\nhls.m3u8\n',
    )
    const f = await readPlaylistFile(join(tmp.dir, 'tv.m3u'))
    expect(f.playlists[0].entries.map((e) => e.location)).toEqual([
      'stream/chunklist.m3u8',
      'hls.m3u8',
    ])
  })
})

describe('7. extended-M3U separator lines', () => {
  it('skips decorations, keeps real entries', () => {
    expect(isDecoration('================morocco================')).toBe(true)
    expect(isDecoration('-----')).toBe(true)
    expect(isDecoration('---song.mp3')).toBe(false)
    const p = readM3u('#EXTM3U\n====news====\n#EXTINF:-1,TV\nhttp://x/y\n')
    expect(p.entries).toEqual([{ location: 'http://x/y', title: 'TV' }])
    expect(readM3u('====a====\n').entries.length).toBe(1) // plain M3U: a line is a path
  })
})

describe('8. Artist - Title split at the top level', () => {
  it.each([
    ['(#1 - 35/2000) NOISEfm.pl - Najlepsza', '(#1 - 35/2000) NOISEfm.pl', 'Najlepsza'],
    [
      'Daft Punk - One More Time (Radio Edit - 2000)',
      'Daft Punk',
      'One More Time (Radio Edit - 2000)',
    ],
    ['[A - B] - C', '[A - B]', 'C'],
  ])('%s', (s, artist, title) => {
    expect(splitDisplayTitle(s)).toEqual({ artist, title })
  })
  it('leaves a string with only bracketed dashes whole', () => {
    expect(splitDisplayTitle('(a - b)')).toEqual({ title: '(a - b)' })
  })
})

describe('9. single-playlist Spotify JSON', () => {
  it('reads {"name", "tracks": [{"track": …}]} and {"name", "items"}', () => {
    const f = readSpotifyJson(
      JSON.stringify({
        name: 'Road trip',
        tracks: [{ track: { trackName: 'Hey Ya!', artistName: 'Outkast' } }],
      }),
    )
    expect(f.playlists).toMatchObject([
      { name: 'Road trip', entries: [{ title: 'Hey Ya!', artist: 'Outkast' }] },
    ])
    const g = readSpotifyJson(JSON.stringify({ name: 'X', items: [] }))
    expect(g.playlists[0].name).toBe('X')
    // YourLibrary.json keeps its own reading.
    expect(
      readSpotifyJson(JSON.stringify({ tracks: [{ artist: 'A', track: 'B' }] })).playlists[0].name,
    ).toBe('Liked Songs (Spotify)')
  })
})

describe('10. binary files refused with a reason', () => {
  it('refuses a PNG named .m3u', () => {
    const png = Buffer.from([
      0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0x49, 0x48, 0x44, 0x52,
    ])
    expect(() => readPlaylistBytes(png, 'a.m3u')).toThrow(/not a text file/)
  })
})
