// Streams an XML property list into values, handing large sub-trees (library tracks, playlists) to callbacks instead of keeping them.
import type { XmlHandler } from './xml-tokenizer'

/** A plist value: dicts are prototype-free records, <data> becomes the string "<data>". */
export type PlistValue = string | number | boolean | PlistDict | PlistValue[]
export type PlistDict = { [key: string]: PlistValue }

/** Decides what happens to a finished value at `depth` under the top-level key `topKey`. */
export interface PlistSink {
  /**
   * Called when a dict or array closes at depth 3 (root dict = 1), e.g. one track under "Tracks" or
   * one playlist under "Playlists". Return true to consume it (it is then not kept in memory).
   */
  onDeepValue(topKey: string, value: PlistValue): boolean
}

interface Frame {
  kind: 'dict' | 'array' | 'ignored'
  tag: string
  dict?: PlistDict
  array?: PlistValue[]
  key?: string
  /** The root dict's key this frame lives under (depth ≥ 2). */
  topKey?: string
}

const SCALARS = new Set(['key', 'string', 'integer', 'real', 'date', 'data', 'true', 'false'])

/** An `XmlHandler` building plist values; `root` is the top-level dict once the document is read. */
export class PlistBuilder implements XmlHandler {
  root: PlistDict | undefined
  sawPlist = false
  /** Mis-nesting repaired along the way, as messages. */
  readonly warnings: string[] = []
  private readonly stack: Frame[] = []
  /** The open scalar element (scalars never nest, so one slot is enough), or ''. */
  private scalar = ''
  private scalarText = ''

  constructor(private readonly sink: PlistSink) {}

  open(name: string): void {
    if (this.scalar !== '') this.finishScalar() // a tag inside a scalar: the scalar ends here
    if (name === 'plist') {
      this.sawPlist = true
      return
    }
    if (SCALARS.has(name)) {
      this.scalar = name
      this.scalarText = ''
      return
    }
    const parent = this.stack[this.stack.length - 1]
    const topKey = this.stack.length === 1 ? this.stack[0].key : parent?.topKey
    if (name === 'dict')
      this.stack.push({ kind: 'dict', tag: name, dict: Object.create(null), topKey })
    else if (name === 'array') this.stack.push({ kind: 'array', tag: name, array: [], topKey })
    else this.stack.push({ kind: 'ignored', tag: name, topKey })
  }

  text(t: string): void {
    if (this.scalar !== '' && this.scalar !== 'data') this.scalarText += t
  }

  close(name: string): void {
    if (this.scalar !== '') {
      const matches = this.scalar === name
      this.finishScalar()
      if (matches) return
    }
    if (name === 'plist' || SCALARS.has(name)) return
    let at = this.stack.length - 1
    while (at >= 0 && this.stack[at].tag !== name) at--
    if (at < 0) {
      if (this.warnings.length < 20) this.warnings.push(`unexpected </${name}> — ignored`)
      return
    }
    if (at !== this.stack.length - 1 && this.warnings.length < 20) {
      this.warnings.push(
        `<${this.stack[this.stack.length - 1].tag}> closed by </${name}> — repaired`,
      )
    }
    while (this.stack.length - 1 > at) this.finish(this.stack.pop()!)
    this.finish(this.stack.pop()!)
  }

  private finishScalar(): void {
    const tag = this.scalar
    const text = this.scalarText
    this.scalar = ''
    this.scalarText = ''
    const parent = this.stack[this.stack.length - 1]
    if (tag === 'key') {
      if (parent?.kind === 'dict') parent.key = text
      return
    }
    this.attach(parent, scalarValue(tag, text))
  }

  private finish(frame: Frame): void {
    if (frame.kind === 'ignored') return
    const value = frame.kind === 'dict' ? frame.dict! : frame.array!
    const parent = this.stack[this.stack.length - 1]
    if (parent === undefined) {
      if (frame.kind === 'dict' && this.root === undefined) this.root = frame.dict
      return
    }
    // The finished frame was at depth 3 (root dict = 1) when two frames remain.
    if (this.stack.length === 2 && frame.topKey !== undefined) {
      if (this.sink.onDeepValue(frame.topKey, value)) return
    }
    this.attach(parent, value)
  }

  private attach(parent: Frame | undefined, value: PlistValue): void {
    if (parent?.kind === 'dict') {
      if (parent.key !== undefined) parent.dict![parent.key] = value
      parent.key = undefined
    } else if (parent?.kind === 'array') parent.array!.push(value)
  }
}

function scalarValue(tag: string, text: string): PlistValue {
  switch (tag) {
    case 'integer':
    case 'real': {
      const n = Number(text.trim())
      return Number.isFinite(n) ? n : 0
    }
    case 'true':
      return true
    case 'false':
      return false
    case 'data':
      return '<data>'
    default:
      return text
  }
}
