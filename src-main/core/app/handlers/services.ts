// The narrow views of the app that request handlers use, so handlers depend on what they call, not on the Segue class (which satisfies them all).
import type {
  EventName,
  EventPayload,
  JobInfo,
  ModelInfo,
  ModelKind,
  Result,
  Settings,
  SongRef,
} from '../../../../src-shared/contract'
import type { Catalog } from '../../catalog/catalog'
import type { CatalogIndex } from '../../catalog/match'
import type { JobRunner } from '../../jobs/runner'
import type { ModelRecord, ModelRegistry } from '../../models/registry'
import type { Db } from '../../store/db'
import type { ClusterRequest } from '../clusters'
import type { ContentApp } from '../content'
import type { MixService } from '../mixes'
import type { ModelService } from '../model-service'

/** Sends an event to every listener (the window, `/events` sockets). */
export interface Emits {
  emit<E extends EventName>(name: E, payload: EventPayload<E>): void
}

/** The model in use: its description, or its files with a clear 'not-ready' error when there is none. */
export interface ModelAccess {
  readonly model: ModelInfo | null
  /** Similar songs of every learnt song are precomputed. */
  readonly similarPrecomputed: boolean
  requireModel(): Promise<ModelRecord>
}

/** Song keys as the client sees them. */
export interface SongRefs {
  songRef(key: string): SongRef
}

/** Training arguments a request may give (the rest come from settings). */
export type TrainingArgs = { epochs?: number; algo?: 'cbow' | 'sg'; kind?: ModelKind }

export interface SongServices extends ModelAccess {
  readonly options: { readonly version?: string; readonly dataDir: string }
  readonly notices: readonly string[]
  readonly catalog: Catalog
  readonly serving: Pick<ModelService, 'count'>
  readonly jobs: Pick<JobRunner, 'running' | 'list' | 'cancel'>
  songRef(key: string): SongRef
  similar(key: string, topn: number): Promise<Result<'similar.get'>>
  startTraining(args: TrainingArgs): JobInfo
}

export interface LibraryServices extends SongRefs {
  /** Re-reads which songs the user owns (after a track's match is fixed). */
  refreshOwned(): Promise<void>
  readonly options: {
    readonly pickPaths?: (kind: 'folders' | 'playlists') => Promise<string[]>
  }
  readonly db: Db
  readonly catalog: Catalog
  readonly catalogIndex: CatalogIndex
  startImport(paths: string[], options?: { encoding?: string }): JobInfo
}

export interface HistoryServices {
  readonly db: Db
}

export interface QualityServices extends Emits {
  readonly db: Db
  readonly datasetDir: string
  readonly jobs: Pick<JobRunner, 'start'>
}

export interface ClusterServices extends ModelAccess, SongRefs {
  readonly catalog: Catalog
  readonly owned: ReadonlySet<string>
  readonly serving: Pick<ModelService, 'keys' | 'count' | 'placedBy'>
  /** Earlier models, whose clusters and map are shown (marked stale) until the one in use has its own. */
  readonly models: Pick<ModelRegistry, 'list'>
  readonly jobs: Pick<JobRunner, 'running'>
  startClustering(request: ClusterRequest): JobInfo
}

export interface MixServices extends ModelAccess, Emits {
  readonly db: Db
  readonly mixes: MixService
  readonly serving: Pick<ModelService, 'keys'>
}

export interface SettingsServices extends Emits {
  readonly settings: Settings
  readonly model: ModelInfo | null
  readonly jobs: Pick<JobRunner, 'running'>
  setModelKind(kind: ModelKind): Promise<void>
  useLatest(kind: ModelKind): Promise<string | null>
  startTraining(args: TrainingArgs): JobInfo
}

/** The content requests hand the app to the content job, which says what it needs. */
export type ContentServices = ContentApp
