// Play counts, skips, last plays, ratings and loves from an iTunes / Music Library.xml, read by the playlist importer's own streaming reader.
import { ItunesLibraryReader } from '../playlists/itunes'
import type { HistorySink } from './types'
import type { TextReader } from './text-reader'

/** Every library track with any play data becomes a tally; the playlists in the file are not this reader's business. */
export function itunesPlaysReader(sink: HistorySink): TextReader {
  const reader = new ItunesLibraryReader()
  return {
    write: (c) => reader.write(c),
    end: () => {
      const parsed = reader.end()
      for (const w of parsed.warnings) if (!/playlist/.test(w)) sink.warn(w)
      for (const e of parsed.library ?? []) {
        // Loved / disliked count as ListenBrainz feedback does (the same feedback table: a loved song
        // weighs ×1.5 in the taste, a disliked one is never recommended), unless Segue has your own thumb.
        if ((e.loved || e.disliked) && e.artist && e.title)
          sink.feedback({ score: e.disliked ? -1 : 1, artist: e.artist, title: e.title })
        const plays = e.playCount ?? 0
        const skips = e.skipCount ?? 0
        if (plays === 0 && skips === 0 && e.rating === undefined && !e.loved && !e.disliked) {
          sink.ignore('never played, rated or loved')
          continue
        }
        sink.tally({
          artist: e.artist,
          title: e.title,
          album: e.album,
          location: e.location,
          plays,
          skips,
          lastPlayed: e.lastPlayed,
          rating: e.rating,
          loved: e.loved,
        })
      }
    },
  }
}
