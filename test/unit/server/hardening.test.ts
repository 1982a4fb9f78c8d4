// Issue 15 over real sockets: malformed WebSocket frames, media stream errors and aborts, Origin,
// Content-Type and token rules, HEAD and malformed percent-encoding — the server keeps answering.
import { createHash, randomBytes } from 'node:crypto'
import { createReadStream, readdirSync } from 'node:fs'
import { mkdtemp, writeFile } from 'node:fs/promises'
import { request as httpRequest, type IncomingMessage } from 'node:http'
import { connect, type Socket } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import WebSocket from 'ws'
import type { EventName, Handlers } from '../../../src-shared/contract'
import { requestNames } from '../../../src-shared/contract'
import { serveFileRange } from '../../../src-main/core/media/serve-file-range'
import { startServer, type RunningServer } from '../../../src-main/server/server'

let server: RunningServer
let emit: (name: EventName, payload: unknown) => void = () => {}
let dir: string
let bigFile: string
/** Streams handed to the server by the media callback, to check what became of them. */
const handed: NodeJS.ReadableStream[] = []

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'segue-harden-'))
  await writeFile(join(dir, 'index.html'), '<!doctype html><title>Segue</title>')
  bigFile = join(dir, 'big.mp3')
  await writeFile(bigFile, randomBytes(4 << 20))
  const handlers = Object.fromEntries(
    requestNames.map((n) => [
      n,
      async () => {
        throw new Error(`${n} not under test`)
      },
    ]),
  ) as unknown as Handlers
  handlers['songs.search'] = async ({ query }) => [
    { key: 'a — b', artist: 'A', title: query, tags: [], owned: false, inModel: true },
  ]
  server = await startServer({
    handlers,
    staticDir: dir,
    subscribe: (sink) => {
      emit = sink
      return () => (emit = () => {})
    },
    media: async (trackId, range) => {
      // 1: a real file; 2: a directory (reading it fails with EISDIR after the headers are due).
      if (trackId === 1) {
        const r = await serveFileRange(bigFile, range)
        if (r.stream) handed.push(r.stream)
        return r
      }
      if (trackId === 2)
        return {
          status: 200,
          headers: { 'content-type': 'audio/mpeg' },
          stream: createReadStream(dir),
        }
      throw Object.assign(new Error('No such track'), { status: 404 })
    },
  })
})
afterAll(() => server.close())

const base = () => `http://127.0.0.1:${server.port}`
const json = { 'content-type': 'application/json' }
const bearer = () => ({ authorization: `Bearer ${server.token}` })

/** The server still answers a normal request. */
async function stillAnswers(): Promise<void> {
  const res = await fetch(`${base()}/api/songs.search`, {
    method: 'POST',
    headers: { ...json, ...bearer() },
    body: JSON.stringify({ query: 'alive' }),
  })
  expect(res.status).toBe(200)
}

function raw(
  path: string,
  opts: { method?: string; headers?: Record<string, string> } = {},
): Promise<{ status: number; body: Buffer; headers: IncomingMessage['headers'] }> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      {
        host: '127.0.0.1',
        port: server.port,
        path,
        method: opts.method ?? 'GET',
        headers: opts.headers,
        agent: false,
      },
      (res) => {
        const chunks: Buffer[] = []
        res.on('data', (c: Buffer) => chunks.push(c))
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            body: Buffer.concat(chunks),
            headers: res.headers,
          }),
        )
        res.on('error', reject)
      },
    )
    req.on('error', reject)
    req.end()
  })
}

/** Opens /events by hand and returns the raw socket after the 101 (frames are written by the test). */
function rawWebSocket(): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const socket = connect(server.port, '127.0.0.1')
    const key = randomBytes(16).toString('base64')
    socket.once('error', reject)
    socket.write(
      `GET /events?token=${server.token} HTTP/1.1\r\nHost: 127.0.0.1:${server.port}\r\n` +
        `Upgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: ${key}\r\n` +
        `Sec-WebSocket-Version: 13\r\n\r\n`,
    )
    let head = ''
    const onData = (d: Buffer) => {
      head += d.toString('latin1')
      if (head.includes('\r\n\r\n')) {
        socket.off('data', onData)
        if (!head.startsWith('HTTP/1.1 101')) reject(new Error(head))
        else {
          const accept = createHash('sha1')
            .update(key + '258EAFA5-E914-47DA-95CA-C5AB0DC85B11')
            .digest('base64')
          expect(head).toContain(accept)
          resolve(socket)
        }
      }
    }
    socket.on('data', onData)
  })
}

/** A client frame: FIN + opcode, masked unless told otherwise. */
function frame(opcode: number, payload: Buffer, masked = true): Buffer {
  const len = payload.length
  const header: number[] = [0x80 | opcode]
  const m = masked ? 0x80 : 0
  if (len < 126) header.push(m | len)
  else if (len < 65536) header.push(m | 126, len >> 8, len & 255)
  else {
    header.push(m | 127, 0, 0, 0, 0)
    header.push((len >>> 24) & 255, (len >>> 16) & 255, (len >>> 8) & 255, len & 255)
  }
  if (!masked) return Buffer.concat([Buffer.from(header), payload])
  const mask = randomBytes(4)
  const body = Buffer.from(payload)
  for (let i = 0; i < body.length; i++) body[i] ^= mask[i & 3]
  return Buffer.concat([Buffer.from(header), mask, body])
}

const closed = (socket: Socket) =>
  new Promise<void>((resolve) => {
    if (socket.destroyed) return resolve()
    socket.on('close', () => resolve())
    socket.resume()
  })

const openFds = () => readdirSync('/proc/self/fd').length

describe('malformed WebSocket frames close only that socket (item 1)', () => {
  const cases: [string, () => Buffer][] = [
    ['a 1 MiB frame', () => frame(0x1, Buffer.alloc(1 << 20, 0x61))],
    ['invalid UTF-8 text', () => frame(0x1, Buffer.from([0xff, 0xfe, 0xc0, 0x80]))],
    ['an unmasked client frame', () => frame(0x1, Buffer.from('hello'), false)],
    ['a reserved opcode', () => frame(0x3, Buffer.from('x'))],
  ]
  for (const [name, make] of cases) {
    it(`${name}: that socket closes, another socket still gets events, the API answers`, async () => {
      const bystander = new WebSocket(`ws://127.0.0.1:${server.port}/events?token=${server.token}`)
      await new Promise((resolve) => bystander.on('open', resolve))
      const bad = await rawWebSocket()
      const done = closed(bad)
      bad.write(make())
      await done
      const got = new Promise((resolve) =>
        bystander.on('message', (m) => resolve(JSON.parse(String(m)))),
      )
      emit('model.changed', { id: name })
      expect(await got).toEqual({ name: 'model.changed', payload: { id: name } })
      bystander.close()
      await stillAnswers()
    })
  }
})

describe('media stream errors and aborts (items 2, 3, 7)', () => {
  it('a stream that fails (EISDIR) after the headers cuts that connection; the server keeps answering', async () => {
    const outcome = await raw(`/media/2?token=${server.token}`).then(
      (r) => `status ${r.status}`,
      (e: Error) => e.message,
    )
    // The 200 headers are out when the read fails, so the only honest answer is closing the socket.
    expect(outcome).toMatch(/socket hang up|aborted|ECONNRESET|status 500/)
    await stillAnswers()
  })

  it('1,000 aborted media requests leave the open-fd count where it started', async () => {
    // Warm up (lazy handles of the HTTP client and server) before counting.
    await raw(`/media/1?token=${server.token}`, { headers: { range: 'bytes=0-99' } })
    const before = openFds()
    const abortOne = (i: number) =>
      new Promise<void>((resolve) => {
        const req = httpRequest(
          {
            host: '127.0.0.1',
            port: server.port,
            path: `/media/1?token=${server.token}`,
            headers: { range: `bytes=${(i * 4096) % (1 << 20)}-` },
            agent: false,
          },
          (res) => {
            // Headers came (the file is open on the server side): abort, as a seeking <audio> does.
            res.once('data', () => {
              req.destroy()
              resolve()
            })
          },
        )
        req.on('error', () => resolve())
        req.end()
      })
    for (let batch = 0; batch < 20; batch++)
      await Promise.all(Array.from({ length: 50 }, (_, j) => abortOne(batch * 50 + j)))
    // The server closes its side asynchronously: wait for the count to come back (never assert on time).
    let after = openFds()
    for (let i = 0; i < 200 && after > before; i++) {
      await new Promise((r) => setTimeout(r, 50))
      after = openFds()
    }
    console.info(`1,000 aborted media requests: open fds ${before} before, ${after} after`)
    expect(handed.length).toBeGreaterThanOrEqual(1000)
    expect(after).toBeLessThanOrEqual(before)
    await stillAnswers()
  })

  it('HEAD answers the headers only and does not read the file', async () => {
    const count = handed.length
    const res = await raw(`/media/1?token=${server.token}`, { method: 'HEAD' })
    expect(res.status).toBe(200)
    expect(res.headers['content-length']).toBe(String(4 << 20))
    expect(res.body.length).toBe(0)
    const stream = handed[count] as NodeJS.ReadableStream & {
      bytesRead?: number
      destroyed?: boolean
    }
    if (stream) {
      await new Promise((r) => setTimeout(r, 20))
      expect(stream.bytesRead ?? 0).toBe(0)
      expect(stream.destroyed).toBe(true)
    }
  })
})

describe('cross-origin rules (item 4)', () => {
  const post = (headers: Record<string, string>, path = '/api/songs.search') =>
    new Promise<number>((resolve, reject) => {
      const req = httpRequest(
        { host: '127.0.0.1', port: server.port, path, method: 'POST', headers, agent: false },
        (res) => {
          res.resume()
          resolve(res.statusCode ?? 0)
        },
      )
      req.on('error', reject)
      req.end(JSON.stringify({ query: 'x' }))
    })

  it('refuses API calls from another origin, even with the token', async () => {
    expect(await post({ ...json, ...bearer(), origin: 'https://evil.example' })).toBe(403)
    expect(await post({ ...json, ...bearer(), origin: 'null' })).toBe(403)
    expect(await post({ ...json, ...bearer(), origin: `http://127.0.0.1:${server.port}` })).toBe(
      200,
    )
    expect(await post({ ...json, ...bearer() })).toBe(200)
  })

  it('requires Content-Type: application/json (a text/plain form post is refused)', async () => {
    expect(await post({ 'content-type': 'text/plain', ...bearer() })).toBe(415)
    expect(await post({ ...bearer() })).toBe(415)
    expect(await post({ 'content-type': 'application/json; charset=utf-8', ...bearer() })).toBe(200)
  })

  it('takes the /api token from the Authorization header only, never ?token=', async () => {
    expect(await post(json, `/api/songs.search?token=${server.token}`)).toBe(401)
  })

  it('refuses a WebSocket upgrade from another origin', async () => {
    const foreign = new WebSocket(`ws://127.0.0.1:${server.port}/events?token=${server.token}`, {
      origin: 'https://evil.example',
    })
    const outcome = await new Promise<string>((resolve) => {
      foreign.on('open', () => resolve('open'))
      foreign.on('error', () => resolve('refused'))
    })
    expect(outcome).toBe('refused')
    const own = new WebSocket(`ws://127.0.0.1:${server.port}/events?token=${server.token}`, {
      origin: `http://127.0.0.1:${server.port}`,
    })
    await new Promise((resolve) => own.on('open', resolve))
    own.close()
  })
})

describe('malformed percent-encoding is a 400 (item 8)', () => {
  for (const path of ['/%', '/api/%', '/%E0%A4%A', '/media/%']) {
    it(path, async () => {
      const res = await raw(path, { headers: bearer() })
      expect(res.status).toBe(400)
      expect(JSON.parse(res.body.toString()).error.code).toBe('bad-request')
    })
  }
  it('/api/% as a proper POST is a 400 too', async () => {
    const status = await new Promise<number>((resolve, reject) => {
      const req = httpRequest(
        {
          host: '127.0.0.1',
          port: server.port,
          path: '/api/%',
          method: 'POST',
          headers: { ...json, ...bearer() },
          agent: false,
        },
        (res) => {
          res.resume()
          resolve(res.statusCode ?? 0)
        },
      )
      req.on('error', reject)
      req.end('{}')
    })
    expect(status).toBe(400)
    await stillAnswers()
  })
})

describe('unparsable request targets', () => {
  it('an upgrade to a target URL cannot parse closes that socket; the server keeps answering', async () => {
    const socket = connect(server.port, '127.0.0.1')
    const done = closed(socket)
    socket.write(
      `GET //[ HTTP/1.1\r\nHost: 127.0.0.1:${server.port}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n` +
        `Sec-WebSocket-Key: ${randomBytes(16).toString('base64')}\r\nSec-WebSocket-Version: 13\r\n\r\n`,
    )
    await done
    const res = await raw('//[')
    expect(res.status).toBe(400)
    await stillAnswers()
  })
})
