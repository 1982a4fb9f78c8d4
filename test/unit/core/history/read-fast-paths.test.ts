// The reading shortcuts a long history takes (one JSON.parse per flat record, times without Date.parse, songs found by their spelling) give what the general paths give.
import { describe, expect, it } from 'vitest'
import { HistoryCollector } from '../../../../src-main/core/history/collect'
import { JsonArrayStream } from '../../../../src-main/core/history/json-array-stream'
import { parseUtc } from '../../../../src-main/core/history/text-reader'

/** parseUtc as it was before the shortcut. */
function slowUtc(v: unknown): number | undefined {
  if (typeof v !== 'string' || v.trim() === '') return undefined
  const s = v.trim()
  const iso = /^\d{4}-\d\d-\d\d[ T]\d\d:\d\d(:\d\d(\.\d+)?)?$/.test(s)
    ? `${s.replace(' ', 'T')}Z`
    : s
  const t = Date.parse(iso)
  return Number.isFinite(t) ? t : undefined
}

describe('reading shortcuts', () => {
  it('parseUtc reads "…T12:34:56Z" as Date.parse does, days and edges included', () => {
    const cases = [
      '2021-03-01T12:34:56Z',
      '2021-03-01T12:34:57Z', // the same day again
      '2021-03-02T00:00:00Z',
      '2020-02-29T23:59:59Z',
      '2021-02-29T10:00:00Z',
      '2021-02-30T10:00:00Z',
      '2021-13-01T10:00:00Z',
      '2021-03-01T24:00:00Z',
      '2021-03-01T23:60:00Z',
      '2021-03-01T23:59:60Z',
      '2021-03-01T1x:00:00Z',
      '2021-3-01T10:00:00Z_',
      '1969-12-31T23:59:59Z',
      ' 2021-03-01T12:34:56Z ',
      '2021-03-01 12:34',
      '2021-03-01T12:34:56.789Z',
      '2021-03-01T12:34:56+02:00',
      '',
      'yesterday',
    ]
    for (const c of cases) expect([c, parseUtc(c)]).toEqual([c, slowUtc(c)])
    for (let i = 0; i < 2000; i++) {
      const t = Date.UTC(2008, 0, 1) + i * 37_999_001
      const c = new Date(t).toISOString().replace(/\.\d{3}Z$/, 'Z')
      expect(parseUtc(c)).toBe(Math.floor(t / 1000) * 1000)
    }
    expect(parseUtc(42)).toBeUndefined()
  })

  it('JsonArrayStream gives flat records, braces in strings and bad records as before', () => {
    const text =
      '[{"a":1,"t":"x}y"},{"b":tru},{"c":"}"},\n{"d":{"e":[1,2]}},{"f":"\\u007d"}, {"g":2}]'
    for (let cut = 0; cut <= text.length; cut += 3) {
      const got: unknown[] = []
      const bad: string[] = []
      const s = new JsonArrayStream(
        (v, i) => got.push([i, v]),
        (m) => bad.push(m),
      )
      s.write(text.slice(0, cut))
      s.write(text.slice(cut))
      s.end()
      expect(got).toEqual([
        [0, { a: 1, t: 'x}y' }],
        [1, { c: '}' }],
        [2, { d: { e: [1, 2] } }],
        [3, { f: '}' }],
        [4, { g: 2 }],
      ])
      expect(bad.length).toBe(1)
      expect(bad[0]).toMatch(/^element 2 is not valid JSON \(/)
      expect(s.bad).toBe(1)
    }
  })

  it('HistoryCollector: one song per artist and title whatever the case, first spelling kept', () => {
    const c = new HistoryCollector()
    c.listen({ ts: 1, artist: 'Radiohead', title: 'Airbag' })
    c.listen({ ts: 2, artist: 'RADIOHEAD', title: 'airbag', id: 'spotify:track:1' })
    c.listen({ ts: 3, artist: 'Radiohead', title: 'Airbag', durationMs: 284_000 })
    c.listen({ ts: 4, artist: 'Radiohead', title: 'Reckoner', album: 'In Rainbows' })
    c.listen({ ts: 5, artist: 'RADIOHEAD', title: 'airbag', id: 'spotify:track:2' })
    expect([...c.song.subarray(0, c.length)]).toEqual([0, 0, 0, 1, 0])
    expect(c.songs).toEqual([
      { artist: 'Radiohead', title: 'Airbag', id: 'spotify:track:1', durationMs: 284_000 },
      { artist: 'Radiohead', title: 'Reckoner', album: 'In Rainbows' },
    ])
  })
})
