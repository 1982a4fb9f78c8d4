// Reads Spotify account-data exports: Playlist1.json (all playlists) and YourLibrary.json (liked songs).
import type { ParsedPlaylist, ParsedPlaylistFile, PlaylistEntry } from './types'

/** Parses either export from its JSON text; anything else is a clear error. */
export function readSpotifyJson(text: string): ParsedPlaylistFile {
  let data: unknown
  try {
    data = JSON.parse(text.replace(/^\uFEFF/, ''))
  } catch (e) {
    throw new Error(`Not a Spotify export: the file is not valid JSON (${(e as Error).message})`)
  }
  if (isObject(data) && Array.isArray(data.playlists)) return readPlaylists(data.playlists)
  if (isObject(data) && isSinglePlaylist(data)) {
    const items = Array.isArray(data.items) ? data.items : data.tracks
    return readPlaylists([{ name: data.name, items }])
  }
  if (isObject(data) && Array.isArray(data.tracks)) return readLibrary(data.tracks)
  throw new Error(
    'Not a Spotify export: expected Playlist1.json ({"playlists": [...]}), one playlist ({"name": …, "tracks": [...]}) or YourLibrary.json ({"tracks": [...]})',
  )
}

/**
 * One playlist on its own, as some export tools and older account-data dumps write it:
 * `{"name": …, "tracks"|"items": [{"track": {…}} | {"localTrack": {…}}]}`.
 */
function isSinglePlaylist(data: Record<string, unknown>): boolean {
  const items = Array.isArray(data.items)
    ? data.items
    : Array.isArray(data.tracks)
      ? data.tracks
      : undefined
  if (!items) return false
  if (typeof data.name === 'string' && Array.isArray(data.items)) return true
  return items.some((it) => isObject(it) && (isObject(it.track) || isObject(it.localTrack)))
}

function readPlaylists(list: unknown[]): ParsedPlaylistFile {
  const playlists: ParsedPlaylist[] = []
  const warnings: string[] = []
  const names = new Map<string, number>()
  list.forEach((p, i) => {
    if (!isObject(p)) {
      warnings.push(`playlist ${i + 1} is not an object — skipped`)
      return
    }
    const name = text(p.name) ?? `Spotify playlist ${i + 1}`
    const seen = (names.get(name) ?? 0) + 1
    names.set(name, seen)
    const entries: PlaylistEntry[] = []
    const pw: string[] = []
    let episodes = 0
    const items = Array.isArray(p.items) ? p.items : []
    items.forEach((item, j) => {
      if (!isObject(item)) {
        pw.push(`item ${j + 1} is not an object — skipped`)
        return
      }
      if (isObject(item.track)) {
        const t = item.track
        const e: PlaylistEntry = {}
        const artist = text(t.artistName)
        const title = text(t.trackName)
        const album = text(t.albumName)
        const uri = text(t.trackUri)
        if (artist) e.artist = artist
        if (title) e.title = title
        if (album) e.album = album
        if (uri) e.location = uri
        if (e.title || e.location) entries.push(e)
        else pw.push(`item ${j + 1} has no track name — skipped`)
      } else if (isObject(item.localTrack)) {
        const e = localTrack(text(item.localTrack.uri) ?? '')
        if (e) entries.push(e)
        else pw.push(`item ${j + 1}: local file without a readable spotify:local: uri — skipped`)
      } else if (isObject(item.episode) || isObject(item.audiobook)) {
        episodes++
      } else {
        pw.push(`item ${j + 1} has no track — skipped`)
      }
    })
    if (episodes > 0) pw.push(`left out ${episodes} podcast episode(s) or audiobook(s)`)
    playlists.push({ name, entries, warnings: pw, sourceId: seen > 1 ? `${name}#${seen}` : name })
  })
  return { format: 'spotify-json', playlists, warnings }
}

function readLibrary(tracks: unknown[]): ParsedPlaylistFile {
  const entries: PlaylistEntry[] = []
  const warnings: string[] = []
  tracks.forEach((t, i) => {
    if (!isObject(t)) {
      warnings.push(`track ${i + 1} is not an object — skipped`)
      return
    }
    const e: PlaylistEntry = {}
    const artist = text(t.artist)
    const title = text(t.track)
    const album = text(t.album)
    const uri = text(t.uri)
    if (artist) e.artist = artist
    if (title) e.title = title
    if (album) e.album = album
    if (uri) e.location = uri
    if (e.title) entries.push(e)
    else warnings.push(`track ${i + 1} has no "track" name — skipped`)
  })
  return {
    format: 'spotify-json',
    playlists: [{ name: 'Liked Songs (Spotify)', entries, warnings, sourceId: 'liked-songs' }],
    warnings: [],
  }
}

/** `spotify:local:Artist:Album:Title:Seconds` with URL-encoded parts ("+" for spaces). */
function localTrack(uri: string): PlaylistEntry | undefined {
  const parts = uri.split(':')
  if (parts.length < 6 || parts[0] !== 'spotify' || parts[1] !== 'local') return undefined
  const dec = (s: string) => {
    try {
      return decodeURIComponent(s.replace(/\+/g, ' ')).trim()
    } catch {
      return s.replace(/\+/g, ' ').trim()
    }
  }
  const e: PlaylistEntry = {}
  const artist = dec(parts[2])
  const album = dec(parts[3])
  const title = dec(parts[4])
  const seconds = Number(parts[5])
  if (artist) e.artist = artist
  if (album) e.album = album
  if (title) e.title = title
  if (Number.isFinite(seconds) && seconds > 0) e.duration = seconds
  return e.title ? e : undefined
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v)
}

function text(v: unknown): string | undefined {
  if (typeof v !== 'string') return undefined
  const s = v.trim()
  return s === '' ? undefined : s
}
