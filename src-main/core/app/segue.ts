// The composition root of the core: opens the data folder, loads the catalogue and the current model, and implements every contract request.
import { mkdir } from 'node:fs/promises'
import { join } from 'node:path'
import type { EventName, EventPayload, Handlers, JobInfo, ModelInfo, SongRef } from '../../../src-shared/contract'
import { AppError } from '../../../src-shared/dispatch'
import { Catalog } from '../catalog/catalog'
import { loadYesDataset } from '../catalog/yes'
import { JobRunner } from '../jobs/runner'
import { ModelRegistry } from '../models/registry'
import { ActiveModel } from './active-model'
import { runTraining, type TrainingSettings } from './training'

export interface SegueOptions {
  /** Where the database and models live (the app's user-data folder, or `--data`). */
  dataDir: string
  /** The app's bundled resources (dataset, icons). */
  resourcesDir: string
  /** Start training a first model when none exists. */
  autoTrain?: boolean
  /** Training defaults (tests and `serve --epochs` use a small epoch count; same code path). */
  training?: Partial<TrainingSettings>
  version?: string
}

export type EventSink = <E extends EventName>(name: E, payload: EventPayload<E>) => void

export const ATTRIBUTION =
  'Playlists: Yes.com (US radio, Dec 2010 – May 2011), tags: Last.fm, collected by Shuo Chen et al., ' +
  'Cornell University — "Playlist prediction via metric embedding", KDD 2012. Free for research use; ' +
  'contact Yes.com and Last.fm for commercial use.'

export class Segue {
  readonly jobs = new JobRunner()
  readonly models: ModelRegistry
  private readonly listeners = new Set<EventSink>()
  private active: ActiveModel | null = null

  private constructor(
    readonly options: SegueOptions,
    readonly catalog: Catalog,
  ) {
    this.models = new ModelRegistry(options.dataDir)
    this.jobs.onUpdate((job) => this.emit('job.updated', job))
  }

  static async open(options: SegueOptions): Promise<Segue> {
    await mkdir(options.dataDir, { recursive: true })
    const ds = await loadYesDataset(join(options.resourcesDir, 'dataset', 'yes', 'yes_big'))
    const app = new Segue(options, new Catalog(ds))
    app.active = await ActiveModel.loadCurrent(app.models)
    if (!app.active && options.autoTrain) app.startTraining({})
    return app
  }

  onEvent(sink: EventSink): () => void {
    this.listeners.add(sink)
    return () => this.listeners.delete(sink)
  }

  get model(): ModelInfo | null {
    return this.active?.info ?? null
  }

  readonly handlers: Handlers = {
    'app.info': async () => ({
      version: this.options.version ?? '0.0.0',
      dataDir: this.options.dataDir,
      catalog: { songs: this.catalog.songs.size, playlists: this.catalog.playlists.length },
      attribution: ATTRIBUTION,
    }),
    'model.status': async () => ({ model: this.model, training: this.jobs.running('train') ?? null }),
    'songs.search': async ({ query, limit }) => {
      const rank = (key: string) => this.active?.count(key) ?? 0
      return this.catalog.search(query, limit, rank).map((s) => this.songRef(s.key))
    },
    'similar.get': async ({ key, topn }) => this.similar(key, topn),
    'training.start': async (args) => ({ jobId: this.startTraining(args).id }),
    'jobs.list': async () => this.jobs.list(),
    'jobs.cancel': async ({ jobId }) => ({ cancelled: this.jobs.cancel(jobId) }),
  }

  async similar(key: string, topn: number) {
    const active = this.requireModel()
    if (!this.catalog.get(key)) throw new AppError('not-found', `No song with key "${key}" — search for it first`)
    const answer = await active.similar(key, topn)
    return {
      song: this.songRef(key),
      modelId: answer.modelId,
      results: answer.results.map((r) => ({
        ...this.songRef(r.key),
        score: r.score,
        why: this.catalog.why(key, r.key),
      })),
    }
  }

  startTraining(args: { epochs?: number; algo?: 'cbow' | 'sg' }): JobInfo {
    const settings: TrainingSettings = { epochs: 30, algo: 'cbow', dim: 128, threads: 2, ...this.options.training }
    if (args.epochs) settings.epochs = args.epochs
    if (args.algo) settings.algo = args.algo
    return this.jobs.start('train', `Training Song2Vec (${settings.epochs} epochs)`, async (ctx) => {
      const next = await runTraining(this.catalog.playlists, settings, this.models, ctx)
      if (!next) return
      const previous = this.active
      this.active = next
      this.emit('model.changed', next.info)
      await previous?.release()
      await this.models.prune()
    })
  }

  async close(): Promise<void> {
    await this.jobs.shutdown()
    await this.active?.release()
  }

  private requireModel(): ActiveModel {
    if (this.active) return this.active
    const training = this.jobs.running('train')
    throw new AppError(
      'not-ready',
      training
        ? `The first model is still training (${Math.round(training.progress * 100)}%) — similar songs appear when it finishes`
        : 'No model yet — start a training in the Training view',
    )
  }

  private songRef(key: string): SongRef {
    const s = this.catalog.get(key)
    return {
      key,
      artist: s?.artist ?? '',
      title: s?.title ?? key,
      tags: s?.tags.slice(0, 6) ?? [],
      owned: false,
      inModel: this.active?.has(key) ?? false,
    }
  }

  private emit<E extends EventName>(name: E, payload: EventPayload<E>): void {
    for (const l of this.listeners) l(name, payload)
  }
}
