// Reads entries of a zip archive (ListenBrainz export) with node:zlib: the central directory names them, each streams through inflateRaw.
import { createReadStream } from 'node:fs'
import { open } from 'node:fs/promises'
import { Readable } from 'node:stream'
import { createInflateRaw } from 'node:zlib'

/** One file inside the archive. */
export interface ZipEntry {
  name: string
  /** 0 stored, 8 deflated. */
  method: number
  compressedSize: number
  size: number
  localHeaderOffset: number
}

const EOCD = 0x06054b50
const CENTRAL = 0x02014b50
const LOCAL = 0x04034b50

/** The archive's files (folders left out), from its central directory. */
export async function listZip(path: string): Promise<ZipEntry[]> {
  const fh = await open(path, 'r')
  try {
    const { size } = await fh.stat()
    const tail = Math.min(size, 22 + 65_535)
    const buf = Buffer.alloc(tail)
    await fh.read(buf, 0, tail, size - tail)
    let at = -1
    for (let i = tail - 22; i >= 0; i--) {
      if (buf.readUInt32LE(i) === EOCD) {
        at = i
        break
      }
    }
    if (at < 0) throw new Error(`${path}: not a zip archive (no end-of-directory record)`)
    const count = buf.readUInt16LE(at + 10)
    const cdSize = buf.readUInt32LE(at + 12)
    const cdOffset = buf.readUInt32LE(at + 16)
    if (count === 0xffff || cdOffset === 0xffffffff)
      throw new Error(
        `${path}: a ZIP64 archive (over 4 GB or 65,535 files) — unzip it and import the folder`,
      )
    const cd = Buffer.alloc(cdSize)
    await fh.read(cd, 0, cdSize, cdOffset)
    const out: ZipEntry[] = []
    let p = 0
    for (let n = 0; n < count && p + 46 <= cd.length; n++) {
      if (cd.readUInt32LE(p) !== CENTRAL) throw new Error(`${path}: damaged zip directory`)
      const flags = cd.readUInt16LE(p + 8)
      const method = cd.readUInt16LE(p + 10)
      const compressedSize = cd.readUInt32LE(p + 20)
      const uncompressed = cd.readUInt32LE(p + 24)
      const nameLen = cd.readUInt16LE(p + 28)
      const extraLen = cd.readUInt16LE(p + 30)
      const commentLen = cd.readUInt16LE(p + 32)
      const localHeaderOffset = cd.readUInt32LE(p + 42)
      const name = cd.toString(flags & 0x800 ? 'utf8' : 'latin1', p + 46, p + 46 + nameLen)
      p += 46 + nameLen + extraLen + commentLen
      if (name.endsWith('/')) continue
      out.push({ name, method, compressedSize, size: uncompressed, localHeaderOffset })
    }
    return out
  } finally {
    await fh.close()
  }
}

/** The entry's bytes as a stream (inflated when deflated). */
export async function openZipEntry(path: string, entry: ZipEntry): Promise<Readable> {
  if (entry.method !== 0 && entry.method !== 8)
    throw new Error(`${entry.name}: compression method ${entry.method} is not supported`)
  const fh = await open(path, 'r')
  const head = Buffer.alloc(30)
  try {
    await fh.read(head, 0, 30, entry.localHeaderOffset)
  } finally {
    await fh.close()
  }
  if (head.readUInt32LE(0) !== LOCAL) throw new Error(`${entry.name}: damaged zip entry`)
  const start = entry.localHeaderOffset + 30 + head.readUInt16LE(26) + head.readUInt16LE(28)
  if (entry.compressedSize === 0) return Readable.from([])
  const raw = createReadStream(path, { start, end: start + entry.compressedSize - 1 })
  if (entry.method === 0) return raw
  const inflate = createInflateRaw()
  raw.on('error', (e) => inflate.destroy(e))
  return raw.pipe(inflate)
}
