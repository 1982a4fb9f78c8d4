// The shapes every listening-history reader produces, whatever the service or file format.

/** The history formats Segue reads (detected by content). */
export type HistoryFormat =
  | 'spotify-extended'
  | 'spotify-account'
  | 'listenbrainz'
  | 'listenbrainz-feedback'
  | 'lastfm-csv'
  | 'lastfm-json'
  | 'scrobbler-log'
  | 'itunes-plays'
  | 'foobar-playcount'
  | 'playcount-text'

/** One play of one song. */
export interface Listen {
  /** When the play started, ms since 1970 UTC (Spotify's end times are moved back by the time played). */
  ts: number
  artist?: string
  title?: string
  album?: string
  /** How long it played, ms (unknown for scrobbles, which count as listened). */
  msPlayed?: number
  /** The song's own length, ms, when the file says. */
  durationMs?: number
  /** The service or player marked the play as skipped. */
  skipped?: boolean
  /** A service id (MusicBrainz recording, Spotify track URI) that feedback can refer to. */
  id?: string
}

/** A play count and rating a library keeps per song (iTunes / Music Library.xml, MusicBee, foobar2000): no single plays. */
export interface PlayTally {
  artist?: string
  title?: string
  album?: string
  location?: string
  plays: number
  skips: number
  /** Last play, ms since 1970 UTC. */
  lastPlayed?: number
  /** 0–100. */
  rating?: number
  loved?: boolean
}

/** Loved (1) or hated (−1), by a service id and, where the file says, artist and title. */
export interface SongFeedback {
  score: 1 | -1
  id?: string
  artist?: string
  title?: string
}

/** Where readers put what they read, one item at a time (nothing is kept by the readers). */
export interface HistorySink {
  listen(l: Listen): void
  tally(t: PlayTally): void
  feedback(f: SongFeedback): void
  /** An item left out (podcast, malformed line, no artist or title), with the reason. */
  ignore(reason: string): void
  warn(message: string): void
}
