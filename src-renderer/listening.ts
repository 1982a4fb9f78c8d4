// "Your listening" in words and chart series, from the history summary (pure, so it is unit-tested).
import type { HistorySummary } from '../src-shared/contract'

export type Period = HistorySummary['period']

export const periodLabels: Record<Period, string> = {
  month: 'Last month',
  year: 'Last year',
  all: 'All time',
}

/** True when no history has listens to show. */
export function isEmptySummary(s: HistorySummary | null): boolean {
  return !s || s.listens.total === 0
}

const pct = (n: number, total: number) => Math.round((100 * n) / total)

/** "Segue matched 84 % of your 1,000 listens to songs it knows (60 % are songs in your files)." */
export function matchedInWords(s: HistorySummary): string | null {
  const l = s.listens
  if (!l.total) return null
  const known = pct(l.total - l.none, l.total)
  return (
    `Segue matched ${known} % of your ${l.total.toLocaleString('en')} listens to songs it knows` +
    (l.library ? ` (${pct(l.library, l.total)} % are songs in your files).` : '.')
  )
}

/** "March 2024", "2024", "1 Nov 2023 – 20 Feb 2024": what the top lists cover. */
export function periodInWords(s: HistorySummary): string {
  if (!s.from || !s.to) return ''
  const d = (iso: string) => new Date(`${iso}T00:00:00Z`)
  if (s.period === 'month')
    return d(s.from).toLocaleDateString('en', { month: 'long', year: 'numeric', timeZone: 'UTC' })
  if (s.period === 'year') return s.from.slice(0, 4)
  const f = (iso: string) =>
    d(iso).toLocaleDateString('en', {
      day: 'numeric',
      month: 'short',
      year: 'numeric',
      timeZone: 'UTC',
    })
  return `${f(s.from)} – ${f(s.to)}`
}

/** Months on the x axis, plays and skips as two series. */
export function listensSeries(s: HistorySummary): {
  months: string[]
  plays: number[]
  skips: number[]
} {
  return {
    months: s.months.map((m) => m.month),
    plays: s.months.map((m) => m.plays),
    skips: s.months.map((m) => m.skips),
  }
}
