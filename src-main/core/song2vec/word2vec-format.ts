// Reads and writes the word2vec C tool's vector files (gensim's save/load_word2vec_format), text and binary.
import { open, readFile, rename, rm } from 'node:fs/promises'
import { endianness } from 'node:os'
import type { Song2VecModel } from './types'

/** Vectors read from a word2vec file. */
export interface Word2VecVectors {
  words: string[]
  dim: number
  /** Row-major, words.length × dim. */
  vectors: Float32Array
}

/** Options of `readWord2Vec`. */
export interface ReadWord2VecOptions {
  /** Undo the percent-encoding `writeWord2Vec` applies to keys (default true). */
  decodeKeys?: boolean
}

/**
 * Keys in these formats end at the first space (and text lines at a newline), so song keys are
 * percent-encoded on writing — "%" → %25, space → %20, tab → %09, newline → %0A, carriage return
 * → %0D, nothing else — and decoded on reading (`decodeKeys: false` reads a foreign file's keys
 * verbatim). A key with none of those characters is written as is.
 */
export function encodeKey(key: string): string {
  return key.replace(/[% \t\n\r]/g, (c) => ENCODE[c])
}

export function decodeKey(text: string): string {
  return text.replace(/%(25|20|09|0A|0D)/gi, (_, hex: string) =>
    String.fromCharCode(parseInt(hex, 16)),
  )
}

const ENCODE: Record<string, string> = {
  '%': '%25',
  ' ': '%20',
  '\t': '%09',
  '\n': '%0A',
  '\r': '%0D',
}

/**
 * Writes the model's input ("syn0") vectors to `path`: "N D\n" then one line per song, either
 * `key v1 … vD` (text, shortest decimal that reads back to the same float32) or `key` + space +
 * D little-endian float32 + "\n" (binary). Written to a temporary file, then renamed into place.
 */
export async function writeWord2Vec(
  model: Pick<Song2VecModel, 'vocab' | 'dim' | 'input'>,
  path: string,
  format: 'text' | 'binary',
): Promise<void> {
  if (format !== 'text' && format !== 'binary') {
    throw new Error(`word2vec format must be 'text' or 'binary', got ${JSON.stringify(format)}`)
  }
  const { vocab, dim, input } = model
  if (input.length !== vocab.length * dim) {
    throw new Error(
      `Cannot write word2vec vectors: input holds ${input.length} values, not ${vocab.length} × ${dim}`,
    )
  }
  if (format === 'binary' && endianness() !== 'LE')
    throw new Error('Binary word2vec files need a little-endian machine')
  const tmp = `${path}.${process.pid}.${Date.now()}.tmp`
  const handle = await open(tmp, 'w')
  try {
    const chunks = new ChunkWriter(handle)
    await chunks.write(Buffer.from(`${vocab.length} ${dim}\n`))
    for (let i = 0; i < vocab.length; i++) {
      const row = input.subarray(i * dim, (i + 1) * dim)
      if (format === 'binary') {
        await chunks.write(Buffer.from(`${encodeKey(vocab[i])} `, 'utf8'))
        await chunks.write(new Uint8Array(row.buffer, row.byteOffset, row.byteLength).slice())
        await chunks.write(NEWLINE)
      } else {
        let line = encodeKey(vocab[i])
        for (let d = 0; d < dim; d++) line += ' ' + formatFloat32(row[d])
        await chunks.write(Buffer.from(line + '\n', 'utf8'))
      }
    }
    await chunks.flush()
    await handle.sync()
  } catch (e) {
    await handle.close()
    await rm(tmp, { force: true })
    throw e
  }
  await handle.close()
  await rename(tmp, path)
}

/** Reads a word2vec file, text or binary (told apart by its first record). */
export async function readWord2Vec(
  path: string,
  opts: ReadWord2VecOptions = {},
): Promise<Word2VecVectors> {
  const buf = await readFile(path)
  const headerEnd = buf.indexOf(0x0a)
  const header = buf
    .subarray(0, headerEnd < 0 ? buf.length : headerEnd)
    .toString('utf8')
    .trim()
    .split(/\s+/)
  const count = Number(header[0])
  const dim = Number(header[1])
  if (
    headerEnd < 0 ||
    header.length !== 2 ||
    !Number.isInteger(count) ||
    count < 0 ||
    !Number.isInteger(dim) ||
    dim < 1
  ) {
    throw new Error(`${path}: not a word2vec file (the first line must be "<count> <dimensions>")`)
  }
  const decode = opts.decodeKeys ?? true
  const parsed = looksLikeText(buf, headerEnd + 1, dim)
    ? readText(buf, headerEnd + 1, count, dim, path)
    : readBinary(buf, headerEnd + 1, count, dim, path)
  return { ...parsed, words: decode ? parsed.words.map(decodeKey) : parsed.words, dim }
}

/** Shortest decimal that reads back to exactly this float32. */
export function formatFloat32(v: number): string {
  if (v === 0 || !Number.isFinite(v)) return String(v)
  for (let p = 6; p < 9; p++) {
    const s = v.toPrecision(p)
    if (Math.fround(Number(s)) === v) return trimZeros(s)
  }
  return trimZeros(v.toPrecision(9))
}

function trimZeros(s: string): string {
  return s.replace(/(\.\d*?)0+(?=e|$)/, '$1').replace(/\.(?=e|$)/, '')
}

/** The record after the header is text when it is a line of a key and `dim` numbers. */
function looksLikeText(buf: Buffer, start: number, dim: number): boolean {
  const end = buf.indexOf(0x0a, start)
  const line = buf
    .subarray(start, end < 0 ? buf.length : end)
    .toString('utf8')
    .trimEnd()
  const parts = line.split(' ')
  return (
    parts.length === dim + 1 && parts.slice(1).every((x) => x !== '' && !Number.isNaN(Number(x)))
  )
}

function readText(
  buf: Buffer,
  start: number,
  count: number,
  dim: number,
  path: string,
): Omit<Word2VecVectors, 'dim'> {
  const lines = buf.subarray(start).toString('utf8').split('\n')
  const words: string[] = []
  const vectors = new Float32Array(count * dim)
  let row = 0
  for (let n = 0; n < lines.length && row < count; n++) {
    const line = lines[n].trimEnd()
    if (line === '') continue
    const parts = line.split(' ')
    if (parts.length !== dim + 1) {
      throw new Error(
        `${path} line ${n + 2}: expected a key and ${dim} numbers, found ${parts.length - 1} numbers`,
      )
    }
    words.push(parts[0])
    for (let d = 0; d < dim; d++) {
      const x = Number(parts[d + 1])
      if (Number.isNaN(x) && parts[d + 1] !== 'NaN')
        throw new Error(`${path} line ${n + 2}: "${parts[d + 1]}" is not a number`)
      vectors[row * dim + d] = x
    }
    row++
  }
  if (row !== count)
    throw new Error(`${path}: the header announces ${count} vectors but the file has ${row}`)
  return { words, vectors }
}

function readBinary(
  buf: Buffer,
  start: number,
  count: number,
  dim: number,
  path: string,
): Omit<Word2VecVectors, 'dim'> {
  if (endianness() !== 'LE') throw new Error('Binary word2vec files need a little-endian machine')
  const words: string[] = []
  const vectors = new Float32Array(count * dim)
  const bytes = new Uint8Array(vectors.buffer)
  const rowBytes = dim * 4
  let at = start
  for (let row = 0; row < count; row++) {
    while (at < buf.length && buf[at] === 0x0a) at++ // the C tool's newline after each vector
    const space = buf.indexOf(0x20, at)
    if (space < 0 || space + 1 + rowBytes > buf.length) {
      throw new Error(
        `${path}: truncated binary word2vec file (vector ${row + 1} of ${count} is incomplete)`,
      )
    }
    words.push(buf.subarray(at, space).toString('utf8'))
    bytes.set(buf.subarray(space + 1, space + 1 + rowBytes), row * rowBytes)
    at = space + 1 + rowBytes
  }
  return { words, vectors }
}

const NEWLINE = Buffer.from('\n')

/** Buffers small writes into ~1 MiB file writes. */
class ChunkWriter {
  private parts: Uint8Array[] = []
  private size = 0
  constructor(private readonly handle: import('node:fs/promises').FileHandle) {}

  async write(bytes: Uint8Array): Promise<void> {
    this.parts.push(bytes)
    this.size += bytes.length
    if (this.size >= 1 << 20) await this.flush()
  }

  async flush(): Promise<void> {
    if (this.size === 0) return
    await this.handle.write(Buffer.concat(this.parts, this.size))
    this.parts = []
    this.size = 0
  }
}
