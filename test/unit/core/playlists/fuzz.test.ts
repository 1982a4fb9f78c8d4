// Fuzzing every playlist parser with seeded random and mutated inputs: a result of the right shape or a clean Error, never anything else.
import { describe, expect, it } from 'vitest'
import { readCsv } from '../../../../src-main/core/playlists/csv'
import { decodeText } from '../../../../src-main/core/playlists/decode-text'
import { readItunesXml, readItunesXmlStream } from '../../../../src-main/core/playlists/itunes'
import { normalizeLocation } from '../../../../src-main/core/playlists/location'
import { readM3u } from '../../../../src-main/core/playlists/m3u'
import { readPls } from '../../../../src-main/core/playlists/pls'
import { readPlaylistBytes } from '../../../../src-main/core/playlists/read'
import { readSpotifyJson } from '../../../../src-main/core/playlists/spotify'
import type { ParsedPlaylist, ParsedPlaylistFile } from '../../../../src-main/core/playlists/types'
import { writeM3u8, writeXspf } from '../../../../src-main/core/playlists/writers'
import { XmlTokenizer } from '../../../../src-main/core/playlists/xml-tokenizer'
import { readXspf } from '../../../../src-main/core/playlists/xspf'
import { expectCleanOutcome, fuzzBytes, fuzzInputs } from '../../../fixtures/fuzz'
import * as S from '../../../fixtures/playlist-samples'

const N = 3000
const ALL_SEEDS = [
  S.M3U_EXTENDED,
  S.M3U_PLAIN,
  S.PLS,
  S.XSPF,
  S.itunesLibraryXml(),
  S.SPOTIFY_PLAYLISTS,
  S.SPOTIFY_LIBRARY,
  S.EXPORTIFY_CSV,
  S.SEMICOLON_CSV,
]

function checkPlaylist(p: ParsedPlaylist): void {
  expect(typeof p.name).toBe('string')
  expect(Array.isArray(p.warnings)).toBe(true)
  for (const w of p.warnings) expect(typeof w).toBe('string')
  for (const e of p.entries) {
    for (const k of ['location', 'artist', 'title', 'album'] as const) {
      if (e[k] !== undefined) {
        expect(typeof e[k]).toBe('string')
        expect(e[k]).not.toBe('')
      }
    }
    if (e.duration !== undefined) expect(Number.isFinite(e.duration) && e.duration > 0).toBe(true)
    expect(e.location !== undefined || e.title !== undefined || e.artist !== undefined).toBe(true)
  }
  // Whatever was read can be written back out.
  expect(typeof writeM3u8(p.entries)).toBe('string')
  expect(typeof writeXspf(p.name, p.entries)).toBe('string')
}

function checkFile(f: ParsedPlaylistFile): void {
  expect(typeof f.format).toBe('string')
  for (const p of f.playlists) checkPlaylist(p)
}

describe('fuzz', () => {
  it('readM3u', () => {
    for (const s of fuzzInputs([S.M3U_EXTENDED, S.M3U_PLAIN], N, 1))
      expectCleanOutcome(() => readM3u(s, 'n'), checkPlaylist, s)
  })

  it('readPls', () => {
    for (const s of fuzzInputs([S.PLS], N, 2))
      expectCleanOutcome(() => readPls(s, 'n'), checkPlaylist, s)
  })

  it('readXspf', () => {
    for (const s of fuzzInputs([S.XSPF], N, 3))
      expectCleanOutcome(() => readXspf(s, 'n'), checkPlaylist, s)
  })

  it('readItunesXml', () => {
    for (const s of fuzzInputs([S.itunesLibraryXml()], N, 4))
      expectCleanOutcome(() => readItunesXml(s), checkFile, s)
  })

  it('readItunesXmlStream agrees with the whole-text reader on mutated input', async () => {
    // Lone surrogates cannot survive UTF-8 encoding, so compare well-formed text only.
    const wellFormed = (s: string) =>
      s.replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '\uFFFD')
    for (const s of fuzzInputs([S.itunesLibraryXml()], 300, 5).map(wellFormed)) {
      let whole: ParsedPlaylistFile | Error
      try {
        whole = readItunesXml(s)
      } catch (e) {
        whole = e as Error
      }
      const bytes = Buffer.from(s, 'utf8')
      async function* chunks() {
        for (let i = 0; i < bytes.length; i += 17) yield bytes.subarray(i, i + 17)
      }
      const streamed = await readItunesXmlStream(chunks()).catch((e: Error) => e)
      if (whole instanceof Error) expect(streamed).toBeInstanceOf(Error)
      else expect(streamed).toEqual(whole)
    }
  })

  it('readSpotifyJson', () => {
    for (const s of fuzzInputs([S.SPOTIFY_PLAYLISTS, S.SPOTIFY_LIBRARY], N, 6))
      expectCleanOutcome(() => readSpotifyJson(s), checkFile, s)
  })

  it('readCsv', () => {
    for (const s of fuzzInputs([S.EXPORTIFY_CSV, S.SEMICOLON_CSV], N, 7))
      expectCleanOutcome(() => readCsv(s, 'n'), checkPlaylist, s)
  })

  it('XmlTokenizer', () => {
    for (const s of fuzzInputs([S.XSPF, S.itunesLibraryXml()], N, 8)) {
      expectCleanOutcome(
        () => {
          let events = 0
          const t = new XmlTokenizer({
            open: () => events++,
            close: () => events++,
            text: () => events++,
          })
          t.write(s.slice(0, s.length >> 1))
          t.write(s.slice(s.length >> 1))
          t.end()
          return events
        },
        (events) => expect(events).toBeGreaterThanOrEqual(0),
        s,
      )
    }
  })

  it('decodeText and readPlaylistBytes (detection + every reader) on raw bytes', () => {
    const names = [
      'a.m3u',
      'a.m3u8',
      'a.pls',
      'a.xspf',
      'Library.xml',
      'Playlist1.json',
      'a.csv',
      'noext',
    ]
    fuzzBytes(ALL_SEEDS, N, 9).forEach((b, i) => {
      let decoded: string | Error
      try {
        decoded = decodeText(b).text
      } catch (e) {
        decoded = e as Error
      }
      if (decoded instanceof Error) expect(decoded.message).toMatch(/not a text file/)
      else expect(typeof decoded).toBe('string')
      expectCleanOutcome(
        () => readPlaylistBytes(b, names[i % names.length]),
        checkFile,
        Buffer.from(b).toString('base64'),
      )
    })
  })

  it('normalizeLocation', () => {
    for (const s of fuzzInputs(['file:///C:/a%20b/c.mp3', 'C:\\x\\y.mp3', '../a/b.flac'], N, 10)) {
      expectCleanOutcome(
        () => normalizeLocation(s),
        (r) => expect(r === undefined || (typeof r === 'string' && r.length > 0)).toBe(true),
        s,
      )
    }
  })
})
