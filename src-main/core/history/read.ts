// Reads a listening-history file, zip or folder by content: peeks at the start, picks the reader, streams the rest through it.
import { createReadStream } from 'node:fs'
import { open, readdir, stat } from 'node:fs/promises'
import { join } from 'node:path'
import { detectHistory, isZip, type DetectedHistory } from './detect'
import { foobarXmlReader, playCountTextReader } from './foobar'
import { itunesPlaysReader } from './itunes-plays'
import { lastfmCsvReader, lastfmJsonReader } from './lastfm'
import { listenBrainzFeedbackReader, listenBrainzReader } from './listenbrainz'
import { scrobblerLogReader } from './scrobbler-log'
import { spotifyAccountReader, spotifyExtendedReader } from './spotify'
import type { TextReader } from './text-reader'
import type { HistoryFormat, HistorySink } from './types'
import { listZip, openZipEntry } from './zip'

/** One file (or zip entry) read, and its format. */
export interface ReadHistoryPart {
  name: string
  format: HistoryFormat
}

/** How much of a file's start decides its format. */
const HEAD_BYTES = 16 * 1024

/** The reader for a detected format. */
export function readerFor(d: DetectedHistory, sink: HistorySink): TextReader {
  switch (d.format) {
    case 'spotify-extended':
      return spotifyExtendedReader(sink)
    case 'spotify-account':
      return spotifyAccountReader(sink)
    case 'listenbrainz':
      return listenBrainzReader(sink, d.shape === 'lines' ? 'lines' : 'array')
    case 'listenbrainz-feedback':
      return listenBrainzFeedbackReader(sink, d.shape === 'lines' ? 'lines' : 'array')
    case 'lastfm-csv':
      return lastfmCsvReader(sink)
    case 'lastfm-json':
      return lastfmJsonReader(sink, d.shape === 'array' ? 'array' : 'object')
    case 'scrobbler-log':
      return scrobblerLogReader(sink)
    case 'itunes-plays':
      return itunesPlaysReader(sink)
    case 'foobar-playcount':
      return foobarXmlReader(sink)
    case 'playcount-text':
      return playCountTextReader(sink)
  }
}

/** Whether the file at `path` is a history Segue reads (a zip counts when it holds one). */
export async function sniffHistory(path: string): Promise<DetectedHistory | 'zip' | undefined> {
  const fh = await open(path, 'r')
  try {
    const buf = Buffer.alloc(HEAD_BYTES)
    const { bytesRead } = await fh.read(buf, 0, HEAD_BYTES, 0)
    const head = buf.subarray(0, bytesRead)
    if (isZip(head)) return 'zip'
    return detectHistory(new TextDecoder('utf-8').decode(head))
  } finally {
    await fh.close()
  }
}

/**
 * Streams byte chunks through the reader their beginning calls for; returns the format, or
 * undefined (nothing read) when the text is not a history.
 */
export async function readHistoryBytes(
  chunks: AsyncIterable<Uint8Array>,
  sink: HistorySink,
): Promise<HistoryFormat | undefined> {
  const decoder = new TextDecoder('utf-8')
  let head = ''
  let reader: TextReader | undefined
  let format: HistoryFormat | undefined
  for await (const chunk of chunks) {
    const text = decoder.decode(chunk, { stream: true })
    if (reader) {
      reader.write(text)
      continue
    }
    head += text
    if (head.length < HEAD_BYTES) continue
    const d = detectHistory(head)
    if (!d) return undefined
    format = d.format
    reader = readerFor(d, sink)
    reader.write(head.replace(/^\uFEFF/, ''))
  }
  const rest = decoder.decode()
  if (!reader) {
    head += rest
    const d = detectHistory(head)
    if (!d) return undefined
    format = d.format
    reader = readerFor(d, sink)
    reader.write(head.replace(/^\uFEFF/, ''))
  } else if (rest) reader.write(rest)
  reader.end()
  return format
}

/**
 * Reads a history file, a zip of them (ListenBrainz export) or a folder of them; parts that are not
 * histories are left out (zip and folder) or an Error (a single file).
 */
export async function readHistoryPath(path: string, sink: HistorySink): Promise<ReadHistoryPart[]> {
  const st = await stat(path)
  if (st.isDirectory()) {
    const parts: ReadHistoryPart[] = []
    for (const name of (await readdir(path)).sort()) {
      if (name.startsWith('.') && name !== '.scrobbler.log') continue
      const full = join(path, name)
      const s = await stat(full)
      if (s.isDirectory()) parts.push(...(await readHistoryPath(full, sink)))
      else if (s.isFile() && (await sniffHistory(full)) !== undefined)
        parts.push(...(await readHistoryPath(full, sink)))
    }
    return parts
  }
  const kind = await sniffHistory(path)
  if (kind === undefined)
    throw new Error(
      `${path}: not a listening history Segue reads (Spotify, ListenBrainz, Last.fm, .scrobbler.log, iTunes / MusicBee Library.xml, foobar2000 play counts)`,
    )
  if (kind !== 'zip') {
    const format = await readHistoryBytes(createReadStream(path, { highWaterMark: 1 << 20 }), sink)
    return format ? [{ name: path, format }] : []
  }
  const parts: ReadHistoryPart[] = []
  for (const entry of await listZip(path)) {
    if (!/\.(jsonl?|csv|log|txt|xml)$/i.test(entry.name)) continue
    const format = await readHistoryBytes(await openZipEntry(path, entry), sink)
    if (format) parts.push({ name: `${path}!${entry.name}`, format })
  }
  if (parts.length === 0) throw new Error(`${path}: the zip holds no listening history Segue reads`)
  return parts
}
