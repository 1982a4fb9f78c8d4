// Where the <audio> element fetches one of the user's tracks: the app's media protocol in Electron, the token-guarded HTTP route in a browser.

/** The sessionStorage key under which bridge/http.ts keeps the per-run token. */
const TOKEN_KEY = 'segue.token'

/** Where the renderer runs: inside Electron (the preload API exists) or in a browser tab with its token. */
export interface MediaEnv {
  /** The Electron preload API is present. */
  electron: boolean
  /** The per-run token of the HTTP server (browser only). */
  token: string
}

function currentEnv(): MediaEnv {
  return { electron: !!window.segue, token: sessionStorage.getItem(TOKEN_KEY) ?? '' }
}

/** The URL that streams library track `trackId` (Range requests work on both). */
export function mediaUrl(trackId: number, env: MediaEnv = currentEnv()): string {
  if (!Number.isSafeInteger(trackId) || trackId <= 0) {
    throw new Error(`A library track id is a positive whole number, got ${trackId}`)
  }
  if (env.electron) return `segue-media://track/${trackId}`
  return `/media/${trackId}?token=${encodeURIComponent(env.token)}`
}
