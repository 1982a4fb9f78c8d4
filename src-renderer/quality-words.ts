// The Quality report in plain words first: how often Segue's top N holds the song a radio DJ played, against most-popular, and how long measuring took.
import type { EvalReport } from '../src-shared/contract'

/** The lead sentences of the Quality view (null without a served figure). */
export interface QualityWords {
  /** "How often Segue's top 25 contains the song a radio DJ actually played next: 26 %, against 2.7 % for most-popular." */
  headline: string
  /** "About 10 times better than suggesting the most played songs." (absent without a popular figure) */
  comparison?: string
  /** Minutes the last measurement took, summed over recommenders (absent when not recorded). */
  minutes?: number
}

/** A share as people read it: "26 %", "2.7 %", "0.4 %". */
export function percent(x: number): string {
  const p = x * 100
  return `${p >= 10 ? Math.round(p) : p >= 1 ? p.toFixed(1) : p.toFixed(2)} %`
}

/** Plain words for a report, from its served hit rate (or the best served-* one) and most-popular. */
export function qualityInWords(report: EvalReport): QualityWords | null {
  const topn = Number((report.protocol as { topn?: number }).topn ?? 25)
  const servedNames = Object.keys(report.ahr).filter(
    (n) => n === 'served' || n.startsWith('served'),
  )
  if (!servedNames.length) return null
  const name =
    'served' in report.ahr ? 'served' : servedNames.sort((a, b) => report.ahr[b] - report.ahr[a])[0]
  const served = report.ahr[name]
  const popular = report.ahr.popular
  const headline =
    `How often Segue's top ${topn} contains the song a radio DJ actually played next: ${percent(served)}` +
    (popular !== undefined ? `, against ${percent(popular)} for most-popular.` : '.')
  const out: QualityWords = { headline }
  if (popular !== undefined && popular > 0) {
    const times = served / popular
    out.comparison =
      times >= 1.5
        ? `About ${times >= 10 ? Math.round(times) : times.toFixed(1)} times better than suggesting the most played songs.`
        : times >= 1
          ? 'About as good as suggesting the most played songs.'
          : 'Worse than suggesting the most played songs — train longer or with another model.'
  }
  let seconds = 0
  for (const s of Object.values(report.seconds))
    if (s && typeof s === 'object')
      for (const v of Object.values(s as Record<string, unknown>))
        if (typeof v === 'number') seconds += v
  if (seconds > 0) out.minutes = Math.max(1, Math.round(seconds / 60))
  return out
}
