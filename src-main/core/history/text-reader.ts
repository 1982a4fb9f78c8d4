// What every history reader is: text chunks in, items into a sink; plus the small value helpers they share.

/** An incremental reader of one history file's text. */
export interface TextReader {
  write(chunk: string): void
  end(): void
}

/** A trimmed non-empty string, else undefined. */
export function str(v: unknown): string | undefined {
  if (typeof v !== 'string') return undefined
  const s = v.trim()
  return s === '' ? undefined : s
}

/** A finite number (numeric strings too), else undefined. */
export function num(v: unknown): number | undefined {
  const n = typeof v === 'string' && v.trim() !== '' ? Number(v) : v
  return typeof n === 'number' && Number.isFinite(n) ? n : undefined
}

/** A plain object, else undefined. */
export function obj(v: unknown): Record<string, unknown> | undefined {
  return typeof v === 'object' && v !== null && !Array.isArray(v)
    ? (v as Record<string, unknown>)
    : undefined
}

/** The day part ("2021-03-01") of the last "…T12:34:56Z" time parsed, and its ms. */
let lastDay = ''
let lastDayMs = 0

const isDigit = (s: string, i: number) => {
  const c = s.charCodeAt(i)
  return c >= 48 && c <= 57
}
const two = (s: string, i: number) => (s.charCodeAt(i) - 48) * 10 + s.charCodeAt(i + 1) - 48

/**
 * "2021-03-01T12:34:56Z" (Spotify's ts, one per play) without Date.parse per play: the day parsed
 * once (consecutive plays share it) plus the time of day; undefined for any other shape or range.
 */
function parseUtcSeconds(s: string): number | undefined {
  if (s.length !== 20 || s.charCodeAt(19) !== 90 /* Z */ || s.charCodeAt(10) !== 84 /* T */)
    return undefined
  if (s.charCodeAt(13) !== 58 /* : */ || s.charCodeAt(16) !== 58) return undefined
  if (!isDigit(s, 11) || !isDigit(s, 12) || !isDigit(s, 14) || !isDigit(s, 15)) return undefined
  if (!isDigit(s, 17) || !isDigit(s, 18)) return undefined
  const h = two(s, 11)
  const m = two(s, 14)
  const sec = two(s, 17)
  if (h > 23 || m > 59 || sec > 59) return undefined
  if (!s.startsWith(lastDay) || lastDay === '') {
    const d = s.slice(0, 10)
    if (!/^\d{4}-\d\d-\d\d$/.test(d)) return undefined
    const ms = Date.parse(`${d}T00:00:00Z`)
    if (!Number.isFinite(ms)) return undefined
    lastDay = d
    lastDayMs = ms
  }
  return lastDayMs + h * 3_600_000 + m * 60_000 + sec * 1000
}

/** "2021-03-01 12:34" or an ISO date (UTC unless it says otherwise) → ms, or undefined. */
export function parseUtc(v: unknown): number | undefined {
  if (typeof v === 'string') {
    const fast = parseUtcSeconds(v)
    if (fast !== undefined) return fast
  }
  const s = str(v)
  if (s === undefined) return undefined
  const iso = /^\d{4}-\d\d-\d\d[ T]\d\d:\d\d(:\d\d(\.\d+)?)?$/.test(s)
    ? `${s.replace(' ', 'T')}Z`
    : s
  const t = Date.parse(iso)
  return Number.isFinite(t) ? t : undefined
}
