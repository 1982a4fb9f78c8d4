// Streams a JSON array of objects: each element is parsed on its own as soon as it is complete, so a file of hundreds of MB never sits in memory.

const NOT_JSON = Symbol('not JSON')

function tryParse(text: string): unknown {
  try {
    return JSON.parse(text)
  } catch {
    return NOT_JSON
  }
}

/** Incremental reader: `write` text chunks, then `end()`; `onValue` gets each element of the top-level array. */
export class JsonArrayStream {
  private state: 'before' | 'between' | 'element' | 'after' = 'before'
  private depth = 0
  private inString = false
  private escaped = false
  private pending = ''
  /** Characters seen so far (for error positions). */
  private offset = 0
  /** Elements that were not valid JSON (reported, then skipped). */
  bad = 0
  count = 0

  constructor(
    private readonly onValue: (value: unknown, index: number) => void,
    private readonly onBad: (message: string) => void = () => {},
  ) {}

  write(chunk: string): void {
    const n = chunk.length
    let start = this.state === 'element' ? 0 : -1
    // Inside strings the scan jumps from quote to quote (indexOf), minding backslashes.
    let nextBackslash = -1
    for (let i = 0; i < n; i++) {
      if (this.state === 'element' && this.inString) {
        if (this.escaped) {
          this.escaped = false
          continue
        }
        if (nextBackslash < i && nextBackslash !== n) {
          nextBackslash = chunk.indexOf('\\', i)
          if (nextBackslash < 0) nextBackslash = n
        }
        let quote = chunk.indexOf('"', i)
        if (quote < 0) quote = n
        if (nextBackslash < quote) {
          i = nextBackslash
          this.escaped = true
        } else if (quote < n) {
          i = quote
          this.inString = false
        } else i = n
        continue
      }
      const c = chunk.charCodeAt(i)
      if (this.state === 'element') {
        if (c === 34) this.inString = true
        else if (c === 123 /* { */ || c === 91 /* [ */) this.depth++
        else if (c === 125 /* } */ || c === 93 /* ] */) {
          if (--this.depth === 0) {
            this.emit(this.pending + chunk.slice(start, i + 1))
            this.pending = ''
            this.state = 'between'
          }
        }
        continue
      }
      if (c === 32 || c === 10 || c === 13 || c === 9 || c === 0xfeff) continue
      if (this.state === 'before') {
        if (c !== 91)
          throw new Error(
            `Not a JSON array: found "${String.fromCharCode(c)}" at character ${this.offset + i}`,
          )
        this.state = 'between'
      } else if (this.state === 'between') {
        if (c === 44 /* , */) continue
        if (c === 93) {
          this.state = 'after'
          continue
        }
        if (c !== 123 && c !== 91) {
          throw new Error(
            `JSON array element at character ${this.offset + i} is not an object or array`,
          )
        }
        // Fast path for an object: its text up to the next "}" is very likely the whole element (no
        // nested object or "}" in a string). When that text parses, it is exactly the element the
        // scan below would have found (valid JSON closes its outer brace at its end); otherwise the
        // element is scanned.
        if (c === 123) {
          const close = chunk.indexOf('}', i + 1)
          if (close > 0) {
            const value = tryParse(chunk.slice(i, close + 1))
            if (value !== NOT_JSON) {
              this.onValue(value, this.count++)
              i = close
              continue
            }
          }
        }
        this.state = 'element'
        this.depth = 1
        start = i
      }
      // 'after': trailing text is ignored
    }
    if (this.state === 'element') this.pending += chunk.slice(Math.max(0, start))
    this.offset += n
  }

  end(): void {
    if (this.state === 'before') throw new Error('Not a JSON array: the file is empty')
    if (this.state === 'element' || this.state === 'between') {
      this.onBad(
        `the file ends inside the array (cut short?) after ${this.count} element(s); kept those`,
      )
    }
    this.pending = ''
  }

  private emit(text: string): void {
    let value: unknown
    try {
      value = JSON.parse(text)
    } catch (e) {
      this.bad++
      this.onBad(`element ${this.count + this.bad} is not valid JSON (${(e as Error).message})`)
      return
    }
    this.onValue(value, this.count++)
  }
}

/** Splits text chunks into lines ("\n" or "\r\n"), calling `onLine` with each (the last one at `end`). */
export class LineStream {
  private rest = ''
  line = 0

  constructor(private readonly onLine: (line: string, lineNo: number) => void) {}

  write(chunk: string): void {
    let text = this.rest + chunk
    let from = 0
    for (;;) {
      const nl = text.indexOf('\n', from)
      if (nl < 0) break
      const end = nl > from && text.charCodeAt(nl - 1) === 13 ? nl - 1 : nl
      this.onLine(text.slice(from, end), ++this.line)
      from = nl + 1
    }
    text = text.slice(from)
    this.rest = text
  }

  end(): void {
    if (this.rest !== '') this.onLine(this.rest.replace(/\r$/, ''), ++this.line)
    this.rest = ''
  }
}
