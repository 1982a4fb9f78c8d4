// The Audioscrobbler portable-player log (.scrobbler.log, Rockbox and others): tab-separated, L = listened, S = skipped.
import type { HistorySink, Listen } from './types'
import { LineStream } from './json-array-stream'
import { num, str, type TextReader } from './text-reader'

/** Fields: artist, album, title, track number, length (s), L|S, unix time stamp, [MusicBrainz track id]. */
export function scrobblerLogReader(sink: HistorySink): TextReader {
  let warnedTz = false
  return new LineStream((line, n) => {
    if (line.startsWith('#')) {
      if (/^#TZ\/UNKNOWN/i.test(line) && !warnedTz) {
        warnedTz = true
        sink.warn('the log says #TZ/UNKNOWN: times are the player clock’s local time, read as UTC')
      }
      return
    }
    if (line.trim() === '') return
    const f = line.split('\t')
    if (f.length < 7) return sink.ignore(`line ${n}: fewer than 7 tab-separated fields`)
    const artist = str(f[0])
    const title = str(f[2])
    const seconds = num(f[4])
    const rating = f[5].trim().toUpperCase()
    const ts = num(f[6])
    if (ts === undefined || ts <= 0) return sink.ignore(`line ${n}: no time stamp`)
    if (artist === undefined || title === undefined)
      return sink.ignore(`line ${n}: no artist or title`)
    const l: Listen = { ts: ts * 1000, artist, title, skipped: rating === 'S' }
    const album = str(f[1])
    if (album) l.album = album
    if (seconds !== undefined && seconds > 0) l.durationMs = seconds * 1000
    const mbid = str(f[7])
    if (mbid) l.id = mbid
    sink.listen(l)
  })
}
