// "Your listening" words and chart series from a history summary, and its empty state.
import { describe, expect, it } from 'vitest'
import type { HistorySummary } from '../../../src-shared/contract'
import {
  isEmptySummary,
  listensSeries,
  matchedInWords,
  periodInWords,
} from '../../../src-renderer/listening'

const summary: HistorySummary = {
  period: 'month',
  from: '2024-02-01',
  to: '2024-02-20',
  first: '2023-11-05',
  last: '2024-02-20',
  months: [
    { month: '2023-11', plays: 1, skips: 1 },
    { month: '2023-12', plays: 0, skips: 0 },
  ],
  topArtists: [{ artist: 'Radiohead', plays: 4 }],
  topSongs: [],
  listens: { total: 1000, library: 600, catalog: 700, none: 160 },
  songs: { total: 10, library: 5, catalog: 3, none: 2 },
}
const none: HistorySummary = {
  ...summary,
  from: null,
  to: null,
  first: null,
  last: null,
  months: [],
  topArtists: [],
  listens: { total: 0, library: 0, catalog: 0, none: 0 },
}

describe('listening view data', () => {
  it('says how much matched in plain words', () => {
    expect(matchedInWords(summary)).toBe(
      'Segue matched 84 % of your 1,000 listens to songs it knows (60 % are songs in your files).',
    )
    expect(
      matchedInWords({ ...summary, listens: { total: 5, library: 0, catalog: 0, none: 5 } }),
    ).toBe('Segue matched 0 % of your 5 listens to songs it knows.')
  })

  it('is empty without listens (the view then points to Your music)', () => {
    expect(isEmptySummary(null)).toBe(true)
    expect(isEmptySummary(none)).toBe(true)
    expect(matchedInWords(none)).toBeNull()
    expect(periodInWords(none)).toBe('')
    expect(isEmptySummary(summary)).toBe(false)
  })

  it('names the period and gives the chart its series', () => {
    expect(periodInWords(summary)).toBe('February 2024')
    expect(periodInWords({ ...summary, period: 'year', from: '2024-01-01' })).toBe('2024')
    expect(listensSeries(summary)).toEqual({
      months: ['2023-11', '2023-12'],
      plays: [1, 0],
      skips: [1, 0],
    })
  })
})
