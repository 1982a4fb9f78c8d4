// Reads an iTunes / Apple Music "Library.xml" as a stream: every user playlist, plus every track's play count and rating.
import { normalizeLocation } from './location'
import { PlistBuilder, type PlistDict, type PlistValue } from './plist-stream'
import type { ParsedPlaylist, ParsedPlaylistFile, PlaylistEntry } from './types'
import { XmlTokenizer } from './xml-tokenizer'

/** What to import from a library file. */
export interface ItunesReadOptions {
  /** Import smart playlists (rule-based, e.g. "Top 25 Most Played") too; default false. */
  includeSmart?: boolean
}

interface RawPlaylist {
  name: string
  sourceId: string
  parent?: string
  trackIds: number[]
}

/** Incremental reader: `write` text chunks as they stream in, then `end()` for the result. */
export class ItunesLibraryReader {
  private readonly tracks = new Map<number, PlaylistEntry>()
  private readonly raw: RawPlaylist[] = []
  private readonly folders = new Map<string, { name: string; parent?: string }>()
  private readonly skippedBuiltIn: string[] = []
  private readonly skippedSmart: string[] = []
  private readonly warnings: string[] = []
  private skippedMedia = 0
  private readonly builder: PlistBuilder
  private readonly tokenizer: XmlTokenizer

  constructor(private readonly options: ItunesReadOptions = {}) {
    this.builder = new PlistBuilder({
      onDeepValue: (topKey, value) => {
        if (topKey === 'Tracks') this.addTrack(value)
        else if (topKey === 'Playlists') this.addPlaylist(value)
        else return false
        return true
      },
    })
    this.tokenizer = new XmlTokenizer(this.builder)
  }

  write(text: string): void {
    this.tokenizer.write(text)
  }

  end(): ParsedPlaylistFile {
    try {
      this.tokenizer.end()
    } catch (e) {
      this.warnings.push(`${(e as Error).message}; kept what was read before that point`)
    }
    if (!this.builder.sawPlist)
      throw new Error('Not an iTunes / Music library file: no <plist> element')
    const root = this.builder.root
    if (
      this.tracks.size === 0 &&
      this.raw.length === 0 &&
      (root === undefined || !('Tracks' in root))
    ) {
      throw new Error(
        'Not an iTunes / Music library file: the property list has no "Tracks" section',
      )
    }
    const warnings = [...this.builder.warnings, ...this.warnings]
    if (this.skippedBuiltIn.length > 0) {
      warnings.push(
        `skipped ${this.skippedBuiltIn.length} built-in playlist(s): ${preview(this.skippedBuiltIn)}`,
      )
    }
    if (this.skippedSmart.length > 0) {
      warnings.push(
        `skipped ${this.skippedSmart.length} smart playlist(s) (their contents follow rules; import them with includeSmart): ${preview(this.skippedSmart)}`,
      )
    }
    if (this.skippedMedia > 0)
      warnings.push(`left out ${this.skippedMedia} podcast, video or audiobook item(s)`)
    const playlists: ParsedPlaylist[] = this.raw.map((p) => this.toPlaylist(p))
    return { format: 'itunes-xml', playlists, library: [...this.tracks.values()], warnings }
  }

  private addTrack(value: PlistValue): void {
    if (!isDict(value)) return
    const id = num(value['Track ID'])
    if (id === undefined) return
    if (
      value['Podcast'] === true ||
      value['Movie'] === true ||
      value['TV Show'] === true ||
      value['Has Video'] === true ||
      value['Music Video'] === true ||
      str(value['Kind'])?.toLowerCase().includes('audiobook')
    ) {
      this.skippedMedia++
      return
    }
    const e: PlaylistEntry = {}
    const loc = str(value['Location'])
    const location = loc === undefined ? undefined : normalizeLocation(loc)
    if (location) e.location = location
    const artist = str(value['Artist']) ?? str(value['Album Artist'])
    if (artist) e.artist = artist
    const title = str(value['Name'])
    if (title) e.title = title
    const album = str(value['Album'])
    if (album) e.album = album
    const ms = num(value['Total Time'])
    if (!e.location && !e.title && !e.artist) return
    if (ms !== undefined && ms > 0) e.duration = ms / 1000
    const plays = num(value['Play Count'])
    if (plays !== undefined && plays > 0) e.playCount = Math.round(plays)
    const rating = num(value['Rating'])
    if (rating !== undefined && value['Rating Computed'] !== true && rating >= 0 && rating <= 100)
      e.rating = rating
    const skips = num(value['Skip Count'])
    if (skips !== undefined && skips > 0) e.skipCount = Math.round(skips)
    const played = Date.parse(str(value['Play Date UTC']) ?? '')
    if (Number.isFinite(played)) e.lastPlayed = played
    if (value['Loved'] === true || value['Favorited'] === true) e.loved = true
    if (value['Disliked'] === true) e.disliked = true
    this.tracks.set(id, e)
  }

  private addPlaylist(value: PlistValue): void {
    if (!isDict(value)) return
    const name = str(value['Name']) ?? 'Untitled playlist'
    const persistent = str(value['Playlist Persistent ID'])
    const parent = str(value['Parent Persistent ID'])
    if (value['Folder'] === true) {
      if (persistent) this.folders.set(persistent, { name, parent })
      return
    }
    if (
      value['Master'] === true ||
      value['Distinguished Kind'] !== undefined ||
      value['Visible'] === false ||
      value['Purchased Music'] === true ||
      value['Music'] === true ||
      value['Podcasts'] === true ||
      value['Movies'] === true ||
      value['TV Shows'] === true ||
      value['Audiobooks'] === true
    ) {
      this.skippedBuiltIn.push(name)
      return
    }
    const smart = value['Smart Info'] !== undefined || value['Smart Criteria'] !== undefined
    const genius = value['Genius Track ID'] !== undefined
    if ((smart || genius) && !this.options.includeSmart) {
      this.skippedSmart.push(name)
      return
    }
    const items = value['Playlist Items']
    const trackIds: number[] = []
    if (Array.isArray(items)) {
      for (const it of items) {
        const id = isDict(it) ? num(it['Track ID']) : undefined
        if (id !== undefined) trackIds.push(id)
      }
    }
    const playlistId = num(value['Playlist ID'])
    const sourceId = persistent ?? (playlistId !== undefined ? `id:${playlistId}` : `name:${name}`)
    this.raw.push({ name, sourceId, parent, trackIds })
  }

  private toPlaylist(p: RawPlaylist): ParsedPlaylist {
    const entries: PlaylistEntry[] = []
    const warnings: string[] = []
    let missing = 0
    for (const id of p.trackIds) {
      const t = this.tracks.get(id)
      if (t)
        entries.push(t) // shared with `library` and other playlists: entries are read-only
      else missing++
    }
    if (missing > 0)
      warnings.push(
        `${missing} item(s) refer to tracks the library file does not list (or non-music items) — skipped`,
      )
    return { name: this.folderPath(p.parent, p.name), entries, warnings, sourceId: p.sourceId }
  }

  /** "Folder / Sub / Name" for playlists inside folders (guarding against cyclic parents). */
  private folderPath(parent: string | undefined, name: string): string {
    const parts = [name]
    const seen = new Set<string>()
    while (parent !== undefined && !seen.has(parent)) {
      seen.add(parent)
      const f = this.folders.get(parent)
      if (!f) break
      parts.unshift(f.name)
      parent = f.parent
    }
    return parts.join(' / ')
  }
}

/** Reads a whole library file held as text (tests, small files); large files go through `ItunesLibraryReader`. */
export function readItunesXml(text: string, options: ItunesReadOptions = {}): ParsedPlaylistFile {
  const r = new ItunesLibraryReader(options)
  r.write(text)
  return r.end()
}

/** Reads a library file from a byte stream (e.g. `createReadStream`) without holding the file in memory. */
export async function readItunesXmlStream(
  chunks: AsyncIterable<Uint8Array>,
  options: ItunesReadOptions = {},
): Promise<ParsedPlaylistFile> {
  const r = new ItunesLibraryReader(options)
  const decoder = new TextDecoder('utf-8')
  let first = true
  for await (const chunk of chunks) {
    let text = decoder.decode(chunk, { stream: true })
    if (first && text.charCodeAt(0) === 0xfeff) text = text.slice(1)
    first = false
    r.write(text)
  }
  r.write(decoder.decode())
  return r.end()
}

function isDict(v: PlistValue | undefined): v is PlistDict {
  return typeof v === 'object' && v !== null && !Array.isArray(v)
}

function str(v: PlistValue | undefined): string | undefined {
  if (typeof v !== 'string') return undefined
  const s = v.trim()
  return s === '' ? undefined : s
}

function num(v: PlistValue | undefined): number | undefined {
  return typeof v === 'number' && Number.isFinite(v) ? v : undefined
}

function preview(names: string[]): string {
  const shown = names.slice(0, 5).map((n) => `"${n}"`)
  return names.length > 5 ? `${shown.join(', ')} and ${names.length - 5} more` : shown.join(', ')
}
