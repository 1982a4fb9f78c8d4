// Exported mixes: owned songs by file path, the rest as artist + title entries, readable back by the playlist readers.
import { describe, expect, it } from 'vitest'
import { exportMix, mixEntries, mixFileName } from '../../../../src-main/core/mixes/export'
import type { Mix, MixTrack } from '../../../../src-main/core/mixes/types'
import { readM3u } from '../../../../src-main/core/playlists/m3u'
import { readXspf } from '../../../../src-main/core/playlists/xspf'

const evidence = { nearest: [], tags: [], seed: false }
const track = (over: Partial<MixTrack>): MixTrack => ({
  key: 'k',
  artist: 'A',
  title: 'T',
  owned: false,
  why: 'w',
  evidence,
  ...over,
})
const mix: Mix = {
  id: 'daily-0123456789ab',
  name: 'Daily Mix 1: rock & "roll"',
  kind: 'daily',
  description: '',
  seed: 1,
  created: '2024-01-01T00:00:00.000Z',
  saved: false,
  params: {},
  tracks: [
    track({
      key: 'a — one',
      artist: 'Artist A',
      title: 'One',
      owned: true,
      trackId: 7,
      path: '/music/a/one.flac',
    }),
    track({ key: 'b — two', artist: 'Artist B', title: 'Two & more' }),
  ],
}

describe('exportMix', () => {
  it('writes only playable entries with real durations (M3U8), the rest as comments', () => {
    const text = exportMix(mix, 'm3u8', (id) =>
      id === 7 ? { path: '/music/a/one.flac', duration: 241.6 } : undefined,
    )
    expect(text).toBe(
      [
        '#EXTM3U',
        '#PLAYLIST:Daily Mix 1: rock & "roll"',
        '#EXTINF:242,Artist A - One',
        '/music/a/one.flac',
        '# not in your library: Artist B - Two & more',
        '',
      ].join('\n'),
    )
    // Every #EXTINF is followed by a path; a player reading it back finds only the owned file.
    const back = readM3u(text, '/lists/mix.m3u8')
    expect(back.entries.map((e) => [e.location, e.artist, e.title, e.duration])).toEqual([
      ['/music/a/one.flac', 'Artist A', 'One', 242],
    ])
    // Without a known duration the format's -1 stays.
    expect(exportMix(mix, 'm3u8')).toContain('#EXTINF:-1,Artist A - One\n/music/a/one.flac')
  })

  it('names the file cleanly', () => {
    expect(mixFileName('Daily Mix 1: Jazz · Miles Davis, Nina Simone', 'm3u8')).toBe(
      'Daily Mix 1 - Jazz - Miles Davis, Nina Simone.m3u8',
    )
    expect(mixFileName('Radio: AC/DC "Back in Black"?', 'xspf')).toBe(
      'Radio - AC - DC Back in Black.xspf',
    )
    expect(mixFileName('...', 'm3u8')).toBe('mix.m3u8')
  })

  it('writes XSPF with a file URL for owned songs only', () => {
    const text = exportMix(mix, 'xspf')
    expect(text).toContain('<title>Daily Mix 1: rock &amp; &quot;roll&quot;</title>')
    expect(text).toContain('<location>file:///music/a/one.flac</location>')
    expect(text.match(/<location>/g)).toHaveLength(1)
    const back = readXspf(text, '/lists/mix.xspf')
    expect(back.entries.map((e) => e.title)).toEqual(['One', 'Two & more'])
  })

  it('uses a fresher path when given, and refuses unknown formats', () => {
    expect(
      mixEntries(mix, (id) => (id === 7 ? { path: '/new/one.flac' } : undefined))[0].location,
    ).toBe('/new/one.flac')
    expect(() => exportMix(mix, 'pls' as 'm3u8')).toThrow(/m3u8 or xspf/)
  })
})
