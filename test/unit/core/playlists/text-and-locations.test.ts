// Encodings, locations and format detection: the parts every reader leans on.
import { describe, expect, it } from 'vitest'
import { decodeText } from '../../../../src-main/core/playlists/decode-text'
import { detectFormat } from '../../../../src-main/core/playlists/detect'
import {
  isAbsoluteLocation,
  normalizeLocation,
  pathTail,
  percentDecode,
  resolveLocation,
} from '../../../../src-main/core/playlists/location'
import { readPlaylistBytes } from '../../../../src-main/core/playlists/read'
import * as S from '../../../fixtures/playlist-samples'

const M3U = '#EXTM3U\n#EXTINF:10,Björk - Jóga\n/music/Jóga.mp3\n'

describe('decodeText', () => {
  it.each([
    ['utf-8', 'utf-8', Buffer.from(M3U, 'utf8')],
    ['utf-8', 'bom', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(M3U, 'utf8')])],
    ['utf-16le', 'bom', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(M3U, 'utf16le')])],
    [
      'utf-16be',
      'bom',
      Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(M3U, 'utf16le').swap16()]),
    ],
    ['utf-16le', 'utf-16', Buffer.from(M3U, 'utf16le')],
    ['windows-1252', 'default', Buffer.from(M3U, 'latin1')],
  ])('decodes %s (%s)', (encoding, source, bytes) => {
    expect(decodeText(bytes)).toEqual({ text: M3U, encoding, source })
  })

  it('uses windows-1252, not Latin-1, for the 0x80–0x9f range', () => {
    expect(decodeText(Buffer.from([0x93, 0x41, 0x94, 0x80])).text).toBe('“A”€')
  })

  it('reads every encoding of the same M3U to the same entries', () => {
    const variants = [
      Buffer.from(M3U, 'utf8'),
      Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(M3U, 'utf8')]),
      Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(M3U, 'utf16le')]),
      Buffer.from(M3U, 'latin1'),
    ]
    const read = variants.map((b) => readPlaylistBytes(b, 'x.m3u').playlists[0].entries)
    for (const r of read)
      expect(r).toEqual([
        { location: '/music/Jóga.mp3', artist: 'Björk', title: 'Jóga', duration: 10 },
      ])
    expect(readPlaylistBytes(variants[3], 'x.m3u').warnings).toEqual([
      'not UTF-8: decoded as windows-1252 — if names look wrong, re-import with another encoding',
    ])
  })
})

describe('locations', () => {
  it.each([
    ['file:///music/a%20b.mp3', '/music/a b.mp3'],
    ['file://localhost/music/Bj%C3%B6rk.mp3', '/music/Björk.mp3'],
    ['file:///music/Bj%F6rk.mp3', '/music/Björk.mp3'],
    ['FILE:///C:/Music/x.mp3', 'C:/Music/x.mp3'],
    ['file:///c|/Music/x.mp3', 'C:/Music/x.mp3'],
    ['file://server/share/x.mp3', '//server/share/x.mp3'],
    ['file:/music/x.mp3', '/music/x.mp3'],
    ['file:///music/100%.mp3', '/music/100%.mp3'],
    ['C:\\Music\\x.mp3', 'C:/Music/x.mp3'],
    ['c:\\Music\\x.mp3', 'C:/Music/x.mp3'],
    ['\\\\server\\share\\x.mp3', '//server/share/x.mp3'],
    ['..\\Music\\x.mp3', '../Music/x.mp3'],
    ['  "/quoted path.mp3" ', '/quoted path.mp3'],
    ['http://host/x%20y.mp3', 'http://host/x%20y.mp3'],
    ['spotify:track:abc', 'spotify:track:abc'],
    ['/a\\b.mp3', '/a\\b.mp3'],
    ['   ', undefined],
  ])('normalises %j to %j', (raw, expected) => {
    expect(normalizeLocation(raw)).toBe(expected)
  })

  it('resolves relative locations against the playlist folder and leaves URLs alone', () => {
    expect(resolveLocation('../x.mp3', '/music/lists')).toBe('/music/x.mp3')
    expect(resolveLocation('/abs/x.mp3', '/music')).toBe('/abs/x.mp3')
    expect(resolveLocation('http://h/x.mp3', '/music')).toBeUndefined()
    expect(isAbsoluteLocation('C:/x')).toBe(true)
    expect(isAbsoluteLocation('x/y')).toBe(false)
  })

  it('decodes percent escapes byte-wise and keeps malformed ones', () => {
    expect(percentDecode('%E2%82%AC %zz %4')).toBe('€ %zz %4')
  })

  it('takes the last two path components, lower-cased, for moved libraries', () => {
    expect(pathTail('C:/Users/Me/Music/Artist/Song.MP3')).toBe('artist/song.mp3')
    expect(pathTail('/song.mp3')).toBe('song.mp3')
  })
})

describe('detectFormat', () => {
  it.each([
    ['list.txt', '#EXTM3U\n', 'm3u'],
    ['list.m3u8', '/a.mp3', 'm3u'],
    ['whatever', '[playlist]\nFile1=a', 'pls'],
    ['a.xml', S.XSPF, 'xspf'],
    ['Library.xml', S.itunesLibraryXml(), 'itunes-xml'],
    ['Playlist1.json', S.SPOTIFY_PLAYLISTS, 'spotify-json'],
    ['export', S.EXPORTIFY_CSV, 'csv'],
    ['export.csv', 'Title;Artist\n', 'csv'],
    ['notes.doc', 'hello', undefined],
  ])('%s → %s', (name, head, format) => {
    expect(detectFormat(name, head)).toBe(format)
  })

  it('explains an unknown file', () => {
    expect(() => readPlaylistBytes(Buffer.from('hello'), 'notes.doc')).toThrow(
      'not a playlist format Segue reads',
    )
  })
})
