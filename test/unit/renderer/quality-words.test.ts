// Quality in plain words: the served hit rate against most-popular, the ratio, and how long measuring took.
import { describe, expect, it } from 'vitest'
import type { EvalReport } from '../../../src-shared/contract'
import { percent, qualityInWords } from '../../../src-renderer/quality-words'

const report = (
  ahr: Record<string, number>,
  seconds: Record<string, unknown> = {},
): EvalReport => ({
  created: '2026-01-01T00:00:00Z',
  protocol: { topn: 25 },
  playlists: 1000,
  heldout: 100,
  ahr,
  ndcg: {},
  seconds,
})

describe('qualityInWords', () => {
  it('leads with the served hit rate against most-popular', () => {
    const w = qualityInWords(
      report(
        { served: 0.26, popular: 0.027, random: 0.001 },
        { served: { train: 600, eval: 300 }, popular: { train: 1, eval: 1259 } },
      ),
    )
    expect(w?.headline).toBe(
      "How often Segue's top 25 contains the song a radio DJ actually played next: 26 %, against 2.7 % for most-popular.",
    )
    expect(w?.comparison).toBe('About 9.6 times better than suggesting the most played songs.')
    expect(w?.minutes).toBe(36)
  })

  it('uses the best served model when there is no plain "served", and says when it is no better', () => {
    const w = qualityInWords(
      report({ 'served-als': 0.03, 'served-autoencoder': 0.05, popular: 0.05 }),
    )
    expect(w?.headline).toContain(': 5.0 %, against 5.0 %')
    expect(w?.comparison).toBe('About as good as suggesting the most played songs.')
    expect(w?.minutes).toBeUndefined()
    expect(qualityInWords(report({ popular: 0.1 }))).toBeNull()
    expect(percent(0.004)).toBe('0.40 %')
  })
})
