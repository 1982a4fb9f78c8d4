// Normalises the many ways playlists spell a file: file:// URLs with percent escapes, Windows separators and drives, relative paths.
import { isAbsolute, resolve } from 'node:path'
import { decodeWindows1252 } from './decode-text'

const SCHEME = /^([a-z][a-z0-9+.-]+):/i

/**
 * A location as a playlist states it, made comparable: `file:` URLs become paths (percent escapes
 * decoded as UTF-8, else windows-1252; `localhost` dropped; `/C:/` → `C:/`), Windows separators
 * become "/", other URLs (http:, spotify:) are kept as they are. Blank input gives undefined.
 */
export function normalizeLocation(raw: string): string | undefined {
  let s = raw.trim()
  if (s.length >= 2 && s.startsWith('"') && s.endsWith('"')) s = s.slice(1, -1).trim()
  if (s === '') return undefined
  if (/^file:/i.test(s)) return fileUrlToPath(s)
  if (isUrl(s)) return s
  return windowsToSlashes(s)
}

/** True for `scheme:` strings other than a Windows drive letter. */
export function isUrl(location: string): boolean {
  return SCHEME.test(location)
}

/** True for "/x", "C:/x", "//server/share". */
export function isAbsoluteLocation(location: string): boolean {
  return location.startsWith('/') || /^[a-z]:\//i.test(location)
}

/** A local file path for a normalised location (relative ones against `baseDir`), or undefined for URLs. */
export function resolveLocation(location: string, baseDir: string): string | undefined {
  if (isUrl(location)) return undefined
  if (/^[a-z]:\//i.test(location))
    return process.platform === 'win32' ? resolve(location) : location
  if (isAbsolute(location)) return resolve(location)
  return resolve(baseDir, location)
}

/** The last `n` path components, lower-cased: how a moved library is recognised ("Artist/01 Song.mp3"). */
export function pathTail(path: string, n = 2): string {
  const parts = path
    .replace(/\\/g, '/')
    .split('/')
    .filter((p) => p !== '')
  return parts.slice(-n).join('/').toLowerCase()
}

function fileUrlToPath(url: string): string | undefined {
  let rest = url.slice(5)
  let host = ''
  if (rest.startsWith('//')) {
    rest = rest.slice(2)
    const slash = rest.indexOf('/')
    host = slash < 0 ? rest : rest.slice(0, slash)
    rest = slash < 0 ? '' : rest.slice(slash)
  }
  const hash = rest.search(/[?#]/)
  if (hash >= 0) rest = rest.slice(0, hash)
  let path = percentDecode(rest)
  path = windowsToSlashes(path)
  if (/^\/[a-z][:|](\/|$)/i.test(path)) path = `${path[1].toUpperCase()}:${path.slice(3) || '/'}`
  const h = percentDecode(host).toLowerCase()
  if (h !== '' && h !== 'localhost')
    path = `//${percentDecode(host)}${path.startsWith('/') ? '' : '/'}${path}`
  return path === '' ? undefined : path
}

function windowsToSlashes(s: string): string {
  const windowsish =
    /^[a-z]:\\/i.test(s) || s.startsWith('\\\\') || (s.includes('\\') && !s.includes('/'))
  let out = windowsish ? s.replace(/\\/g, '/') : s
  if (/^[a-z]:\//i.test(out)) out = out[0].toUpperCase() + out.slice(1)
  return out
}

/** Decodes %XX escapes as UTF-8 bytes (windows-1252 when they are not valid UTF-8); malformed escapes stay. */
export function percentDecode(s: string): string {
  if (!s.includes('%')) return s
  try {
    return decodeURIComponent(s) // the common case: well-formed UTF-8 escapes
  } catch {
    // malformed escapes or non-UTF-8 bytes: decode by hand below
  }
  const bytes: number[] = []
  const out: string[] = []
  const flush = () => {
    if (bytes.length === 0) return
    const b = Uint8Array.from(bytes)
    bytes.length = 0
    try {
      out.push(new TextDecoder('utf-8', { fatal: true }).decode(b))
    } catch {
      out.push(decodeWindows1252(b))
    }
  }
  for (let i = 0; i < s.length; i++) {
    const c = s[i]
    if (c === '%' && i + 2 < s.length && /^[0-9a-f]{2}$/i.test(s.slice(i + 1, i + 3))) {
      bytes.push(parseInt(s.slice(i + 1, i + 3), 16))
      i += 2
    } else {
      flush()
      out.push(c)
    }
  }
  flush()
  return out.join('')
}
