// The contract over loopback HTTP (requests) and a WebSocket (events), authorised by the per-run token from the URL.
import type { Bridge, Envelope, EventName } from '../../src-shared/contract'
import { BridgeError } from './error'

const TOKEN_KEY = 'segue.token'

export function httpBridge(location: Location): Bridge {
  const token = takeToken(location)
  const listeners = new Map<EventName, Set<(payload: unknown) => void>>()
  connectEvents(location, token, listeners)
  return {
    async request(name, args) {
      let response: Response
      try {
        response = await fetch(`/api/${encodeURIComponent(name)}`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
          body: JSON.stringify(args ?? {}),
        })
      } catch {
        throw new BridgeError(
          'offline',
          'Segue is not reachable — is `npm run serve` still running?',
        )
      }
      const envelope = (await response.json().catch(() => null)) as Envelope<never> | null
      if (!envelope)
        throw new BridgeError('internal', `Unexpected answer (${response.status}) from Segue`)
      if (!envelope.ok) throw new BridgeError(envelope.error.code, envelope.error.message)
      return envelope.result
    },
    on(name, listener) {
      const set = listeners.get(name) ?? new Set()
      set.add(listener as (payload: unknown) => void)
      listeners.set(name, set)
      return () => set.delete(listener as (payload: unknown) => void)
    },
  }
}

/** Reads the token once, keeps it for reloads of this tab, and removes it from the address bar. */
function takeToken(location: Location): string {
  const url = new URL(location.href)
  const fromUrl = url.searchParams.get('token')
  if (fromUrl) {
    sessionStorage.setItem(TOKEN_KEY, fromUrl)
    url.searchParams.delete('token')
    history.replaceState(null, '', url.pathname + url.search + url.hash)
    return fromUrl
  }
  return sessionStorage.getItem(TOKEN_KEY) ?? ''
}

function connectEvents(
  location: Location,
  token: string,
  listeners: Map<EventName, Set<(payload: unknown) => void>>,
): void {
  let delay = 500
  const open = () => {
    const scheme = location.protocol === 'https:' ? 'wss' : 'ws'
    const ws = new WebSocket(
      `${scheme}://${location.host}/events?token=${encodeURIComponent(token)}`,
    )
    ws.onopen = () => (delay = 500)
    ws.onmessage = (e) => {
      const { name, payload } = JSON.parse(String(e.data)) as { name: EventName; payload: unknown }
      for (const l of listeners.get(name) ?? []) l(payload)
    }
    ws.onclose = () => {
      setTimeout(open, delay)
      delay = Math.min(delay * 2, 10_000)
    }
  }
  open()
}
