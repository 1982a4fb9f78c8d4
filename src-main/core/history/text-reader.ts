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

/** "2021-03-01 12:34" or an ISO date (UTC unless it says otherwise) → ms, or undefined. */
export function parseUtc(v: unknown): number | undefined {
  const s = str(v)
  if (s === undefined) return undefined
  const iso = /^\d{4}-\d\d-\d\d[ T]\d\d:\d\d(:\d\d(\.\d+)?)?$/.test(s)
    ? `${s.replace(' ', 'T')}Z`
    : s
  const t = Date.parse(iso)
  return Number.isFinite(t) ? t : undefined
}
