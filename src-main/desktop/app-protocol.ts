// The app's two privileged schemes: app://segue/ serves the built UI (instead of file://) under the app's Content-Security-Policy; segue-media://track/<id> streams the user's own audio.
import { net, protocol } from 'electron'
import { Readable } from 'node:stream'
import { pathToFileURL } from 'node:url'
import { CONTENT_SECURITY_POLICY } from '../../src-shared/csp'
import type { RangeResponse } from '../core/media/serve-file-range'
import { APP_SCHEME, rendererFile } from './renderer-files'

export const MEDIA_SCHEME = 'segue-media'

/** Must run before the app is ready. */
export function registerAppSchemes(): void {
  protocol.registerSchemesAsPrivileged([
    {
      scheme: APP_SCHEME,
      privileges: { standard: true, secure: true, supportFetchAPI: true, codeCache: true },
    },
    {
      scheme: MEDIA_SCHEME,
      privileges: { standard: true, secure: true, stream: true, supportFetchAPI: true },
    },
  ])
}

/** Answers app:// requests with the files of `rendererDir` (MIME types from Chromium's file loader). */
export function serveApp(rendererDir: string): void {
  protocol.handle(APP_SCHEME, async (request) => {
    const file = rendererFile(rendererDir, request.url)
    if (!file) return new Response('Not found', { status: 404 })
    const answer = await net.fetch(pathToFileURL(file).toString()).catch(() => null)
    if (!answer || !answer.ok) return new Response('Not found', { status: 404 })
    const headers = new Headers(answer.headers)
    headers.set('Content-Security-Policy', CONTENT_SECURITY_POLICY)
    headers.set('X-Content-Type-Options', 'nosniff')
    return new Response(answer.body, { status: 200, headers })
  })
}

/** `segue-media://track/<id>`: audio of the user's own files, only from inside their library folders. */
export function serveMedia(
  media: (trackId: number, range: string | undefined) => Promise<RangeResponse> | null,
): void {
  protocol.handle(MEDIA_SCHEME, async (request) => {
    const url = new URL(request.url)
    const id = url.pathname.replace(/^\/+/, '')
    const answering = url.hostname === 'track' && /^\d+$/.test(id)
    const pending = answering ? media(Number(id), request.headers.get('range') ?? undefined) : null
    if (!pending) return new Response('Not found', { status: 404 })
    try {
      const answer = await pending
      const body = answer.stream ? (Readable.toWeb(answer.stream) as ReadableStream) : null
      return new Response(body, { status: answer.status, headers: answer.headers })
    } catch (e) {
      return new Response((e as Error).message, {
        status: (e as { status?: number }).status ?? 500,
      })
    }
  })
}
