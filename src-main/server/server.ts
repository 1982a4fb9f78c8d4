// The contract over loopback HTTP + WebSocket (headless `serve` and the e2e tests): 127.0.0.1 only, a per-run token.
import { randomBytes, timingSafeEqual } from 'node:crypto'
import { createReadStream } from 'node:fs'
import { stat } from 'node:fs/promises'
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { extname, join, normalize, sep } from 'node:path'
import { WebSocketServer, type WebSocket } from 'ws'
import { eventNames, type EventName, type Handlers } from '../../src-shared/contract'
import { dispatch, isCheckedResult } from '../../src-shared/dispatch'
import { CONTENT_SECURITY_POLICY } from '../../src-shared/csp'

export interface ServerOptions {
  handlers: Handlers
  /** Subscribes to core events; returns an unsubscribe function. */
  subscribe: (sink: (name: EventName, payload: unknown) => void) => () => void
  /** The built renderer (index.html and assets). */
  staticDir: string
  /** Audio of a library track for the player (`GET /media/<trackId>`, Range requests); absent: 404. */
  media?: (trackId: number, range: string | undefined) => Promise<MediaResponse>
  port?: number
  token?: string
}

export interface MediaResponse {
  status: number
  headers: Record<string, string>
  stream: NodeJS.ReadableStream | null
}

export interface RunningServer {
  url: string
  port: number
  token: string
  close(): Promise<void>
}

const MAX_BODY = 1 << 20
const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.json': 'application/json',
  '.woff2': 'font/woff2',
}

export async function startServer(options: ServerOptions): Promise<RunningServer> {
  const token = options.token ?? randomBytes(24).toString('base64url')
  const tokenBytes = Buffer.from(token)
  let port = 0
  /** `allowQuery`: `<audio src>` and `new WebSocket()` cannot send headers, so /media and /events may carry `?token=`; /api never. */
  const authorised = (req: IncomingMessage, allowQuery: boolean): boolean => {
    const header = req.headers.authorization ?? ''
    let fromQuery = ''
    if (allowQuery) {
      try {
        fromQuery = new URL(req.url ?? '/', 'http://x').searchParams.get('token') ?? ''
      } catch {
        fromQuery = ''
      }
    }
    const given = Buffer.from(header.startsWith('Bearer ') ? header.slice(7) : fromQuery)
    return given.length === tokenBytes.length && timingSafeEqual(given, tokenBytes)
  }
  // Only the app's own pages (or no Origin at all: the CLI, curl) may call the API or open /events.
  const originAllowed = (req: IncomingMessage) => {
    const origin = req.headers.origin
    return (
      origin === undefined ||
      origin === `http://127.0.0.1:${port}` ||
      origin === `http://localhost:${port}`
    )
  }
  // Refuse other Host headers so a web page cannot reach the API through DNS rebinding.
  const hostAllowed = (req: IncomingMessage) =>
    req.headers.host === `127.0.0.1:${port}` || req.headers.host === `localhost:${port}`

  const server = createServer((req, res) => {
    void handle(req, res).catch((e) => {
      if (res.headersSent) res.destroy()
      else send(res, 500, { ok: false, error: { code: 'internal', message: String(e) } })
    })
  })
  // A client that misbehaves at the socket level loses its connection, never the process.
  server.on('clientError', (_e, socket) => socket.destroy())

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (!hostAllowed(req))
      return send(res, 421, { ok: false, error: { code: 'bad-request', message: 'Wrong Host' } })
    const url = requestUrl(req)
    const pathname = url ? decodePath(url.pathname) : null
    if (!url || pathname === null)
      return send(res, 400, {
        ok: false,
        error: { code: 'bad-request', message: 'Malformed request path (bad percent-encoding?)' },
      })
    if (url.pathname.startsWith('/api/')) {
      if (req.method !== 'POST')
        return send(res, 405, { ok: false, error: { code: 'bad-request', message: 'Use POST' } })
      if (!originAllowed(req))
        return send(res, 403, {
          ok: false,
          error: { code: 'bad-request', message: 'Requests from other web pages are refused' },
        })
      if (!/^application\/json\s*(;|$)/i.test(req.headers['content-type'] ?? ''))
        return send(res, 415, {
          ok: false,
          error: {
            code: 'bad-request',
            message: 'Send the body as Content-Type: application/json',
          },
        })
      if (!authorised(req, false))
        return send(res, 401, {
          ok: false,
          error: {
            code: 'bad-request',
            message: 'Missing or wrong token — open the URL printed by `npm run serve`',
          },
        })
      let body: unknown
      try {
        body = await readJson(req)
      } catch (e) {
        // The body may be half read: close this connection rather than reuse it.
        res.setHeader('connection', 'close')
        return send(res, 400, {
          ok: false,
          error: { code: 'bad-request', message: (e as Error).message },
        })
      }
      const envelope = await dispatch(options.handlers, pathname.slice(5), body)
      const status = envelope.ok
        ? 200
        : envelope.error.code === 'internal'
          ? 500
          : envelope.error.code === 'unknown-request' || envelope.error.code === 'not-found'
            ? 404
            : envelope.error.code === 'conflict'
              ? 409
              : envelope.error.code === 'not-ready'
                ? 503
                : 400
      if (envelope.ok && isCheckedResult(envelope.result))
        return sendJson(res, 200, `{"ok":true,"result":${jsonOf(envelope.result)}}`)
      return send(res, status, envelope)
    }
    if (req.method !== 'GET' && req.method !== 'HEAD')
      return send(res, 405, {
        ok: false,
        error: { code: 'bad-request', message: 'Method not allowed' },
      })
    if (url.pathname.startsWith('/media/')) {
      if (!authorised(req, true))
        return send(res, 401, {
          ok: false,
          error: { code: 'bad-request', message: 'Missing or wrong token' },
        })
      return serveMedia(url.pathname.slice(7), req, res)
    }
    return serveStatic(options.staticDir, pathname, req.method === 'HEAD', res)
  }

  async function serveMedia(id: string, req: IncomingMessage, res: ServerResponse): Promise<void> {
    const trackId = Number(id)
    if (!options.media || !/^\d+$/.test(id))
      return send(res, 404, { ok: false, error: { code: 'not-found', message: 'No such track' } })
    let answer: MediaResponse
    try {
      answer = await options.media(trackId, req.headers.range)
    } catch (e) {
      const status = (e as { status?: number }).status ?? 500
      return send(res, status, {
        ok: false,
        error: {
          code: status === 404 ? 'not-found' : 'bad-request',
          message: (e as Error).message,
        },
      })
    }
    const stream = answer.stream as (NodeJS.ReadableStream & { destroy?: () => void }) | null
    // The stream's fd is released whatever happens: aborted (a seeking <audio>), finished, or failed.
    const release = () => stream?.destroy?.()
    if (req.method === 'HEAD' || !stream) {
      release()
      res.writeHead(answer.status, {
        ...answer.headers,
        'x-content-type-options': 'nosniff',
        'cache-control': 'no-store',
      })
      res.end()
      return
    }
    res.once('close', release)
    stream.once('error', (e: Error) => {
      release()
      if (res.headersSent) res.destroy()
      else
        send(res, 500, {
          ok: false,
          error: { code: 'internal', message: `The file cannot be read (${errorCode(e)})` },
        })
    })
    res.writeHead(answer.status, {
      ...answer.headers,
      'x-content-type-options': 'nosniff',
      'cache-control': 'no-store',
    })
    stream.pipe(res)
  }

  const wss = new WebSocketServer({ noServer: true, maxPayload: 4096 })
  const sockets = new Set<WebSocket>()
  server.on('upgrade', (req, socket, head) => {
    const url = requestUrl(req)
    socket.on('error', () => socket.destroy())
    if (
      url?.pathname !== '/events' ||
      !hostAllowed(req) ||
      !originAllowed(req) ||
      !authorised(req, true)
    ) {
      socket.end('HTTP/1.1 401 Unauthorized\r\nConnection: close\r\n\r\n')
      socket.destroy()
      return
    }
    wss.handleUpgrade(req, socket, head, (ws) => {
      sockets.add(ws)
      // A malformed frame (too big, invalid UTF-8, unmasked) closes this socket only.
      ws.on('error', () => ws.terminate())
      ws.on('close', () => sockets.delete(ws))
      ws.on('message', () =>
        ws.close(1008, 'This socket only carries events; send requests over POST /api/'),
      )
    })
  })
  const unsubscribe = options.subscribe((name, payload) => {
    if (!eventNames.includes(name)) return
    const data = JSON.stringify({ name, payload })
    for (const ws of sockets) if (ws.readyState === ws.OPEN) ws.send(data)
  })

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve())
  })
  port = (server.address() as AddressInfo).port
  return {
    port,
    token,
    url: `http://127.0.0.1:${port}/?token=${token}`,
    close: async () => {
      unsubscribe()
      for (const ws of sockets) ws.terminate()
      wss.close()
      await new Promise<void>((resolve) => server.close(() => resolve()))
    },
  }
}

/** The request target as a URL, or null when it cannot be parsed (an `upgrade` listener must never throw). */
function requestUrl(req: IncomingMessage): URL | null {
  try {
    return new URL(req.url ?? '/', 'http://127.0.0.1')
  } catch {
    return null
  }
}

/** The percent-decoded path, or null for malformed encoding (`/%`, `/%E0%A4%A`). */
function decodePath(path: string): string | null {
  try {
    return decodeURIComponent(path)
  } catch {
    return null
  }
}

function errorCode(e: Error): string {
  return (e as NodeJS.ErrnoException).code ?? e.message
}

/** JSON of results a handler keeps and returns many times (see `checkedResult`): serialised once. */
const jsonOfKept = new WeakMap<object, string>()
function jsonOf(result: object): string {
  let json = jsonOfKept.get(result)
  if (json === undefined) jsonOfKept.set(result, (json = JSON.stringify(result)))
  return json
}

function send(res: ServerResponse, status: number, body: unknown): void {
  sendJson(res, status, JSON.stringify(body))
}

function sendJson(res: ServerResponse, status: number, data: string): void {
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'cache-control': 'no-store',
    'x-content-type-options': 'nosniff',
  })
  res.end(data)
}

async function readJson(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = []
  let size = 0
  for await (const chunk of req) {
    size += (chunk as Buffer).length
    if (size > MAX_BODY) throw new Error('Request body too large (limit 1 MB)')
    chunks.push(chunk as Buffer)
  }
  const text = Buffer.concat(chunks).toString('utf8')
  if (text.trim() === '') return {}
  try {
    return JSON.parse(text)
  } catch {
    throw new Error('Request body is not valid JSON')
  }
}

/** `pathname` is already percent-decoded (once: decoding twice would turn `%252e` into `.`). */
async function serveStatic(
  root: string,
  pathname: string,
  headOnly: boolean,
  res: ServerResponse,
): Promise<void> {
  const rel = pathname === '/' ? 'index.html' : pathname.replace(/^\/+/, '')
  const file = normalize(join(root, rel))
  if (!file.startsWith(normalize(root) + sep))
    return send(res, 404, { ok: false, error: { code: 'not-found', message: 'Not found' } })
  try {
    const info = await stat(file)
    if (!info.isFile()) throw new Error('not a file')
  } catch {
    return send(res, 404, {
      ok: false,
      error: {
        code: 'not-found',
        message: `Not found: ${pathname} (is the renderer built? run \`npm run build\`)`,
      },
    })
  }
  res.writeHead(200, {
    'content-type': TYPES[extname(file)] ?? 'application/octet-stream',
    'content-security-policy': CONTENT_SECURITY_POLICY,
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'no-referrer',
    'cache-control': extname(file) === '.html' ? 'no-store' : 'max-age=3600',
  })
  if (headOnly) {
    res.end()
    return
  }
  const stream = createReadStream(file)
  stream.on('error', () => res.destroy())
  res.once('close', () => stream.destroy())
  stream.pipe(res)
}
