// One entry point for reading any playlist file: detects the format, decodes the text, streams large library files.
import { createReadStream } from 'node:fs'
import { open, readFile, stat } from 'node:fs/promises'
import { basename, extname } from 'node:path'
import { readCsv } from './csv'
import { decodeText } from './decode-text'
import { detectFormat } from './detect'
import { readItunesXml, readItunesXmlStream, type ItunesReadOptions } from './itunes'
import { readM3u } from './m3u'
import { readPls } from './pls'
import { readSpotifyJson } from './spotify'
import type { ParsedPlaylistFile, PlaylistFormat } from './types'
import { readXspf } from './xspf'

/** Options shared by the file readers. */
export interface ReadPlaylistOptions extends ItunesReadOptions {
  /** Force a format instead of detecting it. */
  format?: PlaylistFormat
}

/** Largest playlist file read into memory at once (library XML files are streamed whatever their size). */
const MAX_IN_MEMORY = 256 * 1024 * 1024

/** Reads bytes already in memory; `fileName` gives the default playlist name and the extension hint. */
export function readPlaylistBytes(
  bytes: Uint8Array,
  fileName: string,
  options: ReadPlaylistOptions = {},
): ParsedPlaylistFile {
  const { text, encoding } = decodeText(bytes)
  const format = options.format ?? detectFormat(fileName, text.slice(0, 8192))
  if (format === undefined) {
    throw new Error(
      `${basename(fileName)}: not a playlist format Segue reads (M3U/M3U8, PLS, XSPF, iTunes Library.xml, Spotify JSON, CSV)`,
    )
  }
  const name = defaultName(fileName)
  const file = parseText(format, text, name, options)
  if (encoding === 'windows-1252') file.warnings.unshift('not UTF-8: decoded as windows-1252')
  return file
}

/** Reads a playlist file from disk; iTunes / Music library files are parsed as a stream. */
export async function readPlaylistFile(
  path: string,
  options: ReadPlaylistOptions = {},
): Promise<ParsedPlaylistFile> {
  let size: number
  try {
    const st = await stat(path)
    if (!st.isFile()) throw new Error('not a regular file')
    size = st.size
  } catch (e) {
    throw new Error(`Cannot read playlist ${path}: ${(e as Error).message}`)
  }
  const head = await readHead(path, 8192)
  const format = options.format ?? detectFormat(path, decodeText(head).text)
  if (format === 'itunes-xml') {
    return readItunesXmlStream(createReadStream(path, { highWaterMark: 1 << 16 }), options)
  }
  if (size > MAX_IN_MEMORY) {
    throw new Error(
      `${path} is ${Math.round(size / 1048576)} MB — too large for a playlist file; is it the right file?`,
    )
  }
  return readPlaylistBytes(await readFile(path), path, { ...options, format })
}

function parseText(
  format: PlaylistFormat,
  text: string,
  name: string,
  options: ItunesReadOptions,
): ParsedPlaylistFile {
  switch (format) {
    case 'm3u':
      return single(format, readM3u(text, name))
    case 'pls':
      return single(format, readPls(text, name))
    case 'xspf':
      return single(format, readXspf(text, name))
    case 'csv':
      return single(format, readCsv(text, name))
    case 'itunes-xml':
      return readItunesXml(text, options)
    case 'spotify-json':
      return readSpotifyJson(text)
  }
}

function single(format: PlaylistFormat, p: ReturnType<typeof readM3u>): ParsedPlaylistFile {
  return { format, playlists: [p], warnings: [] }
}

function defaultName(fileName: string): string {
  const base = basename(fileName.replace(/\\/g, '/'))
  const ext = extname(base)
  return (ext ? base.slice(0, -ext.length) : base) || 'Playlist'
}

async function readHead(path: string, n: number): Promise<Uint8Array> {
  const fh = await open(path, 'r').catch((e: Error) => {
    throw new Error(`Cannot read playlist ${path}: ${e.message}`)
  })
  try {
    const buf = Buffer.alloc(n)
    const { bytesRead } = await fh.read(buf, 0, n, 0)
    return buf.subarray(0, bytesRead)
  } finally {
    await fh.close()
  }
}
