// Job strips tell the time left: the job's own estimate first, else extrapolated from progress.
import { describe, expect, it } from 'vitest'
import { secondsLeft, timeLeftText } from '../../../src-renderer/time-left'

const started = '2026-01-01T00:00:00.000Z'
const t0 = Date.parse(started)

describe('time left', () => {
  it('extrapolates from progress once there is some', () => {
    expect(secondsLeft({ progress: 0.25, started }, t0 + 600_000)).toBeCloseTo(1800, 6)
    expect(secondsLeft({ progress: 0.01, started }, t0 + 600_000)).toBeNull()
    expect(secondsLeft({ progress: 0.5, started }, t0 + 1000)).toBeNull()
  })
  it("prefers the job's own estimate", () => {
    expect(secondsLeft({ progress: 0.1, started, detail: { etaSeconds: 42 } }, t0 + 60_000)).toBe(
      42,
    )
  })
  it('says it in words', () => {
    expect(timeLeftText(null)).toBe('estimating time left…')
    expect(timeLeftText(30)).toBe('less than a minute left')
    expect(timeLeftText(1800)).toBe('about 30 min left')
    expect(timeLeftText(4800)).toBe('about 1 h 20 min left')
    expect(timeLeftText(7200)).toBe('about 2 h left')
  })
})
