// The shapes every playlist reader returns and every writer accepts, independent of the file format.

/** The formats Segue reads. */
export type PlaylistFormat = 'm3u' | 'pls' | 'xspf' | 'itunes-xml' | 'spotify-json' | 'csv'

/** One song reference as a playlist file states it. */
export interface PlaylistEntry {
  /** File path (absolute, or relative to the playlist's folder) or URL, separators normalised to "/". */
  location?: string
  /** Artist as written in the file. */
  artist?: string
  /** Title as written in the file. */
  title?: string
  /** Length in seconds. */
  duration?: number
  /** Album as written in the file. */
  album?: string
  /** Times played (iTunes / Music library). */
  playCount?: number
  /** Rating 0–100 (iTunes / Music library). */
  rating?: number
  /** Times skipped (iTunes / Music library). */
  skipCount?: number
  /** Last play, ms since 1970 UTC (iTunes / Music library "Play Date UTC"). */
  lastPlayed?: number
  /** Marked loved (iTunes / Music library). */
  loved?: boolean
  /** Marked disliked (Music library's "Disliked"). */
  disliked?: boolean
}

/** One playlist read from a file. */
export interface ParsedPlaylist {
  /** Display name (the file's own title, else derived from the file name by the caller). */
  name: string
  /** Entries in play order. */
  entries: PlaylistEntry[]
  /** Problems that skipped or weakened entries, each saying where. */
  warnings: string[]
  /** A stable id inside a multi-playlist file (iTunes persistent id, Spotify playlist name). */
  sourceId?: string
}

/** Everything read from one playlist file: one playlist, or several for library exports. */
export interface ParsedPlaylistFile {
  format: PlaylistFormat
  playlists: ParsedPlaylist[]
  /** All tracks a library export knows, with play counts and ratings (iTunes only). */
  library?: PlaylistEntry[]
  /** File-level problems and skipped playlists. */
  warnings: string[]
  /** The text encoding the file was read in (lower-case, e.g. "utf-8", "windows-1251"). */
  encoding?: string
  /** How the encoding was decided: chosen by the user, BOM, the file's declaration, detection… */
  encodingSource?: 'chosen' | 'bom' | 'declared' | 'utf-8' | 'utf-16' | 'detected' | 'default'
}
