// One entry point for reading any playlist file: detects the format, decodes the text, streams large library files.
import { createReadStream } from 'node:fs'
import { open, readFile, realpath, stat } from 'node:fs/promises'
import { basename, dirname, extname } from 'node:path'
import { readCsv } from './csv'
import { decodeText } from './decode-text'
import { detectFormat } from './detect'
import { readItunesXml, readItunesXmlStream, type ItunesReadOptions } from './itunes'
import { isUrl, resolveLocation } from './location'
import { readM3u } from './m3u'
import { readPls } from './pls'
import { readSpotifyJson } from './spotify'
import type { ParsedPlaylistFile, PlaylistEntry, PlaylistFormat } from './types'
import { readXspf } from './xspf'

/** Options shared by the file readers. */
export interface ReadPlaylistOptions extends ItunesReadOptions {
  /** Force a format instead of detecting it. */
  format?: PlaylistFormat
  /** Read the text in this encoding (e.g. "windows-1251") instead of detecting it: "re-import as…". */
  encoding?: string
}

/** How deep playlists that list playlists are followed (parent → child → grandchild … ). */
export const MAX_NESTING = 8

const NESTED = /\.(m3u8?|pls|xspf)$/i

/** Largest playlist file read into memory at once (library XML files are streamed whatever their size). */
const MAX_IN_MEMORY = 256 * 1024 * 1024

/** Reads bytes already in memory; `fileName` gives the default playlist name and the extension hint. */
export function readPlaylistBytes(
  bytes: Uint8Array,
  fileName: string,
  options: ReadPlaylistOptions = {},
): ParsedPlaylistFile {
  const { text, encoding, source } = decodeText(bytes, { encoding: options.encoding })
  const format = options.format ?? detectFormat(fileName, text.slice(0, 8192))
  if (format === undefined) {
    throw new Error(
      `${basename(fileName)}: not a playlist format Segue reads (M3U/M3U8, PLS, XSPF, iTunes Library.xml, Spotify JSON, CSV)`,
    )
  }
  const name = defaultName(fileName)
  const file = parseText(format, text, name, options)
  file.encoding = encoding
  file.encodingSource = source
  if (source === 'default' || source === 'detected') {
    file.warnings.unshift(
      `not UTF-8: decoded as ${encoding}${source === 'detected' ? ' (detected)' : ''} — if names look wrong, re-import with another encoding`,
    )
  }
  return file
}

/**
 * Reads a playlist file from disk; iTunes / Music library files are parsed as a stream. Entries that
 * are playlists themselves (`parent.m3u` listing `child.m3u`) are replaced by the child's entries,
 * up to `MAX_NESTING` levels, skipping a playlist that includes itself and children that are missing.
 */
export async function readPlaylistFile(
  path: string,
  options: ReadPlaylistOptions = {},
): Promise<ParsedPlaylistFile> {
  return readNested(path, options, [])
}

async function readNested(
  path: string,
  options: ReadPlaylistOptions,
  ancestors: string[],
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
  let format = options.format
  if (format === undefined) {
    let headText = ''
    try {
      headText = decodeText(head, { encoding: options.encoding }).text
    } catch (e) {
      throw new Error(`${basename(path)}: ${(e as Error).message}`)
    }
    format = detectFormat(path, headText)
  }
  if (format === 'itunes-xml') {
    return readItunesXmlStream(createReadStream(path, { highWaterMark: 1 << 16 }), options)
  }
  if (size > MAX_IN_MEMORY) {
    throw new Error(
      `${path} is ${Math.round(size / 1048576)} MB — too large for a playlist file; is it the right file?`,
    )
  }
  let file: ParsedPlaylistFile
  try {
    file = readPlaylistBytes(await readFile(path), path, { ...options, format })
  } catch (e) {
    const msg = (e as Error).message
    throw new Error(msg.startsWith(basename(path)) ? msg : `${basename(path)}: ${msg}`)
  }
  if (format === 'm3u' || format === 'pls' || format === 'xspf') {
    const chain = [...ancestors, await realpath(path).catch(() => path)]
    for (const p of file.playlists)
      p.entries = await expandEntries(p.entries, path, chain, file.warnings)
  }
  return file
}

/** Replaces entries that point at playlist files by those playlists' entries (locations made absolute). */
async function expandEntries(
  entries: PlaylistEntry[],
  path: string,
  chain: string[],
  warnings: string[],
): Promise<PlaylistEntry[]> {
  if (!entries.some((e) => e.location && !isUrl(e.location) && NESTED.test(e.location)))
    return entries
  const out: PlaylistEntry[] = []
  const dir = dirname(path)
  for (const e of entries) {
    const child =
      e.location && !isUrl(e.location) && NESTED.test(e.location)
        ? resolveLocation(e.location, dir)
        : undefined
    if (child === undefined) {
      out.push(e)
      continue
    }
    const real = await realpath(child).catch(() => undefined)
    if (real === undefined) {
      // An #EXTINF-titled ".m3u8" that is not here is a stream (HLS chunk list, IPTV channel): keep it.
      if (e.title || e.artist) out.push(e)
      else warnings.push(`nested playlist ${e.location} not found — skipped`)
      continue
    }
    if (chain.includes(real)) {
      warnings.push(`nested playlist ${e.location} includes itself (a cycle) — skipped`)
      continue
    }
    if (chain.length > MAX_NESTING) {
      warnings.push(
        `nested playlist ${e.location} is more than ${MAX_NESTING} levels deep — skipped`,
      )
      continue
    }
    if (await isHlsMedia(child)) {
      out.push(e)
      continue
    }
    try {
      const sub = await readNested(child, {}, chain)
      warnings.push(...sub.warnings.map((w) => `${e.location}: ${w}`))
      const childDir = dirname(child)
      for (const p of sub.playlists)
        for (const ce of p.entries) {
          const loc =
            ce.location && !isUrl(ce.location)
              ? resolveLocation(ce.location, childDir)
              : ce.location
          out.push(loc === undefined ? ce : { ...ce, location: loc })
        }
    } catch (err) {
      warnings.push(
        `nested playlist ${e.location} could not be read (${(err as Error).message}) — skipped`,
      )
    }
  }
  return out
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

/** An HLS media playlist (#EXT-X-… tags) is a stream's segment list, not a list of songs. */
async function isHlsMedia(path: string): Promise<boolean> {
  try {
    return /#EXT-X-(TARGETDURATION|MEDIA-SEQUENCE|STREAM-INF|VERSION)/.test(
      Buffer.from(await readHead(path, 4096)).toString('latin1'),
    )
  } catch {
    return false
  }
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
