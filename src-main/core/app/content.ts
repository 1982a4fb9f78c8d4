// The library content job inside the app: listen to every track (resumable), then place the songs no playlist taught the model.
import type { ContentStatus, JobInfo, ModelInfo } from '../../../src-shared/contract'
import { analyzeLibrary } from '../content/audio/analyze-library'
import { findFfmpeg } from '../content/audio/ffmpeg-decode'
import type { JobContext, JobRunner } from '../jobs/runner'
import { loadPlaced, savePlaced, type PlacedRows } from '../models/placed-files'
import type { ModelRecord } from '../models/registry'
import {
  AnalysisWriter,
  analysisCounts,
  analysisParams,
  contentTracks,
  type ContentTrack,
} from '../content/library/analysis-cache'
import { readAudioRecord } from '../content/library/audio-model-file'
import { placeLibrary, type LibraryPlacement } from '../content/library/place-library'
import { CONTENT_DEFAULTS, type ContentSettings } from '../content/library/settings'
import type { Db } from '../store/db'
import type { ModelService } from './model-service'

export { CONTENT_DEFAULTS, type ContentSettings } from '../content/library/settings'

/** What the content job uses of the app (the Segue class satisfies it). */
export interface ContentApp {
  readonly db: Db
  readonly model: ModelInfo | null
  readonly serving: Pick<ModelService, 'dim' | 'trainedVector' | 'placedCounts'>
  readonly jobs: Pick<JobRunner, 'start'>
  requireModel(): Promise<ModelRecord>
  describe(key: string): { artist: string; title: string; tags: readonly string[] }
  refreshServing(): Promise<void>
}

/** Share of the job's progress bar the listening takes when placement follows. */
const LISTEN_SHARE = 0.7

/** What the Library view shows about content: analysis of the files, songs placed, the audio model. */
export async function contentStatus(
  app: ContentApp,
  settings: Pick<ContentSettings, 'windows'> = CONTENT_DEFAULTS,
): Promise<ContentStatus> {
  const counts = await analysisCounts(app.db, analysisParams(settings))
  const record = app.model ? await app.requireModel() : null
  const audio = record ? await readAudioRecord(record.dir).catch(() => null) : null
  const model = audio?.model
  return {
    ...counts,
    ffmpeg: findFfmpeg().path !== undefined,
    placed: app.serving.placedCounts(),
    audioModel: model ? { kind: model.kind, tracks: model.tracks, trained: model.trained } : null,
  }
}

/**
 * Starts the "Analysing your music" job: every library track not yet analysed for its current file
 * is listened to in worker threads (each result saved as it arrives; failures recorded, never
 * fatal), then, when there is a model, the songs it has not learnt from playlists are placed by
 * their tags and sound, saved as the model's 'library' set and served. Cancelling keeps what was
 * analysed and the placements already serving. Throws the runner's conflict error when one runs.
 */
export function startContentAnalysis(
  app: ContentApp,
  overrides: Partial<ContentSettings> = {},
): JobInfo {
  const settings: ContentSettings = { ...CONTENT_DEFAULTS, ...overrides }
  return app.jobs.start('content', 'Analysing your music', async (ctx) => {
    const tracks = await listen(app, settings, ctx)
    if (!app.model) {
      ctx.report(1, 'Your music is analysed; it is placed once a model is trained')
      return
    }
    // Place for the model in use; if a training swapped the model meanwhile, once more for the new one.
    let record = await app.requireModel()
    let placement = await placeFor(app, record, tracks, settings, ctx)
    if (app.model && app.model.id !== record.id) {
      record = await app.requireModel()
      placement = await placeFor(app, record, tracks, settings, ctx)
    }
    const c = placement.counts
    ctx.report(
      1,
      `Placed ${c.tags + c.audio + c['tags+audio']} of ${placement.unknown} songs the model did not know`,
      { ...c, unknown: placement.unknown },
    )
  })
}

/** Analyses what is not analysed yet and returns every track with its state after the run. */
async function listen(
  app: ContentApp,
  settings: ContentSettings,
  ctx: JobContext,
): Promise<ContentTrack[]> {
  const params = analysisParams(settings)
  const tracks = await contentTracks(app.db, params)
  const todo = tracks.filter((t) => t.state === 'todo')
  const byId = new Map(todo.map((t) => [String(t.id), t]))
  const done = tracks.length - todo.length
  const share = app.model ? LISTEN_SHARE : 1
  const writer = new AnalysisWriter(app.db, params, settings.windows.mels)
  ctx.report(0, `Listening to your music: ${done} of ${tracks.length}`)
  try {
    const summary = await analyzeLibrary(
      todo.map((t) => ({ id: String(t.id), path: t.path })),
      {
        windows: settings.windows,
        keepWindows: true,
        threads: settings.threads,
        signal: ctx.signal,
        onTrack: (r) => {
          const t = byId.get(r.id)!
          writer.analysed(t, r)
          t.state = 'analysed'
        },
        onProgress: (p) => {
          ctx.report(
            (share * (done + p.done)) / Math.max(1, tracks.length),
            `Listening to your music: ${done + p.done} of ${tracks.length} (${p.tracksPerSec.toFixed(1)} tracks/s)`,
            {
              done: done + p.done,
              total: tracks.length,
              failed: p.failed,
              tracksPerSec: p.tracksPerSec,
            },
          )
        },
      },
    )
    // Files that cannot be decoded are recorded with the reason (and not tried again until they change).
    for (const f of summary.failed) {
      const t = byId.get(f.id)!
      writer.failed(t, f.error)
      t.state = 'failed'
    }
  } finally {
    await writer.close()
  }
  return tracks
}

/** Places the library for `record` and serves it (unless the placements did not change). */
async function placeFor(
  app: ContentApp,
  record: ModelRecord,
  tracks: readonly ContentTrack[],
  settings: ContentSettings,
  ctx: JobContext,
): Promise<LibraryPlacement> {
  const placement = await placeLibrary(
    {
      db: app.db,
      modelDir: record.dir,
      dim: app.serving.dim,
      trainedVector: (key) => app.serving.trainedVector(key),
      describe: (key) => app.describe(key),
      signal: ctx.signal,
      report: (p, message) => ctx.report(LISTEN_SHARE + (1 - LISTEN_SHARE) * 0.97 * p, message),
    },
    tracks,
    settings,
  )
  ctx.signal.throwIfAborted()
  const before = await loadPlaced(record.dir, 'library').catch(() => null)
  if (!before || !sameRows(before, placement.rows)) {
    ctx.report(0.99, 'Saving the placements…')
    ctx.signal.throwIfAborted()
    await savePlaced(record.dir, 'library', placement.rows)
    if (app.model?.id === record.id) await app.refreshServing()
  }
  return placement
}

function sameRows(a: PlacedRows, b: PlacedRows): boolean {
  if (a.dim !== b.dim || a.keys.length !== b.keys.length) return false
  for (let i = 0; i < a.keys.length; i++)
    if (a.keys[i] !== b.keys[i] || a.placedBy[i] !== b.placedBy[i] || a.why[i] !== b.why[i])
      return false
  for (let i = 0; i < a.vectors.length; i++) if (a.vectors[i] !== b.vectors[i]) return false
  return true
}
