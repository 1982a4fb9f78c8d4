// ListenBrainz exports: listens as JSON Lines (or an older JSON array) and the loved/hated feedback file.
import type { HistorySink, Listen, SongFeedback } from './types'
import { JsonArrayStream, LineStream } from './json-array-stream'
import { num, obj, str, type TextReader } from './text-reader'

/** One listen object → a Listen, or the reason it was left out. */
export function listenBrainzListen(v: unknown): Listen | string {
  const o = obj(v)
  if (!o) return 'not an object'
  const at = num(o.listened_at)
  const md = obj(o.track_metadata)
  if (at === undefined) return 'no listened_at'
  if (!md) return 'no track_metadata'
  const info = obj(md.additional_info) ?? {}
  const mapping = obj(md.mbid_mapping) ?? {}
  const artist = str(md.artist_name)
  const title = str(md.track_name)
  if (artist === undefined || title === undefined) return 'no artist or title'
  const durationMs = num(info.duration_ms) ?? (num(info.duration) ?? NaN) * 1000
  const l: Listen = { ts: at * 1000, artist, title }
  const album = str(md.release_name)
  if (album) l.album = album
  if (Number.isFinite(durationMs) && durationMs > 0) l.durationMs = durationMs
  const id =
    str(mapping.recording_mbid) ??
    str(info.recording_mbid) ??
    str(o.recording_msid) ??
    str(info.recording_msid)
  if (id) l.id = id
  return l
}

/** A feedback object → feedback, or the reason it was left out (score 0 is "no opinion"). */
export function listenBrainzFeedback(v: unknown): SongFeedback | string {
  const o = obj(v)
  if (!o) return 'not an object'
  const score = num(o.score)
  if (score !== 1 && score !== -1) return 'feedback score is neither 1 nor -1'
  const md = obj(o.track_metadata)
  const f: SongFeedback = { score }
  const id = str(o.recording_mbid) ?? str(o.recording_msid)
  if (id) f.id = id
  const artist = str(md?.artist_name)
  const title = str(md?.track_name)
  if (artist && title) {
    f.artist = artist
    f.title = title
  }
  if (!f.id && !f.artist) return 'feedback names no recording'
  return f
}

function put(sink: HistorySink, v: unknown): void {
  const l = listenBrainzListen(v)
  if (typeof l === 'string') sink.ignore(l)
  else sink.listen(l)
}

function putFeedback(sink: HistorySink, v: unknown): void {
  const f = listenBrainzFeedback(v)
  if (typeof f === 'string') sink.ignore(f)
  else sink.feedback(f)
}

/** JSON Lines, one object a line; a bad line is reported and skipped. */
function jsonLines(sink: HistorySink, each: (v: unknown) => void): TextReader {
  return new LineStream((line, n) => {
    const t = line.trim()
    if (t === '') return
    let v: unknown
    try {
      v = JSON.parse(t)
    } catch {
      sink.warn(`line ${n} is not valid JSON — skipped`)
      return
    }
    each(v)
  })
}

/** Listens as JSON Lines (`listens/2023/5.jsonl`, `listens.jsonl`) or as one JSON array. */
export function listenBrainzReader(sink: HistorySink, shape: 'lines' | 'array'): TextReader {
  return shape === 'lines'
    ? jsonLines(sink, (v) => put(sink, v))
    : new JsonArrayStream(
        (v) => put(sink, v),
        (m) => sink.warn(m),
      )
}

/** The feedback file (`feedback.jsonl`, or a JSON array). */
export function listenBrainzFeedbackReader(
  sink: HistorySink,
  shape: 'lines' | 'array',
): TextReader {
  return shape === 'lines'
    ? jsonLines(sink, (v) => putFeedback(sink, v))
    : new JsonArrayStream(
        (v) => putFeedback(sink, v),
        (m) => sink.warn(m),
      )
}
