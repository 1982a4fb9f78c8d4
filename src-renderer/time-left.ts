// "About 12 min left" for a running job: the job's own estimate when it gives one (training), else extrapolated from its progress so far.
import type { JobInfo } from '../src-shared/contract'

/** Seconds left, or null while there is too little progress to tell. */
export function secondsLeft(
  job: Pick<JobInfo, 'progress' | 'started' | 'detail'>,
  now: number,
): number | null {
  const own = job.detail?.etaSeconds
  if (typeof own === 'number' && Number.isFinite(own) && own >= 0) return own
  const elapsed = (now - Date.parse(job.started)) / 1000
  const p = job.progress
  if (!(elapsed >= 3) || !(p >= 0.02) || p >= 1) return null
  return (elapsed * (1 - p)) / p
}

/** The time left in words: "less than a minute left", "about 12 min left", "about 1 h 20 min left". */
export function timeLeftText(seconds: number | null): string {
  if (seconds === null) return 'estimating time left…'
  if (seconds < 60) return 'less than a minute left'
  const min = Math.round(seconds / 60)
  if (min < 60) return `about ${min} min left`
  const h = Math.floor(min / 60)
  const m = min % 60
  return `about ${h} h${m ? ` ${m} min` : ''} left`
}
