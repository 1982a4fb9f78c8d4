// Decides what one playlist entry is: a library track, a catalogue song, both or neither — with the reasons.
import { describeMatch, keyOrNull, KeyVariants, type CatalogIndex } from '../catalog/match'
import { tagsFromFileName } from '../library/filename-tags'
import type { LibraryIndex } from '../library/library-index'
import { isUrl, resolveLocation } from './location'
import type { PlaylistEntry } from './types'

/** A remembered fix for an entry signature. */
export interface ManualMatch {
  song_key: string | null
  track_id: number | null
}

/** Everything resolution needs. */
export interface ResolveContext {
  library: LibraryIndex
  catalog: CatalogIndex
  /** Signature → remembered fix. */
  manual: Map<string, ManualMatch>
  /** Folder of the playlist file (for relative locations). */
  baseDir: string
}

/** One resolved entry, as stored in `playlist_items`. */
export interface ResolvedEntry {
  track_id: number | null
  artist: string | null
  title: string | null
  album: string | null
  duration: number | null
  /** Absolute path (relative locations resolved) or URL. */
  location: string | null
  song_key: string | null
  catalog_id: number | null
  match: 'library' | 'catalog' | 'none'
  /** "library: …; catalogue: …" */
  match_reason: string
  /** The catalogue half of `match_reason`. */
  catalog_reason: string
  signature: string | null
  /** 0–1: how sure the match is (1 for exact rules and your own choices, less for fuzzy ones). */
  confidence: number
  /** True when the playlist had artist and title the other way round (`artist`/`title` are corrected). */
  swapped: boolean
}

/** Resolves an entry: manual fix, then library (path, then tags), then the catalogue (entry tags, then the track's). */
export function resolveEntry(entry: PlaylistEntry, ctx: ResolveContext): ResolvedEntry {
  const location = entry.location
    ? isUrl(entry.location)
      ? entry.location
      : (resolveLocation(entry.location, ctx.baseDir) ?? entry.location)
    : null
  const variants = new KeyVariants(entry.artist, entry.title)
  const signature = location
    ? `loc:${location.toLowerCase()}`
    : variants.first
      ? `tag:${variants.first.key}`
      : null
  const manual = signature ? ctx.manual.get(signature) : undefined

  let trackId: number | null = null
  let libraryReason: string
  let swapped = false
  let confidence = 1
  const manualTrack = manual?.track_id != null ? ctx.library.get(manual.track_id) : undefined
  if (manualTrack) {
    trackId = manualTrack.id
    libraryReason = 'chosen by you'
  } else {
    const hit = ctx.library.find(
      { ...entry, location: location ?? undefined },
      ctx.baseDir,
      variants,
    )
    trackId = hit.trackId ?? null
    libraryReason = hit.reason
    swapped = hit.swapped === true
    if (hit.confidence !== undefined && trackId !== null) confidence = hit.confidence
  }
  const track = trackId !== null ? ctx.library.get(trackId) : undefined
  // A detected swap is shown corrected: the playlist's "title" is the artist.
  let artist = (swapped ? entry.title : entry.artist) ?? track?.artist ?? null
  let title = (swapped ? entry.artist : entry.title) ?? track?.title ?? null
  if ((artist === null || title === null) && location && !isUrl(location)) {
    const fromName = tagsFromFileName(location)
    artist ??= fromName.artist ?? null
    title ??= fromName.title ?? null
  }

  let songKey: string | null = null
  let catalogId: number | null = null
  let catalogReason: string
  if (manual?.song_key) {
    songKey = manual.song_key
    catalogId = ctx.catalog.idOf(songKey) ?? null
    catalogReason =
      catalogId !== null
        ? 'catalogue: chosen by you'
        : 'catalogue: your chosen song is not in the catalogue'
  } else {
    const own =
      artist === entry.artist && title === entry.title ? variants : new KeyVariants(artist, title)
    const m =
      ctx.catalog.matchVariants(own, artist ?? undefined, title ?? undefined) ??
      (track
        ? ctx.catalog.matchVariants(
            new KeyVariants(track.artist, track.title),
            track.artist ?? undefined,
            track.title ?? undefined,
          )
        : undefined) ??
      ctx.catalog.matchFuzzy(artist ?? undefined, title ?? undefined) ??
      (track
        ? ctx.catalog.matchFuzzy(track.artist ?? undefined, track.title ?? undefined)
        : undefined)
    if (m) {
      songKey = m.key
      catalogId = m.id
      catalogReason = `catalogue: ${describeMatch(m)}`
      if (trackId === null) confidence = m.confidence
      if (m.swapped && trackId === null && artist !== null && title !== null) {
        swapped = true
        ;[artist, title] = [title, artist]
      }
    } else {
      songKey = keyOrNull(artist, title) ?? track?.song_key ?? null
      catalogReason =
        songKey === null
          ? 'catalogue: no artist + title to look up'
          : `catalogue: "${songKey}" is not in the catalogue`
    }
  }
  const match = trackId !== null ? 'library' : catalogId !== null ? 'catalog' : 'none'
  return {
    track_id: trackId,
    artist,
    title,
    album: entry.album ?? null,
    duration: entry.duration ?? track?.duration ?? null,
    location,
    song_key: songKey,
    catalog_id: catalogId,
    match,
    match_reason: `library: ${libraryReason}; ${catalogReason}`,
    catalog_reason: catalogReason,
    signature,
    confidence,
    swapped,
  }
}
