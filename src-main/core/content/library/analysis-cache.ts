// The analysis cache in the app database: which library tracks are analysed (for their current file), their mel windows, failures.
import { extname } from 'node:path'
import type { NeedsFfmpeg } from '../../../../src-shared/tags-only'
import type { TrackAnalysis } from '../audio/analyze-track'
import { isTagsOnlyReason, TAGS_ONLY } from '../audio/decode'
import { findFfmpeg } from '../audio/ffmpeg-decode'
import type { Db } from '../../store/db'
import type { ContentSettings } from './settings'
import { encodeWindows } from './window-codec'

/** A library track as the content job sees it. */
export interface ContentTrack {
  id: number
  path: string
  size: number
  mtime: number
  key: string | null
  artist: string | null
  title: string | null
  genre: string | null
  /** 'todo': never analysed, or the file or the analysis settings changed since. */
  state: 'todo' | 'analysed' | 'failed'
}

/** The analysis settings a cached row was made with (a change makes every track be analysed again). */
export function analysisParams(settings: Pick<ContentSettings, 'windows'>): string {
  const { count, seconds, mels } = settings.windows
  return JSON.stringify({ v: 1, count, seconds, mels, codec: 'u8' })
}

const UP_TO_DATE = 'a.size = t.size AND a.mtime = t.mtime AND a.params = ?'

/** The message files in MP4, WMA… failed with before Segue recognised those formats (retried once). */
const OLD_UNKNOWN_FORMAT = '%: not a WAV, MP3, FLAC, Ogg Vorbis or Ogg Opus file (convert it%'

/**
 * Every library track with its analysis state, in id order. A failure is tried again ('todo') when
 * it predates the recognition of MP4/WMA/… files, and, once ffmpeg is installed
 * (`ffmpegAvailable`), when it only said that its format needs ffmpeg.
 */
export async function contentTracks(
  db: Db,
  params: string,
  ffmpegAvailable = findFfmpeg().path !== undefined,
): Promise<ContentTrack[]> {
  return db.all<ContentTrack>(
    `SELECT t.id, t.path, t.size, t.mtime, t.song_key AS key, t.artist, t.title, t.genre,
       CASE WHEN a.track_id IS NULL OR NOT (${UP_TO_DATE}) THEN 'todo'
            WHEN a.error IS NULL THEN 'analysed'
            WHEN a.error LIKE ? OR (? AND a.error LIKE ?) THEN 'todo'
            ELSE 'failed' END AS state
     FROM tracks t LEFT JOIN track_audio a ON a.track_id = t.id ORDER BY t.id`,
    [params, OLD_UNKNOWN_FORMAT, ffmpegAvailable ? 1 : 0, `%${TAGS_ONLY}%`],
  )
}

/**
 * Counts for the status: tracks, analysed and failed ones (for their current file), the first
 * failures, and the failed ones whose format needs ffmpeg (not installed) by file type.
 */
export async function analysisCounts(
  db: Db,
  params: string,
  failuresShown = 5,
): Promise<{
  tracks: number
  analysed: number
  failed: number
  failures: { path: string; reason: string; needsFfmpeg?: boolean }[]
  needsFfmpeg: NeedsFfmpeg[]
}> {
  const counts = await db.get<{ tracks: number; analysed: number | null; failed: number | null }>(
    `SELECT COUNT(*) AS tracks,
       SUM(CASE WHEN a.track_id IS NOT NULL AND ${UP_TO_DATE} AND a.error IS NULL THEN 1 ELSE 0 END) AS analysed,
       SUM(CASE WHEN a.track_id IS NOT NULL AND ${UP_TO_DATE} AND a.error IS NOT NULL THEN 1 ELSE 0 END) AS failed
     FROM tracks t LEFT JOIN track_audio a ON a.track_id = t.id`,
    [params, params],
  )
  const failures = await db.all<{ path: string; reason: string }>(
    `SELECT t.path, a.error AS reason FROM track_audio a JOIN tracks t ON t.id = a.track_id
     WHERE ${UP_TO_DATE} AND a.error IS NOT NULL ORDER BY t.path LIMIT ?`,
    [params, failuresShown],
  )
  const needing = await db.all<{ path: string }>(
    `SELECT t.path FROM track_audio a JOIN tracks t ON t.id = a.track_id
     WHERE ${UP_TO_DATE} AND a.error LIKE ?`,
    [params, `%${TAGS_ONLY}%`],
  )
  const byType = new Map<string, number>()
  for (const { path } of needing) {
    const type = extname(path).slice(1).toUpperCase() || 'extension-less'
    byType.set(type, (byType.get(type) ?? 0) + 1)
  }
  return {
    tracks: counts?.tracks ?? 0,
    analysed: counts?.analysed ?? 0,
    failed: counts?.failed ?? 0,
    failures: failures.map((f) => (isTagsOnlyReason(f.reason) ? { ...f, needsFfmpeg: true } : f)),
    needsFfmpeg: [...byType]
      .map(([format, count]) => ({ format, count }))
      .sort((a, b) => b.count - a.count || a.format.localeCompare(b.format)),
  }
}

/** Why each track's sound could not be analysed (for its current file), by track id. */
export async function analysisFailures(db: Db): Promise<Map<number, string>> {
  const rows = await db.all<{ id: number; error: string }>(
    `SELECT a.track_id AS id, a.error FROM track_audio a JOIN tracks t ON t.id = a.track_id
     WHERE a.error IS NOT NULL AND a.size = t.size AND a.mtime = t.mtime`,
  )
  return new Map(rows.map((r) => [r.id, r.error]))
}

type Pending =
  | { track: ContentTrack; result: TrackAnalysis; error?: undefined }
  | { track: ContentTrack; error: string; result?: undefined }

/**
 * Persists analysis results as they arrive: each is written as soon as the previous write is done
 * (results that arrive meanwhile share the next transaction), so a cancelled or killed run keeps
 * what it finished and the next run resumes from there.
 */
export class AnalysisWriter {
  private pending: Pending[] = []
  private writing: Promise<void> | null = null
  /** The first write failure (the analysis stops on it). */
  error: Error | null = null
  written = 0

  constructor(
    private readonly db: Db,
    private readonly params: string,
    private readonly mels: number,
  ) {}

  analysed(track: ContentTrack, result: TrackAnalysis): void {
    this.push({ track, result })
  }

  failed(track: ContentTrack, error: string): void {
    this.push({ track, error })
  }

  /** Resolves once everything added so far is written; throws the first write failure. */
  async close(): Promise<void> {
    while (this.writing) await this.writing
    if (this.error) throw this.error
  }

  private push(p: Pending): void {
    if (this.error) throw this.error
    this.pending.push(p)
    this.writing ??= this.drain()
  }

  private async drain(): Promise<void> {
    try {
      while (this.pending.length > 0 && !this.error) {
        const batch = this.pending.splice(0)
        const rows = batch.map((p) => this.row(p))
        await this.db.transaction(async (tx) => {
          for (const r of rows)
            await tx.run(
              `INSERT OR REPLACE INTO track_audio
                 (track_id, size, mtime, params, seconds, features, windows, error, analysed)
               SELECT ?, ?, ?, ?, ?, ?, ?, ?, ? WHERE EXISTS (SELECT 1 FROM tracks WHERE id = ?)`,
              [...r, r[0]],
            )
        })
        this.written += rows.length
      }
    } catch (e) {
      this.error = new Error(`Cannot save the audio analysis: ${(e as Error).message}`)
    } finally {
      this.writing = null
    }
  }

  private row(p: Pending): (string | number | Buffer | null)[] {
    const { track } = p
    const now = new Date().toISOString()
    if (p.error !== undefined)
      return [track.id, track.size, track.mtime, this.params, null, null, null, p.error, now]
    const r = p.result
    if (!r.windows || r.windows.length === 0)
      throw new Error(`The analysis of ${track.path} kept no mel window`)
    return [
      track.id,
      track.size,
      track.mtime,
      this.params,
      r.seconds,
      Buffer.from(r.features.buffer, r.features.byteOffset, r.features.byteLength),
      encodeWindows(r.windows, this.mels),
      null,
      now,
    ]
  }
}

/** The encoded mel windows of analysed tracks by track id, read in slices so no query is large. */
export async function loadWindowBlobs(
  db: Db,
  ids: readonly number[],
  signal?: AbortSignal,
): Promise<Map<number, Uint8Array>> {
  const out = new Map<number, Uint8Array>()
  for (let i = 0; i < ids.length; i += 200) {
    signal?.throwIfAborted()
    const slice = ids.slice(i, i + 200)
    const rows = await db.all<{ id: number; windows: Buffer }>(
      `SELECT track_id AS id, windows FROM track_audio
       WHERE error IS NULL AND track_id IN (${slice.map(() => '?').join(',')})`,
      slice,
    )
    for (const r of rows) out.set(r.id, r.windows)
  }
  return out
}

/** Bytes the cache takes (the BLOBs), for the benchmark and the report. */
export async function cacheBytes(db: Db): Promise<number> {
  const r = await db.get<{ n: number | null }>(
    'SELECT COALESCE(SUM(LENGTH(windows)), 0) + COALESCE(SUM(LENGTH(features)), 0) AS n FROM track_audio',
  )
  return r?.n ?? 0
}
