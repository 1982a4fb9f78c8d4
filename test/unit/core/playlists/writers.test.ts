// The writers' output reads back through the readers unchanged (round trip), with awkward names and characters.
import { describe, expect, it } from 'vitest'
import { readM3u } from '../../../../src-main/core/playlists/m3u'
import { readPlaylistBytes } from '../../../../src-main/core/playlists/read'
import type { PlaylistEntry } from '../../../../src-main/core/playlists/types'
import { escapeXml, writeM3u8, writeXspf } from '../../../../src-main/core/playlists/writers'
import { readXspf } from '../../../../src-main/core/playlists/xspf'

const entries: PlaylistEntry[] = [
  {
    location: '/music/Radiohead/01 Airbag.mp3',
    artist: 'Radiohead',
    title: 'Airbag',
    album: 'OK Computer',
    duration: 284,
  },
  {
    location: '/music/Björk/Jóga & <friends> "100%" #1?.flac',
    artist: 'Björk',
    title: 'Jóga',
    duration: 305,
  },
  {
    location: 'C:/Users/me/Music/x y.mp3',
    artist: 'Simon & Garfunkel',
    title: "It's <Live>",
    duration: 1,
  },
  { location: 'http://radio.example/stream.mp3', title: 'A stream' },
  { artist: '坂本龍一', title: '戦場のメリークリスマス', duration: 280 },
  { location: '#hash start.mp3', artist: 'A', title: 'B' },
]

describe('writeM3u8', () => {
  const text = writeM3u8(entries, { name: 'Mix & Match' })

  it('writes EXTM3U with EXTINF durations and "Artist - Title"', () => {
    expect(text.split('\n').slice(0, 6)).toEqual([
      '#EXTM3U',
      '#PLAYLIST:Mix & Match',
      '#EXTINF:284,Radiohead - Airbag',
      '#EXTALB:OK Computer',
      '/music/Radiohead/01 Airbag.mp3',
      '#EXTINF:305,Björk - Jóga',
    ])
  })

  it('reads back to the same entries', () => {
    const back = readM3u(text)
    expect(back.name).toBe('Mix & Match')
    expect(back.entries).toEqual(
      entries.map((e) =>
        e.location === '#hash start.mp3' ? { ...e, location: './#hash start.mp3' } : e,
      ),
    )
    expect(readPlaylistBytes(Buffer.from(text), 'mix.m3u8').format).toBe('m3u')
  })
})

describe('writeXspf', () => {
  const text = writeXspf('Mix & <Match>', entries)

  it('escapes markup and writes file URLs for paths', () => {
    expect(text).toContain('<title>Mix &amp; &lt;Match&gt;</title>')
    expect(text).toContain(
      '<location>file:///music/Bj%C3%B6rk/J%C3%B3ga%20%26%20%3Cfriends%3E%20%22100%25%22%20%231%3F.flac</location>',
    )
    expect(text).toContain('<location>file:///C:/Users/me/Music/x%20y.mp3</location>')
  })

  it('reads back to the same entries', () => {
    const back = readXspf(text)
    expect(back.name).toBe('Mix & <Match>')
    expect(back.entries).toEqual(entries)
    expect(back.warnings).toEqual([])
  })

  it('drops characters XML cannot carry', () => {
    expect(escapeXml('a\u0001b\u0000c\uFFFE')).toBe('abc')
  })
})
