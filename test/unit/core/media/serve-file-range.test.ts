// Range requests for seeking: whole file, byte spans, suffixes, clamping, unsatisfiable ranges, ignored odd headers.
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import type { Readable } from 'node:stream'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { MediaError } from '../../../../src-main/core/media/media-error'
import { parseRange, serveFileRange } from '../../../../src-main/core/media/serve-file-range'
import { makeTempDir } from '../../../fixtures/temp-dir'

const tmp = makeTempDir()
const file = join(tmp.dir, 'tone.flac')
const bytes = Buffer.from(Array.from({ length: 100 }, (_, i) => i))

beforeAll(() => writeFileSync(file, bytes))
afterAll(() => tmp.cleanup())

async function body(stream: Readable | null): Promise<Buffer> {
  if (!stream) return Buffer.alloc(0)
  const chunks: Buffer[] = []
  for await (const c of stream) chunks.push(c as Buffer)
  return Buffer.concat(chunks)
}

describe('parseRange', () => {
  it('reads spans, open ends and suffixes', () => {
    expect(parseRange('bytes=0-9', 100)).toEqual({ kind: 'span', start: 0, end: 9 })
    expect(parseRange('bytes=90-', 100)).toEqual({ kind: 'span', start: 90, end: 99 })
    expect(parseRange('bytes=-10', 100)).toEqual({ kind: 'span', start: 90, end: 99 })
    expect(parseRange('bytes=-500', 100)).toEqual({ kind: 'span', start: 0, end: 99 })
    expect(parseRange('BYTES = 5 - 500', 100)).toEqual({ kind: 'span', start: 5, end: 99 })
  })

  it('flags ranges the file cannot satisfy', () => {
    expect(parseRange('bytes=100-', 100)).toEqual({ kind: 'unsatisfiable' })
    expect(parseRange('bytes=-0', 100)).toEqual({ kind: 'unsatisfiable' })
    expect(parseRange('bytes=0-', 0)).toEqual({ kind: 'unsatisfiable' })
  })

  it('ignores absent, malformed, multiple and non-byte ranges', () => {
    for (const h of [
      undefined,
      '',
      'bytes=',
      'bytes=9-3',
      'bytes=0-1,5-6',
      'items=0-1',
      'bytes=a-b',
    ]) {
      expect(parseRange(h, 100)).toEqual({ kind: 'whole' })
    }
  })
})

describe('serveFileRange', () => {
  it('sends the whole file without a Range', async () => {
    const r = await serveFileRange(file)
    expect(r.status).toBe(200)
    expect(r.headers).toEqual({
      'Content-Type': 'audio/flac',
      'Accept-Ranges': 'bytes',
      'Content-Length': '100',
    })
    expect(await body(r.stream)).toEqual(bytes)
  })

  it('sends a byte span with 206 and Content-Range', async () => {
    const r = await serveFileRange(file, 'bytes=10-19')
    expect(r.status).toBe(206)
    expect(r.headers['Content-Range']).toBe('bytes 10-19/100')
    expect(r.headers['Content-Length']).toBe('10')
    expect(await body(r.stream)).toEqual(bytes.subarray(10, 20))
    const tail = await serveFileRange(file, 'bytes=-5')
    expect(await body(tail.stream)).toEqual(bytes.subarray(95))
  })

  it('answers 416 for a range past the end', async () => {
    const r = await serveFileRange(file, 'bytes=200-300')
    expect(r.status).toBe(416)
    expect(r.headers['Content-Range']).toBe('bytes */100')
    expect(r.stream).toBeNull()
  })

  it('throws a MediaError for a missing file', async () => {
    await expect(serveFileRange(join(tmp.dir, 'nope.mp3'))).rejects.toBeInstanceOf(MediaError)
    await expect(serveFileRange(tmp.dir)).rejects.toMatchObject({ code: 'not-a-file' })
  })
})
