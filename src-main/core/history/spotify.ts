// Spotify's two history exports: Extended Streaming History (ts, ms_played, master_metadata_*) and the older account data (endTime, artistName, trackName, msPlayed).
import type { HistorySink } from './types'
import { JsonArrayStream } from './json-array-stream'
import { num, obj, parseUtc, str, type TextReader } from './text-reader'

/** Below this a forward-button stop counts as a skip even when Spotify's own `skipped` is empty. */
const SKIP_BY_BUTTON_MS = 30_000

/** Extended Streaming History (`Streaming_History_Audio_*.json`, `endsong_*.json`). */
export function spotifyExtendedReader(sink: HistorySink): TextReader {
  return new JsonArrayStream(
    (v) => {
      const o = obj(v)
      if (!o) return sink.ignore('not an object')
      const end = parseUtc(o.ts)
      const title = str(o.master_metadata_track_name)
      const artist = str(o.master_metadata_album_artist_name)
      if (end === undefined) return sink.ignore('no time stamp')
      if (title === undefined || artist === undefined)
        return sink.ignore(
          str(o.episode_name) || str(o.spotify_episode_uri)
            ? 'podcast episode'
            : str(o.audiobook_title)
              ? 'audiobook'
              : 'no artist or title',
        )
      const ms = Math.max(0, num(o.ms_played) ?? 0)
      const skipped =
        o.skipped === true ||
        o.skipped === 1 ||
        (o.reason_end === 'fwdbtn' && ms < SKIP_BY_BUTTON_MS)
      sink.listen({
        ts: end - ms,
        artist,
        title,
        album: str(o.master_metadata_album_album_name),
        msPlayed: ms,
        skipped,
        id: str(o.spotify_track_uri),
      })
    },
    (m) => sink.warn(m),
  )
}

/** The account-data export (`StreamingHistory*.json`, `StreamingHistory_music_*.json`). */
export function spotifyAccountReader(sink: HistorySink): TextReader {
  return new JsonArrayStream(
    (v) => {
      const o = obj(v)
      if (!o) return sink.ignore('not an object')
      const end = parseUtc(o.endTime)
      const artist = str(o.artistName)
      const title = str(o.trackName)
      if (end === undefined) return sink.ignore('no time stamp')
      if (artist === undefined || title === undefined) return sink.ignore('no artist or title')
      if (artist === 'Unknown Artist' && title === 'Unknown Track')
        return sink.ignore('no artist or title')
      const ms = Math.max(0, num(o.msPlayed) ?? 0)
      sink.listen({ ts: end - ms, artist, title, msPlayed: ms })
    },
    (m) => sink.warn(m),
  )
}
