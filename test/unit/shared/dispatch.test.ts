// The contract's runtime validation: bad arguments become clear 'bad-request' errors and never reach a handler.
import { describe, expect, it, vi } from 'vitest'
import type { Handlers, Result } from '../../../src-shared/contract'
import { requestNames, requests } from '../../../src-shared/contract'
import { AppError, checkedResult, dispatch } from '../../../src-shared/dispatch'

function handlers(overrides: Partial<Handlers> = {}): Handlers {
  const fail = async () => {
    throw new Error('not under test')
  }
  return Object.fromEntries(requestNames.map((n) => [n, overrides[n] ?? fail])) as Handlers
}

describe('dispatch', () => {
  it('validates, applies defaults and returns the result', async () => {
    const search = vi.fn(async () => [])
    const out = await dispatch(handlers({ 'songs.search': search }), 'songs.search', {
      query: ' abba ',
    })
    expect(out).toEqual({ ok: true, result: [] })
    expect(search).toHaveBeenCalledWith({ query: 'abba', limit: 20 })
  })

  it.each([
    ['missing field', 'similar.get', {}, 'key'],
    ['wrong type', 'similar.get', { key: 5 }, 'key'],
    ['out of range', 'similar.get', { key: 'a — b', topn: 100000 }, 'topn'],
    ['unknown field', 'training.start', { epochs: 3, evil: true }, 'evil'],
    ['empty query', 'songs.search', { query: '   ' }, 'Type at least one character'],
    ['not an object', 'jobs.cancel', 'x', ''],
  ])(
    'rejects %s with a bad-request error naming the problem',
    async (_label, name, args, mention) => {
      const handler = vi.fn()
      const out = await dispatch(handlers({ [name]: handler } as Partial<Handlers>), name, args)
      expect(out.ok).toBe(false)
      if (!out.ok) {
        expect(out.error.code).toBe('bad-request')
        expect(out.error.message).toContain(mention)
      }
      expect(handler).not.toHaveBeenCalled()
    },
  )

  it('rejects unknown request names, including prototype keys', async () => {
    for (const name of ['nope', 'constructor', '__proto__', 42]) {
      const out = await dispatch(handlers(), name, {})
      expect(out).toMatchObject({ ok: false, error: { code: 'unknown-request' } })
    }
  })

  it('passes AppError codes through and wraps other failures as internal', async () => {
    const notReady = await dispatch(
      handlers({
        'model.status': async () => {
          throw new AppError('not-ready', 'wait')
        },
      }),
      'model.status',
      {},
    )
    expect(notReady).toEqual({ ok: false, error: { code: 'not-ready', message: 'wait' } })
    const boom = await dispatch(handlers(), 'model.status', {})
    expect(boom).toMatchObject({
      ok: false,
      error: { code: 'internal', message: 'not under test' },
    })
  })

  it('checks results against the contract too', async () => {
    const out = await dispatch(
      handlers({ 'jobs.cancel': async () => ({ cancelled: 'yes' }) as never }),
      'jobs.cancel',
      { jobId: 'x' },
    )
    expect(out).toMatchObject({ ok: false, error: { code: 'internal' } })
  })

  it('declares a schema for every request name', () => {
    expect(Object.keys(requests).sort()).toEqual([...requestNames].sort())
  })

  it('passes a result checked once by checkedResult on as is, and refuses an invalid one', async () => {
    const info = checkedResult('jobs.list', [])
    const out = await dispatch(handlers({ 'jobs.list': async () => info }), 'jobs.list', {})
    expect(out.ok && out.result).toBe(info)
    expect(() => checkedResult('jobs.cancel', { cancelled: 'yes' })).toThrow()
    // Checked for one request, it is checked again when another returns it.
    const other = await dispatch(
      handlers({ 'mixes.list': async () => info as unknown as Result<'mixes.list'> }),
      'mixes.list',
      {},
    )
    expect(other.ok && other.result).not.toBe(info)
    // An unchecked result is still parsed (a new object).
    const fresh: never[] = []
    const parsed = await dispatch(handlers({ 'jobs.list': async () => fresh }), 'jobs.list', {})
    expect(parsed.ok && parsed.result).not.toBe(fresh)
  })

  it("checks every item of the Map view's long arrays", async () => {
    const view = {
      modelId: 'm',
      xy: [0, 1, 2, 3],
      keys: ['a — b', 'c — d'],
      labels: ['A — B', 'C — D'],
      cluster: [0, -1],
      owned: [true, false],
    }
    const ok = await dispatch(handlers({ 'map.get': async () => view }), 'map.get', {})
    expect(ok).toEqual({ ok: true, result: view })
    // Results a handler gets wrong (the types would not let it; a damaged cache file could).
    const wrong: unknown[] = [
      { ...view, xy: [0, 1, '2', 3] },
      { ...view, keys: ['a — b', null] },
      { ...view, owned: [true, 0] },
      { ...view, placed: 'no' },
    ]
    for (const bad of wrong) {
      const h = handlers({ 'map.get': async () => bad as Result<'map.get'> })
      const out = await dispatch(h, 'map.get', {})
      expect(out.ok, JSON.stringify(bad)).toBe(false)
    }
  })
})
