// Tells a listening-history file's format from its first few KB, whatever its name.
import { playCountColumns } from './foobar'
import type { HistoryFormat } from './types'

/** A detected format and the shape its reader needs. */
export interface DetectedHistory {
  format: HistoryFormat
  shape: 'array' | 'lines' | 'object' | 'text'
}

/** Bytes that open a zip archive (ListenBrainz export). */
export function isZip(head: Uint8Array): boolean {
  return head.length >= 4 && head[0] === 0x50 && head[1] === 0x4b && head[2] === 3 && head[3] === 4
}

/** The first object of a JSON array or JSON Lines text, as far as `head` holds it: its keys, quoted. */
function firstObjectText(s: string): string {
  return s.slice(0, 8192)
}

function has(s: string, ...keys: string[]): boolean {
  return keys.every((k) => s.includes(`"${k}"`))
}

function jsonFormat(probe: string): HistoryFormat | undefined {
  if (has(probe, 'ts', 'ms_played')) return 'spotify-extended'
  if (has(probe, 'endTime', 'msPlayed')) return 'spotify-account'
  if (has(probe, 'listened_at', 'track_metadata')) return 'listenbrainz'
  if (has(probe, 'score') && (has(probe, 'recording_mbid') || has(probe, 'recording_msid')))
    return 'listenbrainz-feedback'
  if (
    has(probe, 'recenttracks') ||
    (has(probe, 'artist') && (has(probe, 'uts') || has(probe, 'date')))
  )
    return 'lastfm-json'
  return undefined
}

/** The format of a history file whose decoded beginning is `head`, or undefined when it is not one Segue reads. */
export function detectHistory(head: string): DetectedHistory | undefined {
  const s = head.replace(/^\uFEFF/, '').trimStart()
  if (s.startsWith('#AUDIOSCROBBLER/')) return { format: 'scrobbler-log', shape: 'text' }
  if (s.startsWith('<')) {
    // foo_playcount's XML backup (foobar2000 Playback Statistics).
    if (/<PlaybackStatistics[\s>]/.test(s.slice(0, 4096)))
      return { format: 'foobar-playcount', shape: 'text' }
    // iTunes / Music, and the iTunes-compatible XML MusicBee writes.
    return /<plist[\s>]/.test(s.slice(0, 4096)) && /<key>Tracks<\/key>/.test(s)
      ? { format: 'itunes-plays', shape: 'text' }
      : undefined
  }
  if (s.startsWith('[')) {
    const f = jsonFormat(firstObjectText(s))
    return f ? { format: f, shape: 'array' } : undefined
  }
  if (s.startsWith('{')) {
    const nl = s.indexOf('\n')
    const first = nl < 0 ? s : s.slice(0, nl)
    let oneLine = false
    try {
      oneLine = typeof JSON.parse(first) === 'object'
    } catch {
      oneLine = false
    }
    const f = jsonFormat(firstObjectText(oneLine ? first : s))
    if (!f) return undefined
    if (f === 'lastfm-json') return { format: f, shape: 'object' }
    if (f === 'listenbrainz' || f === 'listenbrainz-feedback')
      return oneLine ? { format: f, shape: 'lines' } : undefined
    return undefined
  }
  const firstLine = s.slice(0, s.indexOf('\n') < 0 ? s.length : s.indexOf('\n')).toLowerCase()
  if (/^"?uts"?,/.test(firstLine) && firstLine.includes('artist'))
    return { format: 'lastfm-csv', shape: 'text' }
  // The headerless "artist,album,track,31 Jan 2021 12:34" export.
  if (/^[^\n]*,[^\n]*,[^\n]*,"?\d{1,2} [A-Za-z]{3} \d{4},? \d\d:\d\d"?\s*$/.test(s.split('\n')[0]))
    return { format: 'lastfm-csv', shape: 'text' }
  // A text export with artist, title and play count columns (foobar2000 Text Tools, a player's CSV).
  if (
    playCountColumns(
      s.slice(0, s.indexOf('\n') < 0 ? s.length : s.indexOf('\n')).replace(/\r$/, ''),
    )
  )
    return { format: 'playcount-text', shape: 'text' }
  return undefined
}
