// A small streaming XML tokenizer (tags, text, CDATA, entities; comments, PIs and DOCTYPE skipped) for XSPF and plist files.

/** Receives tokens in document order. */
export interface XmlHandler {
  /** A start tag (also called for self-closing tags, followed at once by `close`). */
  open(name: string, attrs: Record<string, string>): void
  /** An end tag. */
  close(name: string): void
  /** Character data with entities decoded; one text node may arrive in several calls. */
  text(text: string): void
}

/** Limits that keep a hostile or non-XML file from growing memory without bound. */
export interface XmlTokenizerOptions {
  /** Longest single markup token (tag, comment, DOCTYPE, CDATA) in characters; default 4 Mi. */
  maxMarkupLength?: number
}

const LT = 0x3c
const GT = 0x3e

/** Feed text with `write` (any chunking), then call `end`; errors are plain `Error`s saying what is wrong. */
export class XmlTokenizer {
  private buf = ''
  private pos = 0
  /** Characters dropped from the front of `buf` so far (for absolute positions in messages). */
  private dropped = 0
  /** The last text emitted ran to the end of the input so far (the next piece continues it). */
  private partialText = false
  private readonly maxMarkup: number

  constructor(
    private readonly handler: XmlHandler,
    options: XmlTokenizerOptions = {},
  ) {
    this.maxMarkup = options.maxMarkupLength ?? 4 * 1024 * 1024
  }

  write(chunk: string): void {
    this.dropped += this.pos
    this.buf = this.pos > 0 ? this.buf.slice(this.pos) + chunk : this.buf + chunk
    this.pos = 0
    this.drain(false)
  }

  end(): void {
    this.drain(true)
    this.buf = ''
    this.pos = 0
  }

  private drain(final: boolean): void {
    const buf = this.buf
    const h = this.handler
    for (;;) {
      const lt = buf.indexOf('<', this.pos)
      if (lt < 0) {
        // Emit the text so far, holding back a possibly split entity ("&am" + "p;") until more arrives.
        let safe = buf.length
        if (!final) {
          const amp = buf.lastIndexOf('&')
          if (amp >= this.pos && amp > buf.length - 12 && buf.indexOf(';', amp) < 0) safe = amp
        }
        if (safe > this.pos) {
          h.text(decodeEntities(buf.slice(this.pos, safe)))
          this.partialText = true
        }
        this.pos = safe
        return
      }
      if (lt > this.pos) {
        // Whitespace between tags (indentation) is not reported, unless it continues earlier text.
        if (this.partialText || !isBlank(buf, this.pos, lt))
          h.text(decodeEntities(buf.slice(this.pos, lt)))
        this.pos = lt
      }
      const end = this.markupEnd(buf, lt, final)
      if (end < 0) return // need more input
      this.partialText = false
      this.pos = end
    }
  }

  /** Handles the markup at `lt`; returns the index after it, or -1 when it is not complete yet. */
  private markupEnd(buf: string, lt: number, final: boolean): number {
    const h = this.handler
    const c1 = buf.charCodeAt(lt + 1)
    if (Number.isNaN(c1)) return this.incomplete(buf, lt, final, 'a "<" at the end of the file')
    if (buf.startsWith('<!--', lt)) {
      const close = buf.indexOf('-->', lt + 4)
      if (close < 0) return this.incomplete(buf, lt, final, 'an unterminated comment')
      return close + 3
    }
    if (buf.startsWith('<![CDATA[', lt)) {
      const close = buf.indexOf(']]>', lt + 9)
      if (close < 0) return this.incomplete(buf, lt, final, 'an unterminated CDATA section')
      h.text(buf.slice(lt + 9, close))
      return close + 3
    }
    if (c1 === 0x21 /* ! */ || c1 === 0x3f /* ? */) {
      const close = scanToGt(buf, lt + 2, c1 === 0x21)
      if (close < 0) return this.incomplete(buf, lt, final, 'an unterminated declaration')
      return close + 1
    }
    const isClose = c1 === 0x2f /* / */
    const nameStart = isClose ? lt + 2 : lt + 1
    if (!isNameStart(buf.charCodeAt(nameStart))) {
      if (nameStart >= buf.length && !final) return -1
      // A stray "<" in text: keep it as text.
      h.text('<')
      return lt + 1
    }
    const close = scanToGt(buf, nameStart, false)
    if (close === -2) {
      // "<" inside a tag ("<a <b>"): the first "<" was text.
      h.text('<')
      return lt + 1
    }
    if (close < 0) return this.incomplete(buf, lt, final, 'an unterminated tag')
    let nameEnd = nameStart
    while (nameEnd < close) {
      const c = buf.charCodeAt(nameEnd)
      if (c <= 0x20 || c === 0x2f) break
      nameEnd++
    }
    const name = buf.slice(nameStart, nameEnd)
    if (isClose) {
      h.close(name)
      return close + 1
    }
    const selfClosing = buf.charCodeAt(close - 1) === 0x2f && close - 1 >= nameEnd
    const attrEnd = selfClosing ? close - 1 : close
    h.open(name, attrEnd > nameEnd ? parseAttributes(buf.slice(nameEnd, attrEnd)) : NO_ATTRS)
    if (selfClosing) h.close(name)
    return close + 1
  }

  private incomplete(buf: string, lt: number, final: boolean, what: string): number {
    if (final) {
      throw new Error(
        `Malformed XML: ${what} (at character ${this.dropped + lt}) — the file is cut short or not XML`,
      )
    }
    if (buf.length - lt > this.maxMarkup) {
      throw new Error(
        `Malformed XML: ${what} longer than ${this.maxMarkup} characters — the file is not valid XML`,
      )
    }
    return -1
  }
}

const NO_ATTRS: Record<string, string> = Object.freeze({}) as Record<string, string>

function isBlank(buf: string, from: number, to: number): boolean {
  for (let i = from; i < to; i++) if (buf.charCodeAt(i) > 0x20) return false
  return true
}

/** Index of the ">" ending markup that starts at `from`, skipping quoted values (and [...] subsets in DOCTYPE). */
function scanToGt(buf: string, from: number, brackets: boolean): number {
  if (!brackets) {
    // Fast path: a plain tag without quotes or a stray "<" before its ">".
    const gt = buf.indexOf('>', from)
    if (gt < 0) return -1
    let plain = true
    for (let i = from; i < gt; i++) {
      const c = buf.charCodeAt(i)
      if (c === 0x22 || c === 0x27 || c === LT) {
        plain = false
        break
      }
    }
    if (plain) return gt
  }
  let quote = 0
  let depth = 0
  for (let i = from; i < buf.length; i++) {
    const c = buf.charCodeAt(i)
    if (quote !== 0) {
      if (c === quote) quote = 0
    } else if (c === 0x22 || c === 0x27) quote = c
    else if (brackets && c === 0x5b) depth++
    else if (brackets && c === 0x5d) depth = Math.max(0, depth - 1)
    else if (c === GT && depth === 0) return i
    else if (c === LT && !brackets) return -2 // "<" inside a tag: malformed, handled below
  }
  return -1
}

function isNameStart(c: number): boolean {
  return (
    (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a) || c === 0x5f || c === 0x3a || c > 0x7f
  )
}

const ATTR = /([^\s=/>]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+)))?/g

function parseAttributes(s: string): Record<string, string> {
  const out: Record<string, string> = {}
  if (s.trim() === '') return out
  ATTR.lastIndex = 0
  let m: RegExpExecArray | null
  while ((m = ATTR.exec(s)) !== null) {
    const value = m[2] ?? m[3] ?? m[4] ?? ''
    if (!Object.prototype.hasOwnProperty.call(out, m[1])) out[m[1]] = decodeEntities(value)
  }
  return out
}

const NAMED: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" }

/** Decodes the five XML entities and numeric references; unknown ones are left as written. */
export function decodeEntities(s: string): string {
  if (!s.includes('&')) return s
  return s.replace(/&(#x[0-9a-f]{1,8}|#[0-9]{1,10}|[a-z]{2,8});/gi, (whole, body: string) => {
    if (body[0] !== '#') return NAMED[body] ?? whole
    const code =
      body[1] === 'x' || body[1] === 'X' ? parseInt(body.slice(2), 16) : parseInt(body.slice(1), 10)
    if (
      !Number.isFinite(code) ||
      code <= 0 ||
      code > 0x10ffff ||
      (code >= 0xd800 && code <= 0xdfff)
    )
      return '\uFFFD'
    return String.fromCodePoint(code)
  })
}

/** The name without its namespace prefix ("xspf:track" → "track"). */
export function localName(name: string): string {
  const colon = name.lastIndexOf(':')
  return colon < 0 ? name : name.slice(colon + 1)
}
