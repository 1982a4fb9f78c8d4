// Maps app://segue/<path> to a file of the built UI, refusing anything outside it (the app:// handler's only file-system access).
import { isAbsolute, join, normalize, relative } from 'node:path'

/** The UI's origin in the desktop app: a privileged standard scheme, so the page has no file:// origin. */
export const APP_SCHEME = 'app'
export const APP_HOST = 'segue'
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`
export const APP_INDEX_URL = `${APP_ORIGIN}/index.html`

/** The file under `rendererDir` that `url` names, or null (another host, a bad escape, a path leaving the folder). */
export function rendererFile(rendererDir: string, url: string): string | null {
  let parsed: URL
  try {
    parsed = new URL(url)
  } catch {
    return null
  }
  if (parsed.protocol !== `${APP_SCHEME}:` || parsed.host !== APP_HOST) return null
  let path: string
  try {
    path = decodeURIComponent(parsed.pathname)
  } catch {
    return null
  }
  if (path.includes('\0')) return null
  if (path === '/' || path === '') path = '/index.html'
  const file = normalize(join(rendererDir, path))
  const rel = relative(rendererDir, file)
  if (rel === '' || rel.startsWith('..') || isAbsolute(rel)) return null
  return file
}
