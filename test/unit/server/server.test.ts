// The loopback server: token required, Host checked, arguments validated, events pushed over the WebSocket, static files confined.
import { request as httpRequest } from 'node:http'
import { mkdtemp, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import WebSocket from 'ws'
import type { EventName, Handlers } from '../../../src-shared/contract'
import { requestNames } from '../../../src-shared/contract'
import { checkedResult } from '../../../src-shared/dispatch'
import { startServer, type RunningServer } from '../../../src-main/server/server'

let server: RunningServer
let emit: (name: EventName, payload: unknown) => void = () => {}

beforeAll(async () => {
  const staticDir = await mkdtemp(join(tmpdir(), 'segue-static-'))
  await writeFile(join(staticDir, 'index.html'), '<!doctype html><title>Segue</title>')
  const handlers = Object.fromEntries(
    requestNames.map((n) => [
      n,
      async () => {
        throw new Error(`${n} not under test`)
      },
    ]),
  ) as unknown as Handlers
  // A kept answer (checked once), as the Map view's handler returns it.
  const kept = checkedResult('jobs.list', [
    {
      id: 'j1',
      kind: 'cluster',
      title: 'Finding "clusters" — é',
      state: 'done',
      progress: 1,
      message: '',
      started: '2026-12-06T21:00:00Z',
    },
  ])
  handlers['jobs.list'] = async () => kept
  handlers['songs.search'] = async ({ query }) => [
    { key: 'a — b', artist: 'A', title: query, tags: [], owned: false, inModel: true },
  ]
  server = await startServer({
    handlers,
    staticDir,
    subscribe: (sink) => {
      emit = sink
      return () => (emit = () => {})
    },
  })
})
afterAll(() => server.close())

const api = (name: string, body: unknown, token: string | null = server.token) =>
  fetch(`http://127.0.0.1:${server.port}/api/${name}`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      ...(token ? { authorization: `Bearer ${token}` } : {}),
    },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  })

describe('server', () => {
  it('listens on 127.0.0.1 and prints a tokenised URL', () => {
    expect(server.url).toBe(`http://127.0.0.1:${server.port}/?token=${server.token}`)
    expect(server.token.length).toBeGreaterThanOrEqual(32)
  })

  it('sends a kept answer as the same JSON every time', async () => {
    const bodies = await Promise.all([1, 2].map(async () => (await api('jobs.list', {})).text()))
    expect(bodies[0]).toBe(bodies[1])
    expect(JSON.parse(bodies[0])).toEqual({
      ok: true,
      result: [expect.objectContaining({ id: 'j1', title: 'Finding "clusters" — é' })],
    })
  })

  it('answers a valid request', async () => {
    const res = await api('songs.search', { query: 'hey' })
    expect(res.status).toBe(200)
    expect(await res.json()).toMatchObject({ ok: true, result: [{ title: 'hey' }] })
  })

  it('rejects requests without or with a wrong token', async () => {
    expect((await api('songs.search', { query: 'x' }, null)).status).toBe(401)
    expect(
      (await api('songs.search', { query: 'x' }, 'x'.repeat(server.token.length))).status,
    ).toBe(401)
  })

  it('turns bad input into clear 4xx errors', async () => {
    const bad = await api('songs.search', { query: 42 })
    expect(bad.status).toBe(400)
    expect(await bad.json()).toMatchObject({
      ok: false,
      error: { code: 'bad-request', message: expect.stringContaining('query') },
    })
    const notJson = await api('songs.search', '{oops')
    expect(notJson.status).toBe(400)
    expect(((await notJson.json()) as { error: { message: string } }).error.message).toMatch(
      /not valid JSON/,
    )
    expect((await api('no.such', {})).status).toBe(404)
    const huge = await api('songs.search', JSON.stringify({ query: 'x'.repeat(2 << 20) }))
    expect(huge.status).toBe(400)
  })

  it('refuses foreign Host headers (DNS rebinding)', async () => {
    const status = await new Promise<number>((resolve, reject) => {
      const req = httpRequest(
        {
          host: '127.0.0.1',
          port: server.port,
          path: '/',
          headers: { host: `evil.example:${server.port}` },
        },
        (res) => resolve(res.statusCode ?? 0),
      )
      req.on('error', reject)
      req.end()
    })
    expect(status).toBe(421)
  })

  it('serves the UI with a strict CSP and nothing outside its folder', async () => {
    const page = await fetch(`http://127.0.0.1:${server.port}/`)
    expect(page.status).toBe(200)
    expect(page.headers.get('content-security-policy')).toContain("script-src 'self'")
    const escape = await fetch(`http://127.0.0.1:${server.port}/..%2F..%2Fetc%2Fpasswd`)
    expect(escape.status).toBe(404)
  })

  it('pushes events to authorised sockets only', async () => {
    const refused = new WebSocket(`ws://127.0.0.1:${server.port}/events`)
    await new Promise((resolve) => refused.on('error', resolve))
    const ws = new WebSocket(`ws://127.0.0.1:${server.port}/events?token=${server.token}`)
    await new Promise((resolve) => ws.on('open', resolve))
    const got = new Promise((resolve) => ws.on('message', (m) => resolve(JSON.parse(String(m)))))
    emit('model.changed', { id: 'm1' })
    expect(await got).toEqual({ name: 'model.changed', payload: { id: 'm1' } })
    ws.close()
  })
})
