// Each playlist reader on hand-written files: what it extracts, what it skips and says so.
import { describe, expect, it } from 'vitest'
import { readCsv } from '../../../../src-main/core/playlists/csv'
import { readItunesXml, readItunesXmlStream } from '../../../../src-main/core/playlists/itunes'
import { readM3u } from '../../../../src-main/core/playlists/m3u'
import { readPls } from '../../../../src-main/core/playlists/pls'
import { readSpotifyJson } from '../../../../src-main/core/playlists/spotify'
import { readXspf } from '../../../../src-main/core/playlists/xspf'
import * as S from '../../../fixtures/playlist-samples'

describe('readM3u', () => {
  it('reads extended M3U: EXTINF durations and "Artist - Title", paths, URLs, Windows paths, #PLAYLIST', () => {
    const p = readM3u(S.M3U_EXTENDED, 'fallback')
    expect(p.name).toBe('Road Trip')
    expect(p.entries).toEqual([
      {
        location: 'Radiohead/OK Computer/01 Airbag.mp3',
        artist: 'Radiohead',
        title: 'Airbag',
        duration: 284,
      },
      {
        location: '/music/Björk/Homogenic/Jóga.flac',
        artist: 'Björk',
        title: 'Jóga',
        album: 'Homogenic',
        duration: 305,
      },
      { location: 'http://radio.example/stream.mp3', title: 'Stream Title Only' },
      {
        location: 'C:/Users/me/Music/Daft Punk/One More Time.mp3',
        artist: 'Daft Punk',
        title: 'One More Time',
        duration: 200,
      },
      { artist: 'Orphan Artist', title: 'Orphan Title', duration: 180 },
    ])
    expect(p.warnings).toEqual([])
  })

  it('reads plain path lists and keeps the given name', () => {
    const p = readM3u(S.M3U_PLAIN, 'Plain')
    expect(p.name).toBe('Plain')
    expect(p.entries.map((e) => e.location)).toEqual([
      '/abs/path/song one.mp3',
      'relative/song two.flac',
      '../up/three.ogg',
    ])
  })

  it('warns about a trailing #EXTINF that says nothing', () => {
    expect(readM3u('#EXTM3U\n/a.mp3\n#EXTINF:12,\n').warnings).toEqual([
      'line 3: #EXTINF without a following path or title — skipped',
    ])
  })

  it('reads old Mac line endings', () => {
    expect(readM3u('#EXTM3U\r#EXTINF:1,A - B\r/x.mp3\r').entries).toEqual([
      { location: '/x.mp3', artist: 'A', title: 'B', duration: 1 },
    ])
  })
})

describe('readPls', () => {
  it('orders entries by number, reads titles and lengths, ignores -1 lengths', () => {
    const p = readPls(S.PLS, 'pls')
    expect(p.entries).toEqual([
      { location: '/music/first song.mp3', artist: 'Artist One', title: 'Song One' },
      { location: 'second.mp3', artist: 'Artist Two', title: 'Song Two', duration: 123 },
      { location: 'C:/Music/third.mp3' },
    ])
    expect(p.name).toBe('pls')
    expect(p.warnings).toEqual([])
  })

  it('reports lines that are not key=value and a missing header', () => {
    const p = readPls('File1=a.mp3\nnonsense\nTitle2=Only Title\n')
    expect(p.entries).toEqual([{ location: 'a.mp3' }, { title: 'Only Title' }])
    expect(p.warnings).toEqual([
      'line 2: expected key=value — skipped',
      'no [playlist] header — read anyway',
    ])
  })
})

describe('readXspf', () => {
  it('reads locations, creators, titles, albums, durations, entities and CDATA; ignores extensions', () => {
    const p = readXspf(S.XSPF, 'x')
    expect(p.name).toBe('Mixed & Matched')
    expect(p.entries).toEqual([
      {
        location: '/music/Radiohead/Airbag.mp3',
        artist: 'Radiohead',
        title: 'Airbag',
        album: 'OK Computer',
        duration: 284,
      },
      { artist: 'Simon & Garfunkel', title: 'The Boxer <live>' },
      { artist: 'Café ☺', title: 'Entities' },
    ])
    expect(p.warnings).toEqual(['track 3 has no location and no title — skipped'])
  })

  it('accepts namespace prefixes and repairs mis-nested tags', () => {
    const xml =
      '<x:playlist xmlns:x="http://xspf.org/ns/0/"><x:trackList><x:track><x:title>A</x:title><x:creator>B</x:track></x:trackList></x:playlist>'
    const p = readXspf(xml)
    expect(p.entries).toEqual([{ title: 'A' }])
    expect(p.warnings).toEqual(['<creator> closed by </x:track> — repaired'])
  })

  it('keeps the tracks of a file cut short, with a warning', () => {
    const cut = S.XSPF.slice(0, S.XSPF.indexOf('<album>') + 3)
    const p = readXspf(cut)
    expect(p.entries).toEqual([
      { location: '/music/Radiohead/Airbag.mp3', artist: 'Radiohead', title: 'Airbag' },
    ])
    expect(p.warnings.some((w) => w.includes('cut short'))).toBe(true)
  })

  it('refuses XML that is not XSPF', () => {
    expect(() => readXspf('<html><body/></html>')).toThrow('Not an XSPF playlist')
  })
})

describe('readItunesXml', () => {
  const file = readItunesXml(S.itunesLibraryXml())

  it('imports user playlists only, with folder names, and says what it skipped', () => {
    expect(file.playlists.map((p) => [p.name, p.sourceId, p.entries.length])).toEqual([
      ['Parties / Friday', 'AB12', 2],
      ['Calm', 'CD34', 1],
    ])
    expect(file.warnings).toEqual([
      'skipped 2 built-in playlist(s): "Library", "Music"',
      'skipped 1 smart playlist(s) (their contents follow rules; import them with includeSmart): "Top 25 Most Played"',
      'left out 1 podcast, video or audiobook item(s)',
    ])
    expect(file.playlists[0].warnings).toEqual([
      '2 item(s) refer to tracks the library file does not list (or non-music items) — skipped',
    ])
  })

  it('decodes locations and entities and carries play counts and (non-computed) ratings', () => {
    expect(file.playlists[0].entries).toEqual([
      { artist: 'Cartoon <Band>', title: 'Tom & Jerry', duration: 1, playCount: 3 },
      {
        location: '/Users/me/Music/Radiohead/OK Computer/01 Airbag.mp3',
        artist: 'Radiohead',
        title: 'Airbag',
        album: 'OK Computer',
        duration: 284,
        playCount: 12,
        rating: 80,
      },
    ])
    expect(file.playlists[1].entries).toEqual([
      {
        location: 'C:/Users/me/Music/Björk/Jóga.flac',
        artist: 'Björk',
        title: 'Jóga',
        duration: 305,
      },
    ])
    expect(file.library).toHaveLength(3)
  })

  it('imports smart playlists when asked', () => {
    const all = readItunesXml(S.itunesLibraryXml(), { includeSmart: true })
    expect(all.playlists.map((p) => p.name)).toEqual([
      'Top 25 Most Played',
      'Parties / Friday',
      'Calm',
    ])
  })

  it('reads the same from a stream split anywhere (even inside multi-byte characters)', async () => {
    const bytes = Buffer.from(S.itunesLibraryXml(), 'utf8')
    for (const size of [1, 7, 64, 1000]) {
      async function* chunks() {
        for (let i = 0; i < bytes.length; i += size) yield bytes.subarray(i, i + size)
      }
      expect(await readItunesXmlStream(chunks())).toEqual(file)
    }
  })

  it('refuses property lists that are not libraries, and non-XML', () => {
    expect(() =>
      readItunesXml('<plist><dict><key>A</key><string>b</string></dict></plist>'),
    ).toThrow('no "Tracks" section')
    expect(() => readItunesXml('hello')).toThrow('no <plist> element')
  })
})

describe('readSpotifyJson', () => {
  it('reads Playlist1.json: tracks and local files, leaves out episodes, keeps duplicate names apart', () => {
    const f = readSpotifyJson(S.SPOTIFY_PLAYLISTS)
    expect(f.playlists.map((p) => [p.name, p.sourceId])).toEqual([
      ['Workout', 'Workout'],
      ['Workout', 'Workout#2'],
    ])
    expect(f.playlists[0].entries).toEqual([
      {
        artist: 'Daft Punk',
        title: 'Get Lucky',
        album: 'Random Access Memories',
        location: 'spotify:track:69kOkLUCkxIZYexIgSG8rq',
      },
      { artist: 'Boards of Canada', album: 'Geogaddi', title: 'Music Is Math', duration: 321 },
    ])
    expect(f.playlists[0].warnings).toEqual([
      'item 4 has no track name — skipped',
      'left out 1 podcast episode(s) or audiobook(s)',
    ])
  })

  it('reads YourLibrary.json as one "Liked Songs" playlist', () => {
    const f = readSpotifyJson(S.SPOTIFY_LIBRARY)
    expect(f.playlists).toHaveLength(1)
    expect(f.playlists[0].name).toBe('Liked Songs (Spotify)')
    expect(f.playlists[0].entries[1]).toEqual({
      artist: 'Björk',
      title: 'Jóga',
      album: 'Homogenic',
      location: 'spotify:track:def',
    })
  })

  it('explains what it expected', () => {
    expect(() => readSpotifyJson('{"foo": 1}')).toThrow('expected Playlist1.json')
    expect(() => readSpotifyJson('{')).toThrow('not valid JSON')
  })
})

describe('readCsv', () => {
  it('reads Exportify CSV: quoted commas, doubled quotes, multi-line fields, ms durations, URIs', () => {
    const p = readCsv(S.EXPORTIFY_CSV, 'Liked')
    expect(p.name).toBe('Liked')
    expect(p.entries).toEqual([
      {
        title: 'Get Lucky (feat. Pharrell Williams and Nile Rodgers)',
        artist: 'Daft Punk, Pharrell Williams',
        album: 'Random Access Memories',
        duration: 369.626,
        location: 'spotify:track:1',
      },
      {
        title: 'Song, With "Quotes"',
        artist: 'Artist C',
        album: 'Album C',
        duration: 200,
        location: 'spotify:track:2',
      },
      { title: 'Multi Line Title', artist: 'Artist D', location: 'spotify:track:3' },
    ])
    expect(p.warnings).toEqual([])
  })

  it('detects semicolons, reads m:ss durations and paths, skips empty rows with a warning', () => {
    const p = readCsv(S.SEMICOLON_CSV)
    expect(p.entries).toEqual([
      {
        title: 'Airbag',
        artist: 'Radiohead',
        album: 'OK Computer',
        duration: 284,
        location: '/music/airbag.mp3',
      },
    ])
    expect(p.warnings).toEqual(['row 3: no title and no location — skipped'])
  })

  it('needs a title column', () => {
    expect(() => readCsv('a,b\n1,2')).toThrow('no title column')
    expect(() => readCsv('')).toThrow('Empty CSV file')
  })
})
