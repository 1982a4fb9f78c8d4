// Turns playlist bytes into text whatever the encoding: a forced one, BOMs, the file's own declaration, UTF-8, UTF-16, a detected legacy code page.
import { analyse } from 'chardet'
import iconv from 'iconv-lite'

/** How the encoding was decided (shown in the import report). */
export type EncodingSource =
  'chosen' | 'bom' | 'declared' | 'utf-8' | 'utf-16' | 'detected' | 'default'

/** Decoded text and the encoding it was read in (lower-case WHATWG/iconv name, e.g. "windows-1251"). */
export interface DecodedText {
  text: string
  encoding: string
  /** How `encoding` was decided. */
  source: EncodingSource
}

/** Options for `decodeText`. */
export interface DecodeOptions {
  /** Decode in this encoding whatever the file says (the user's "re-import as …"). */
  encoding?: string
}

/** True when iconv-lite can decode `name`. */
export function isKnownEncoding(name: string): boolean {
  return iconv.encodingExists(name)
}

/**
 * Decodes bytes by, in order: an encoding the caller forces; a UTF-8 / UTF-16 BOM; the file's own
 * declaration (`#EXTENC:`, XML `encoding="…"`); a strictly valid UTF-8 body; a BOM-less UTF-16
 * body; a legacy code page detected by chardet when it is confident (Cyrillic, Greek, CJK…);
 * windows-1252 (the usual legacy encoding of Windows-made .m3u and .pls files). Binary content is
 * refused with an Error.
 */
export function decodeText(bytes: Uint8Array, options: DecodeOptions = {}): DecodedText {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength)
  if (options.encoding) {
    const enc = options.encoding.trim().toLowerCase()
    if (!iconv.encodingExists(enc)) throw new Error(`Unknown text encoding "${options.encoding}"`)
    return { text: stripBom(iconv.decode(buf, enc)), encoding: enc, source: 'chosen' }
  }
  if (buf.length >= 3 && buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf)
    return { text: buf.subarray(3).toString('utf8'), encoding: 'utf-8', source: 'bom' }
  if (buf.length >= 2 && buf[0] === 0xff && buf[1] === 0xfe)
    return { text: iconv.decode(buf.subarray(2), 'utf-16le'), encoding: 'utf-16le', source: 'bom' }
  if (buf.length >= 2 && buf[0] === 0xfe && buf[1] === 0xff)
    return { text: iconv.decode(buf.subarray(2), 'utf-16be'), encoding: 'utf-16be', source: 'bom' }
  const utf16 = sniffUtf16(buf)
  if (utf16) return { text: iconv.decode(buf, utf16), encoding: utf16, source: 'utf-16' }
  if (looksBinary(buf)) {
    throw new Error(
      'not a text file: it holds binary data (an image, audio or archive?), not a playlist',
    )
  }
  const declared = declaredEncoding(buf)
  if (declared) return { text: iconv.decode(buf, declared), encoding: declared, source: 'declared' }
  try {
    return {
      text: new TextDecoder('utf-8', { fatal: true }).decode(buf),
      encoding: 'utf-8',
      source: 'utf-8',
    }
  } catch {
    const detected = detectLegacy(buf)
    if (detected)
      return { text: iconv.decode(buf, detected), encoding: detected, source: 'detected' }
    return { text: decodeWindows1252(buf), encoding: 'windows-1252', source: 'default' }
  }
}

/** The encoding a playlist names itself: `#EXTENC:` (M3U) or `<?xml … encoding="…"?>`, when iconv knows it. */
export function declaredEncoding(bytes: Uint8Array): string | undefined {
  const head = Buffer.from(
    bytes.buffer,
    bytes.byteOffset,
    Math.min(bytes.byteLength, 4096),
  ).toString('latin1')
  const m =
    /^#EXTENC:[ \t]*([A-Za-z0-9_.:-]+)/m.exec(head) ??
    /^\s*<\?xml[^>]*\bencoding\s*=\s*["']([A-Za-z0-9_.:-]+)["']/.exec(head)
  if (!m) return undefined
  const name = m[1].toLowerCase()
  if (!iconv.encodingExists(name)) return undefined
  // A file that says UTF-8 but is not (a common lie) is handled by the UTF-8 check instead.
  if (name === 'utf-8' || name === 'utf8') return undefined
  return name
}

// Single-byte Western encodings chardet reports for short Latin text: windows-1252 covers them all.
const WESTERN = new Set(['iso-8859-1', 'iso-8859-15', 'windows-1252', 'ascii', 'utf-8'])

/**
 * A non-Western legacy encoding (Cyrillic, Greek, Hebrew, Arabic, CJK…) when the bytes do not read as
 * Western text: chardet's short-text guesses are unreliable among Latin code pages (it calls "Björk"
 * ISO-8859-2), so windows-1252 stays unless its reading is implausible — words made mostly of
 * accented letters ("Ãðàæäàíñêàÿ") — and then chardet's best non-Western candidate is taken.
 */
function detectLegacy(buf: Buffer): string | undefined {
  if (readsAsWestern(decodeWindows1252(buf))) return undefined
  for (const c of analyse(buf)) {
    if (c.confidence < 3) break
    const name = c.name.toLowerCase()
    if (WESTERN.has(name) || name.startsWith('utf-') || !iconv.encodingExists(name)) continue
    return name
  }
  return undefined
}

/** True when most words holding non-ASCII characters are mostly ASCII letters (as Western names are). */
export function readsAsWestern(text: string): boolean {
  let good = 0
  let bad = 0
  // eslint-disable-next-line no-control-regex -- "not ASCII" spans the control range on purpose
  for (const w of text.match(/\S*[^\u0000-\u007f]\S*/g) ?? []) {
    const letters = w.match(/\p{L}/gu)?.length ?? 0
    // eslint-disable-next-line no-control-regex -- as above
    const high = w.match(/[^\u0000-\u007f]/g)?.length ?? 0
    if (letters === 0 || high / Math.max(letters, 1) > 0.5) bad++
    else good++
  }
  return bad <= good
}

/** NUL bytes or many control characters outside a UTF-16 pattern mean binary data. */
function looksBinary(buf: Buffer): boolean {
  const n = Math.min(buf.length, 4096)
  let control = 0
  for (let i = 0; i < n; i++) {
    const b = buf[i]
    if (b === 0) return true
    if (b < 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0d && b !== 0x0c) control++
  }
  return n > 0 && control / n > 0.05
}

function stripBom(s: string): string {
  return s.charCodeAt(0) === 0xfeff ? s.slice(1) : s
}

// 0x80–0x9F of windows-1252 (0 = undefined there, kept as the C1 control of the same code).
const CP1252_HIGH = [
  0x20ac, 0, 0x201a, 0x0192, 0x201e, 0x2026, 0x2020, 0x2021, 0x02c6, 0x2030, 0x0160, 0x2039, 0x0152,
  0, 0x017d, 0, 0, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014, 0x02dc, 0x2122, 0x0161,
  0x203a, 0x0153, 0, 0x017e, 0x0178,
]

/**
 * windows-1252 decoding done here, because Node 20's TextDecoder('windows-1252') decodes as
 * ISO-8859-1 (it gets “smart quotes” and € wrong); undefined bytes stay C1 controls.
 */
export function decodeWindows1252(bytes: Uint8Array): string {
  const codes = new Array<number>(bytes.length)
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i]
    codes[i] = b >= 0x80 && b <= 0x9f ? CP1252_HIGH[b - 0x80] || b : b
  }
  let out = ''
  for (let i = 0; i < codes.length; i += 8192)
    out += String.fromCharCode(...codes.slice(i, i + 8192))
  return out
}

/** UTF-16 without BOM: ASCII-heavy text leaves every other byte zero. */
function sniffUtf16(bytes: Uint8Array): 'utf-16le' | 'utf-16be' | undefined {
  const n = Math.min(bytes.length, 4096) & ~1
  if (n < 8) return undefined
  let evenZero = 0
  let oddZero = 0
  for (let i = 0; i < n; i += 2) {
    if (bytes[i] === 0) evenZero++
    if (bytes[i + 1] === 0) oddZero++
  }
  const pairs = n / 2
  if (oddZero > pairs * 0.4 && evenZero < pairs * 0.05) return 'utf-16le'
  if (evenZero > pairs * 0.4 && oddZero < pairs * 0.05) return 'utf-16be'
  return undefined
}
