// Where the window's page comes from, and which frames may use the trusted IPC: the dev server only in development, app://segue otherwise.
import { APP_INDEX_URL, APP_ORIGIN } from './renderer-files'

/**
 * electron-vite's dev server URL (ELECTRON_RENDERER_URL), honoured only when the app is not
 * packaged and only for a loopback http(s) URL: in an installed app that variable would hand the
 * trusted IPC to any page.
 */
export function devRendererUrl(
  isPackaged: boolean,
  env: Record<string, string | undefined>,
): string | null {
  const value = env.ELECTRON_RENDERER_URL
  if (isPackaged || !value) return null
  let url: URL
  try {
    url = new URL(value)
  } catch {
    return null
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return null
  if (!['localhost', '127.0.0.1', '[::1]'].includes(url.hostname)) return null
  return url.toString()
}

/** The URL the window loads. */
export function rendererUrl(devUrl: string | null): string {
  return devUrl ?? APP_INDEX_URL
}

/** True when a frame at `frameUrl` is the app's own page (same origin as what the window loads). */
export function isAppUrl(frameUrl: string, devUrl: string | null): boolean {
  const origin = originOf(frameUrl)
  if (origin === null) return false
  return origin === (devUrl ? originOf(devUrl) : APP_ORIGIN)
}

/** scheme://host[:port] — also for app:// (Node's URL gives custom schemes the origin "null"). */
function originOf(url: string): string | null {
  try {
    const u = new URL(url)
    return u.host ? `${u.protocol}//${u.host}` : null
  } catch {
    return null
  }
}
