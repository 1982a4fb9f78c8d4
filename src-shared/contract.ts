// The one contract between the UI and the core: every request, its argument and result schemas, and every pushed event.
import { z } from 'zod'
import { type EventName, type RequestName } from './contract-names'

export { eventNames, requestNames, type EventName, type RequestName } from './contract-names'

interface RequestSpec {
  args: z.ZodType
  result: z.ZodType
}

const songKey = z.string().min(1).max(500)

export const SongRef = z.object({
  key: z.string(),
  artist: z.string(),
  title: z.string(),
  tags: z.array(z.string()),
  /** The user has this song as a file. */
  owned: z.boolean(),
  /** The current model knows this song (it can be a query). */
  inModel: z.boolean(),
})
export type SongRef = z.infer<typeof SongRef>

export const Recommendation = SongRef.extend({
  score: z.number(),
  /** A short human reason, e.g. "played near X in 14 radio playlists". */
  why: z.string(),
})
export type Recommendation = z.infer<typeof Recommendation>

export const JobState = z.enum(['running', 'done', 'cancelled', 'failed'])
export const JobInfo = z.object({
  id: z.string(),
  kind: z.enum(['train']),
  title: z.string(),
  state: JobState,
  /** 0..1 */
  progress: z.number(),
  message: z.string(),
  started: z.string(),
  finished: z.string().optional(),
  error: z.string().optional(),
  /** Kind-specific live figures (training: epoch, loss, songs per second, ETA). */
  detail: z.record(z.string(), z.number()).optional(),
  /** Loss after each completed epoch, for the live chart. */
  lossHistory: z.array(z.number()).optional(),
})
export type JobInfo = z.infer<typeof JobInfo>

export const ModelInfo = z.object({
  id: z.string(),
  created: z.string(),
  algo: z.enum(['cbow', 'sg']),
  dim: z.number(),
  epochs: z.number(),
  songs: z.number(),
  playlists: z.number(),
  lossHistory: z.array(z.number()),
})
export type ModelInfo = z.infer<typeof ModelInfo>

const empty = z.object({}).strict()

/** Requests the UI makes: name -> argument schema (strict: unknown fields are errors) and result schema. */
export const requests = {
  'app.info': {
    args: empty,
    result: z.object({
      version: z.string(),
      dataDir: z.string(),
      catalog: z.object({ songs: z.number(), playlists: z.number() }),
      attribution: z.string(),
    }),
  },
  'model.status': {
    args: empty,
    result: z.object({ model: ModelInfo.nullable(), training: JobInfo.nullable() }),
  },
  'songs.search': {
    args: z
      .object({
        query: z.string().trim().min(1, 'Type at least one character').max(200),
        limit: z.number().int().min(1).max(100).default(20),
      })
      .strict(),
    result: z.array(SongRef),
  },
  'similar.get': {
    args: z
      .object({ key: songKey, topn: z.number().int().min(1).max(200).default(25) })
      .strict(),
    result: z.object({ song: SongRef, results: z.array(Recommendation), modelId: z.string() }),
  },
  'training.start': {
    args: z
      .object({
        epochs: z.number().int().min(1).max(1000).optional(),
        algo: z.enum(['cbow', 'sg']).optional(),
      })
      .strict(),
    result: z.object({ jobId: z.string() }),
  },
  'jobs.list': { args: empty, result: z.array(JobInfo) },
  'jobs.cancel': {
    args: z.object({ jobId: z.string().min(1).max(100) }).strict(),
    result: z.object({ cancelled: z.boolean() }),
  },
} as const satisfies Record<RequestName, RequestSpec>

/** Events the core pushes to every connected UI. */
export const events = {
  'job.updated': JobInfo,
  'model.changed': ModelInfo,
} as const satisfies Record<EventName, z.ZodType>

export type Args<N extends RequestName> = z.input<(typeof requests)[N]['args']>
export type ParsedArgs<N extends RequestName> = z.output<(typeof requests)[N]['args']>
export type Result<N extends RequestName> = z.output<(typeof requests)[N]['result']>
export type EventPayload<E extends EventName> = z.output<(typeof events)[E]>


/** What crosses a transport for every request: a result, or an error a person can act on. */
export type Envelope<T> = { ok: true; result: T } | { ok: false; error: ContractError }
export interface ContractError {
  /** 'bad-request' for invalid arguments, 'conflict' for a job already running, 'not-ready', 'internal'. */
  code: 'bad-request' | 'unknown-request' | 'conflict' | 'not-ready' | 'not-found' | 'internal'
  message: string
}

/** Handlers the core implements: one per request, given already-validated arguments. */
export type Handlers = { [N in RequestName]: (args: ParsedArgs<N>) => Promise<Result<N>> }

/** The UI's view of the core, identical over Electron IPC and over HTTP/WebSocket. */
export interface Bridge {
  request<N extends RequestName>(name: N, args: Args<N>): Promise<Result<N>>
  on<E extends EventName>(name: E, listener: (payload: EventPayload<E>) => void): () => void
}

/** What the Electron preload exposes as `window.segue` (the preload object is checked against it). */
export interface PreloadApi {
  requests: Record<RequestName, (args: unknown) => Promise<Envelope<unknown>>>
  on(name: EventName, listener: (payload: unknown) => void): () => void
}
