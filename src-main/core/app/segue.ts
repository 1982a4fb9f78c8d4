// The core's composition root: opens the data folder, the catalogue, the database and the model in use; owns jobs and events.
import { mkdir } from 'node:fs/promises'
import { join } from 'node:path'
import type {
  EventName,
  EventPayload,
  Handlers,
  JobInfo,
  ModelInfo,
  ModelKind,
  Settings,
  SongRef,
} from '../../../src-shared/contract'
import { AppError } from '../../../src-shared/dispatch'
import { Catalog } from '../catalog/catalog'
import type { CatalogIndex } from '../catalog/match'
import { loadYesDataset } from '../catalog/yes'
import { JobRunner } from '../jobs/runner'
import { openTrackFile } from '../media/open-library-file'
import { serveOpenedFile, type RangeResponse } from '../media/serve-file-range'
import { ModelRegistry, type ModelRecord } from '../models/registry'
import { userCorpus } from '../playlists/store'
import { SERVED_SONG2VEC } from '../recommend/defaults'
import { Db } from '../store/db'
import { openLibraryDb } from '../store/open-library-db'
import { checkDataFolder } from './data-folder'
import { computeClustersAndMap, readClusters, type ClusterRequest } from './clusters'
import { clusterHandlers } from './handlers/clusters'
import { historyHandlers } from './handlers/history'
import { libraryHandlers } from './handlers/library'
import { mixHandlers } from './handlers/mixes'
import { qualityHandlers } from './handlers/quality'
import { songHandlers } from './handlers/songs'
import { catalogIndex, importIntoLibrary, librarySummary, ownedKeys } from './library'
import { MixService } from './mixes'
import { ModelService } from './model-service'
import { settingsHandlers } from './handlers/settings'
import { startContentAnalysis } from './content'
import { contentHandlers } from './handlers/content'
import { DEFAULT_MODEL_KIND, readSettings, writeModelKind } from './settings'
import { runTraining, type PlacementSettings, type TrainingSettings } from './training'
import { exportServable } from '../models/servable'
import { librarySongs } from './library-songs'
import { sessionCorpus } from '../history/corpus'

export interface SegueOptions {
  /** Where the database and models live (the app's user-data folder, or `--data`). */
  dataDir: string
  /** The app's bundled resources (dataset, icons). */
  resourcesDir: string
  /** Run follow-up work on its own: a first model when none exists, clusters and map for each new model. */
  background?: boolean
  /** Training defaults (tests and `serve --epochs` use a small epoch count; same code path). */
  training?: Partial<TrainingSettings> & Pick<PlacementSettings, 'tagModel'>
  /** The desktop shell's file picker; absent in a browser, where paths are typed. */
  pickPaths?: (kind: 'folders' | 'playlists') => Promise<string[]>
  version?: string
}

export type EventSink = <E extends EventName>(name: E, payload: EventPayload<E>) => void

/** How many times each of the user's playlists is repeated in the training corpus (they are few, the radio ones many). */
export const USER_PLAYLIST_WEIGHT = 3

/** Songs placed by content shown beside the similar songs a model learnt. */
export const PLACED_SHOWN = 8
/** Jobs that keep both cores busy: the model's Similar songs are precomputed only when none runs. */
const HEAVY_JOBS = ['train', 'cluster', 'map', 'content', 'eval'] as const

export class Segue {
  readonly jobs = new JobRunner()
  /** What the app repaired or fell back from at start or since (a damaged database, a damaged model): shown in the UI. */
  readonly notices: string[] = []
  readonly models: ModelRegistry
  readonly serving: ModelService
  readonly mixes: MixService
  /** Song keys of the user's files. */
  owned = new Set<string>()
  /** The user's settings (kept in the database; `setModelKind` changes them). */
  settings: Settings = { modelKind: DEFAULT_MODEL_KIND }
  private readonly listeners = new Set<EventSink>()

  private constructor(
    readonly options: SegueOptions,
    readonly catalog: Catalog,
    readonly catalogIndex: CatalogIndex,
    readonly db: Db,
    readonly datasetDir: string,
    /** The full research catalogue (tags of 75k songs, no playlists), placed by content after training. */
    readonly completeDir: string,
  ) {
    this.models = new ModelRegistry(options.dataDir)
    this.serving = new ModelService(
      this.models,
      {
        corpus: () => this.corpus(),
        describe: (key) => this.describe(key),
        placedShown: PLACED_SHOWN,
        busy: () => HEAVY_JOBS.some((kind) => this.jobs.running(kind)),
      },
      (m) => this.notice(m),
    )
    this.mixes = new MixService(this)
    this.jobs.onUpdate((job) => this.emit('job.updated', job))
  }

  /** Logs `message` and keeps it for the UI (app.info). */
  notice(message: string): void {
    console.warn(`segue: ${message}`)
    this.notices.push(message)
  }

  static async open(options: SegueOptions): Promise<Segue> {
    await checkDataFolder(options.dataDir)
    await mkdir(options.dataDir, { recursive: true })
    const datasetDir = join(options.resourcesDir, 'dataset', 'yes', 'yes_big')
    const completeDir = join(options.resourcesDir, 'dataset', 'yes', 'yes_complete')
    const ds = await loadYesDataset(datasetDir)
    const { db, notice } = await openLibraryDb(options.dataDir)
    const catalog = new Catalog(ds)
    // Songs beyond the playlists' (found, described, and placed by their tags after training).
    const complete = await loadYesDataset(completeDir, { playlists: false }).catch(() => null)
    if (complete) catalog.addSongs(complete.songs.filter((s) => s.known))
    const app = new Segue(options, catalog, catalogIndex(ds.songs), db, datasetDir, completeDir)
    if (notice) app.notice(notice)
    await app.refreshOwned()
    app.settings = await readSettings(db)
    const model = await app.serving.loadCurrent()
    if (!model && options.background) app.startTraining({})
    return app
  }

  readonly handlers: Handlers = {
    ...songHandlers(this),
    ...libraryHandlers(this),
    ...historyHandlers(this),
    ...qualityHandlers(this),
    ...clusterHandlers(this),
    ...mixHandlers(this),
    ...settingsHandlers(this),
    ...contentHandlers(this),
  }

  onEvent(sink: EventSink): () => void {
    this.listeners.add(sink)
    return () => this.listeners.delete(sink)
  }

  emit<E extends EventName>(name: E, payload: EventPayload<E>): void {
    for (const l of this.listeners) l(name, payload)
  }

  get model(): ModelInfo | null {
    return this.serving.info
  }

  /** Similar songs of the model in use are precomputed (see ModelService.precompute). */
  get similarPrecomputed(): boolean {
    return this.serving.precomputed
  }

  /** The model in use, read from its folder, or a clear 'not-ready' error saying what to wait for. */
  async requireModel(): Promise<ModelRecord> {
    return this.models.read(this.requireServing().id)
  }

  /** The served model's info without touching the disk (hot requests), or the same 'not-ready' error. */
  requireServing(): ModelInfo {
    const info = this.serving.info
    if (info) return info
    const training = this.jobs.running('train')
    throw new AppError(
      'not-ready',
      training
        ? `The first model is still training (${Math.round(training.progress * 100)}%) — this appears when it finishes`
        : 'No model yet — start a training in the Training view',
    )
  }

  /** Name and tags of a song key: research catalogue or the user's files. */
  describe(key: string): { artist: string; title: string; tags: readonly string[] } {
    return this.catalog.get(key) ?? { artist: '', title: key, tags: [] }
  }

  songRef(key: string): SongRef {
    const s = this.catalog.get(key)
    const placedBy = this.serving.placedBy(key)
    return {
      key,
      artist: s?.artist ?? '',
      title: s?.title ?? key,
      tags: s?.tags.slice(0, 6) ?? [],
      owned: this.owned.has(key),
      inModel: this.serving.has(key),
      ...(placedBy ? { placedBy } : {}),
    }
  }

  /** Re-reads which songs the user owns, and makes their songs findable and describable. */
  async refreshOwned(): Promise<void> {
    this.owned = await ownedKeys(this.db, this.catalogIndex)
    this.catalog.addSongs(await librarySongs(this.db))
  }

  /**
   * Serves the current model again after its placed songs changed (the user's tracks placed by
   * content): re-exports its ONNX graph over every row and hot-swaps; the old graph answers until then.
   */
  async refreshServing(): Promise<void> {
    const record = await this.requireModel()
    await exportServable(record.dir, record.id)
    await this.serving.use(record)
    this.emit('model.changed', this.serving.info!)
    if (this.options.background && !this.jobs.running('cluster')) this.startClustering({})
  }

  async similar(key: string, topn: number) {
    this.requireServing()
    if (!this.catalog.get(key))
      throw new AppError('not-found', `No song with key "${key}" — search for it first`)
    if (!this.serving.has(key)) {
      throw new AppError(
        'not-found',
        'The model does not know this song yet — retrain after importing playlists that contain it',
      )
    }
    const answer = await this.serving.similar([key], topn, PLACED_SHOWN)
    const recommendation = (r: { key: string; score: number; why: string }) => ({
      ...this.songRef(r.key),
      score: r.score,
      why: r.why || this.catalog.why(key, r.key),
    })
    return {
      song: this.songRef(key),
      modelId: answer.modelId,
      // A non-finite score (a damaged model) never goes on the wire.
      results: answer.results.filter((r) => Number.isFinite(r.score)).map(recommendation),
      placed: answer.placed.filter((r) => Number.isFinite(r.score)).map(recommendation),
    }
  }

  /**
   * Trains a model of `kind` (default: the kind in settings) on the research playlists plus the
   * user's (weighted); the new model serves only once complete.
   */
  startTraining(args: { epochs?: number; algo?: 'cbow' | 'sg'; kind?: ModelKind }): JobInfo {
    const { tagModel, ...training } = this.options.training ?? {}
    const settings: TrainingSettings = {
      kind: 'song2vec',
      epochs: SERVED_SONG2VEC.epochs!,
      algo: SERVED_SONG2VEC.algo!,
      dim: SERVED_SONG2VEC.dim!,
      threads: 2,
      ...training,
      epochsGiven: training.epochs !== undefined || args.epochs !== undefined,
    }
    if (args.epochs) settings.epochs = args.epochs
    if (args.algo) settings.algo = args.algo
    settings.kind = args.kind ?? this.settings.modelKind
    const names = { song2vec: 'Song2Vec', als: 'ALS', autoencoder: 'the autoencoder' }
    return this.jobs.start('train', `Training ${names[settings.kind]}`, async (ctx) => {
      const record = await runTraining(await this.corpus(), settings, this.models, ctx, {
        catalogueDir: this.completeDir,
        tagModel,
      })
      ctx.signal.throwIfAborted()
      await this.serving.use(record)
      await this.models.setCurrent(record.id)
      this.emit('model.changed', record.info)
      await this.models.prune()
      // A new model gets its clusters and map, and fresh mixes (saved ones are kept), in the background.
      if (this.options.background && !this.jobs.running('cluster')) this.startClustering({})
      if (this.options.background && this.owned.size > 0) {
        await this.mixes
          .generate()
          .then((mixes) => this.emit('mixes.changed', { count: mixes.length }))
          .catch((e: Error) => console.warn(`Mixes were not refreshed: ${e.message}`))
      }
      // The user's tracks are placed anew in the new model's space.
      this.analyseInBackground()
    })
  }

  /** Remembers the model kind to learn with (the next training uses it). */
  async setModelKind(kind: ModelKind): Promise<void> {
    await writeModelKind(this.db, kind)
    this.settings = { ...this.settings, modelKind: kind }
  }

  /** Serves the newest complete model of `kind`, if there is one; returns its id (null: none of that kind). */
  async useLatest(kind: ModelKind): Promise<string | null> {
    for (const record of await this.models.list()) {
      if (record.info.kind !== kind) continue
      try {
        await this.serving.use(record)
      } catch (e) {
        console.warn(`Model ${record.id} could not be used: ${(e as Error).message}`)
        continue
      }
      await this.models.setCurrent(record.id)
      this.emit('model.changed', this.serving.info!)
      if (this.options.background && !this.jobs.running('cluster')) {
        const cached = await readClusters(record)
        if (!cached) this.startClustering({})
      }
      return record.id
    }
    return null
  }

  /** The training corpus: the research playlists plus the user's, each repeated USER_PLAYLIST_WEIGHT times. */
  async corpus(): Promise<string[][]> {
    const mine = await userCorpus(this.db)
    return [
      ...this.catalog.playlists,
      ...Array.from({ length: USER_PLAYLIST_WEIGHT }, () => mine).flat(),
      // Listening sessions from imported histories (issue 18), weighted by measurement.
      ...(await sessionCorpus(this.db)),
    ]
  }

  startClustering(request: ClusterRequest): JobInfo {
    return this.jobs.start('cluster', 'Finding clusters and drawing the map', async (ctx) => {
      const record = await this.requireModel()
      const facts = (key: string) => {
        const s = this.catalog.get(key)
        return { tags: s?.tags ?? [], artist: s?.artist ?? '', owned: this.owned.has(key) }
      }
      // Until each is ready the view keeps showing the previous model's (see shownClusters).
      await computeClustersAndMap(record, facts, request, ctx, () =>
        this.emit('clusters.changed', { modelId: record.id }),
      )
    })
  }

  /** In the background (the app, `serve`): listen to new tracks and place the library in the model in use. */
  private analyseInBackground(): void {
    if (!this.options.background || this.owned.size === 0 || this.jobs.running('content')) return
    startContentAnalysis(this)
  }

  /** A library track's audio for the player: only files inside the user's library folders (checked on the open descriptor). */
  async media(trackId: number, range: string | undefined): Promise<RangeResponse> {
    return serveOpenedFile(await openTrackFile(this.db, trackId), range)
  }

  /** Imports folders and playlist files as a job; the library view and "owned" marks follow. */
  startImport(paths: string[], options: { encoding?: string } = {}): JobInfo {
    return this.jobs.start('import', 'Importing your music', async (ctx) => {
      await importIntoLibrary(this.db, paths, this.catalogIndex, ctx, options)
      await this.refreshOwned()
      const s = await librarySummary(this.db)
      this.emit('library.changed', { tracks: s.tracks, playlists: s.playlists })
      this.analyseInBackground()
    })
  }

  async close(): Promise<void> {
    await this.jobs.shutdown()
    await this.serving.close()
    await this.db.close()
  }
}
