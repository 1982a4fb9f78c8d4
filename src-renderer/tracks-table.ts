// What the tracks table shows: search and filters over the user's tracks, and which rows a virtual-scrolled window draws.
import type { TrackMatchView } from '../src-shared/contract'

/** The filters the table offers. */
export type TrackFilter = 'all' | 'not matched' | 'file name' | 'fuzzy' | 'chosen'

export const TRACK_FILTERS: { value: TrackFilter; label: string }[] = [
  { value: 'all', label: 'All tracks' },
  { value: 'not matched', label: 'Not matched' },
  { value: 'file name', label: 'Matched by file name' },
  { value: 'fuzzy', label: 'Matched by similar spelling' },
  { value: 'chosen', label: 'Fixed by you' },
]

/** How a row says how it was matched. */
export const MATCH_LABEL: Record<TrackMatchView['match'], string> = {
  exact: 'same name',
  'file name': 'by file name',
  fuzzy: 'similar spelling',
  chosen: 'fixed by you',
  none: 'not matched',
}

/** Tracks passing the filter whose artist, title, album, path or matched song contain every word of `query`. */
export function filterTracks(
  tracks: readonly TrackMatchView[],
  query: string,
  filter: TrackFilter,
): TrackMatchView[] {
  const words = query.toLowerCase().split(/\s+/).filter(Boolean)
  return tracks.filter((t) => {
    if (filter === 'not matched' && t.match !== 'none') return false
    if (filter !== 'all' && filter !== 'not matched' && t.match !== filter) return false
    if (!words.length) return true
    const hay = [t.artist, t.title, t.album, t.path, t.song?.artist ?? '', t.song?.title ?? '']
      .join(' ')
      .toLowerCase()
    return words.every((w) => hay.includes(w))
  })
}

/** The rows to draw for a scroll position: [first, end) with `overscan` rows either side. */
export function visibleRange(
  scrollTop: number,
  viewport: number,
  rowHeight: number,
  count: number,
  overscan = 8,
): { first: number; end: number } {
  const first = Math.max(0, Math.floor(scrollTop / rowHeight) - overscan)
  const end = Math.min(count, Math.ceil((scrollTop + viewport) / rowHeight) + overscan)
  return { first, end: Math.max(first, end) }
}
