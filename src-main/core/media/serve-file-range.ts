// Answers an HTTP request for an audio file, honouring a single byte Range (so players can seek).
import { constants } from 'node:fs'
import { open, type FileHandle } from 'node:fs/promises'
import type { Readable } from 'node:stream'
import { audioContentType } from './content-type'
import { MediaError } from './media-error'

/** What to send back: status, headers, and the body (null for 416). */
export interface RangeResponse {
  /** 200 (whole file), 206 (the range) or 416 (range outside the file). */
  status: 200 | 206 | 416
  headers: Record<string, string>
  stream: Readable | null
}

/** A parsed Range header: the whole file, one byte span (inclusive), or a span the file cannot satisfy. */
export type ParsedRange =
  { kind: 'whole' } | { kind: 'span'; start: number; end: number } | { kind: 'unsatisfiable' }

/**
 * Reads a Range header against a file of `size` bytes (RFC 9110 §14): `bytes=a-b`, `bytes=a-`,
 * `bytes=-n` (the last n bytes). No header, another unit, a malformed value or several ranges
 * mean the whole file (a server may ignore Range). An end past the file is clamped; a start at or
 * past the end, or a zero-length suffix, is unsatisfiable.
 */
export function parseRange(header: string | undefined | null, size: number): ParsedRange {
  if (!header) return { kind: 'whole' }
  const m = /^\s*bytes\s*=\s*(\d*)\s*-\s*(\d*)\s*$/i.exec(header)
  if (!m || (m[1] === '' && m[2] === '')) return { kind: 'whole' }
  if (m[1] === '') {
    const suffix = Number(m[2])
    if (!Number.isSafeInteger(suffix)) return { kind: 'whole' }
    if (suffix === 0 || size === 0) return { kind: 'unsatisfiable' }
    return { kind: 'span', start: Math.max(0, size - suffix), end: size - 1 }
  }
  const start = Number(m[1])
  const end = m[2] === '' ? Infinity : Number(m[2])
  if (
    !Number.isSafeInteger(start) ||
    !(end >= start) ||
    (m[2] !== '' && !Number.isSafeInteger(end))
  ) {
    return { kind: 'whole' }
  }
  if (start >= size) return { kind: 'unsatisfiable' }
  return { kind: 'span', start, end: Math.min(end, size - 1) }
}

/**
 * The response for `path` (already checked, e.g. by `resolveMediaPath`) and the request's Range
 * header. Headers: Content-Type (from the extension), Accept-Ranges, Content-Length, and
 * Content-Range for 206 and 416. A missing or unreadable file throws a MediaError ('missing').
 */
export async function serveFileRange(
  path: string,
  rangeHeader?: string | null,
): Promise<RangeResponse> {
  let handle: FileHandle
  try {
    handle = await open(path, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0))
  } catch (e) {
    throw new MediaError(
      'missing',
      `The file "${path}" cannot be opened (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`,
    )
  }
  try {
    const info = await handle.stat()
    if (!info.isFile()) throw new MediaError('not-a-file', `"${path}" is not a regular file`)
    return serveOpenedFile({ handle, path, size: info.size }, rangeHeader)
  } catch (e) {
    await handle.close()
    throw e
  }
}

/**
 * The response for a file already open (and checked through its descriptor): the body reads from
 * that descriptor, never from the path again, and owns it — destroying the stream (or a 416, which
 * has none) closes it.
 */
export function serveOpenedFile(
  file: { handle: FileHandle; path: string; size: number },
  rangeHeader?: string | null,
): RangeResponse {
  const { handle, path, size } = file
  const base = { 'Content-Type': audioContentType(path), 'Accept-Ranges': 'bytes' }
  const range = parseRange(rangeHeader, size)
  if (range.kind === 'unsatisfiable') {
    void handle.close().catch(() => {})
    return {
      status: 416,
      headers: { ...base, 'Content-Range': `bytes */${size}`, 'Content-Length': '0' },
      stream: null,
    }
  }
  if (range.kind === 'whole') {
    return {
      status: 200,
      headers: { ...base, 'Content-Length': String(size) },
      stream: handle.createReadStream({ autoClose: true }),
    }
  }
  return {
    status: 206,
    headers: {
      ...base,
      'Content-Length': String(range.end - range.start + 1),
      'Content-Range': `bytes ${range.start}-${range.end}/${size}`,
    },
    stream: handle.createReadStream({ start: range.start, end: range.end, autoClose: true }),
  }
}
