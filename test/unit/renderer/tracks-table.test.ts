// Tracks table logic: search over every column, the filters, and the rows a scroll position draws.
import { describe, expect, it } from 'vitest'
import type { TrackMatchView } from '../../../src-shared/contract'
import { filterTracks, visibleRange } from '../../../src-renderer/tracks-table'

const t = (id: number, over: Partial<TrackMatchView>): TrackMatchView => ({
  id,
  path: `/m/${id}.mp3`,
  artist: 'A',
  title: 'T',
  album: '',
  duration: null,
  key: 'a — t',
  song: { artist: 'A', title: 'T' },
  match: 'exact',
  reason: 'same artist and title',
  inModel: true,
  ...over,
})
const tracks = [
  t(1, {
    artist: 'P!nk',
    title: 'So What',
    song: { artist: 'Pink', title: 'So What' },
    match: 'fuzzy',
  }),
  t(2, { artist: 'Kings of Leon', title: 'Use Somebody', match: 'file name' }),
  t(3, { artist: 'Nobody', title: 'Unknown', key: null, song: null, match: 'none' }),
  t(4, { artist: 'Miles Davis', title: 'So What', album: 'Kind of Blue', match: 'chosen' }),
]

describe('filterTracks', () => {
  it('filters by how a track was matched', () => {
    expect(filterTracks(tracks, '', 'all')).toHaveLength(4)
    expect(filterTracks(tracks, '', 'not matched').map((x) => x.id)).toEqual([3])
    expect(filterTracks(tracks, '', 'file name').map((x) => x.id)).toEqual([2])
    expect(filterTracks(tracks, '', 'chosen').map((x) => x.id)).toEqual([4])
  })

  it('searches every word over artist, title, album and the matched song', () => {
    expect(filterTracks(tracks, 'so what', 'all').map((x) => x.id)).toEqual([1, 4])
    expect(filterTracks(tracks, 'pink', 'all').map((x) => x.id)).toEqual([1])
    expect(filterTracks(tracks, 'blue kind', 'all').map((x) => x.id)).toEqual([4])
    expect(filterTracks(tracks, 'so what', 'fuzzy').map((x) => x.id)).toEqual([1])
  })
})

describe('visibleRange', () => {
  it('draws only the rows in view plus an overscan, clamped to the list', () => {
    expect(visibleRange(0, 340, 34, 45000, 2)).toEqual({ first: 0, end: 12 })
    expect(visibleRange(34 * 1000, 340, 34, 45000, 2)).toEqual({ first: 998, end: 1012 })
    expect(visibleRange(34 * 44995, 340, 34, 45000, 2)).toEqual({ first: 44993, end: 45000 })
    expect(visibleRange(0, 340, 34, 0)).toEqual({ first: 0, end: 0 })
  })
})
