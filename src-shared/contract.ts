// The one contract between the UI and the core: every request, its argument and result schemas, and every pushed event.
import { z } from 'zod'
import { type EventName, type RequestName } from './contract-names'

export { eventNames, requestNames, type EventName, type RequestName } from './contract-names'

interface RequestSpec {
  args: z.ZodType
  result: z.ZodType
}

const songKey = z.string().min(1).max(500)

/**
 * An array of tens of thousands of items (one per song of the map), checked by one loop: zod's
 * per-item parse took 35–60 ms of the request thread for the Map view's 45k songs.
 */
function longArray<T>(what: string, is: (x: unknown) => x is T) {
  return z.custom<T[]>((v) => Array.isArray(v) && v.every((x) => is(x)), {
    message: `Expected an array of ${what}`,
  })
}
const isNumber = (x: unknown): x is number => typeof x === 'number'
const isString = (x: unknown): x is string => typeof x === 'string'
const isBoolean = (x: unknown): x is boolean => typeof x === 'boolean'

/** Which collaborative model the app learns song vectors with (the user's setting). */
export const ModelKind = z.enum(['song2vec', 'als', 'autoencoder'])
export type ModelKind = z.infer<typeof ModelKind>

/** What placed a song that no playlist taught the model: its tags, its audio, or both. */
export const PlacedBy = z.enum(['tags', 'audio', 'tags+audio'])
export type PlacedBy = z.infer<typeof PlacedBy>

export const SongRef = z.object({
  key: z.string(),
  artist: z.string(),
  title: z.string(),
  tags: z.array(z.string()),
  /** The user has this song as a file. */
  owned: z.boolean(),
  /** The current model knows this song (it can be a query). */
  inModel: z.boolean(),
  /** Set when the song's place comes from its content (tags, audio), not from playlists. */
  placedBy: PlacedBy.optional(),
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
  kind: z.enum(['train', 'import', 'eval', 'cluster', 'map', 'content']),
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
  /** Which model learnt the vectors (older models are all Song2Vec). */
  kind: ModelKind.default('song2vec'),
  /** The training algorithm: 'cbow' or 'sg' (Song2Vec), 'als', 'autoencoder'. */
  algo: z.string(),
  dim: z.number(),
  /** Epochs (Song2Vec, autoencoder) or sweeps (ALS). */
  epochs: z.number(),
  /** Songs learnt from playlists. */
  songs: z.number(),
  /** Songs placed by their content (tags, audio) in the model's space. */
  placed: z.number().default(0),
  playlists: z.number(),
  lossHistory: z.array(z.number()),
})
export type ModelInfo = z.infer<typeof ModelInfo>

export const ImportFileReport = z.object({
  file: z.string(),
  format: z.string(),
  entries: z.number(),
  matched_library: z.number(),
  matched_catalog: z.number(),
  unmatched: z.number(),
  errors: z.array(z.string()),
  /** The text encoding the file was read in ("utf-8", "windows-1251"…) and how it was decided. */
  encoding: z.string().optional(),
  encoding_source: z.string().optional(),
})
export type ImportFileReport = z.infer<typeof ImportFileReport>

export const ScanReport = z.object({
  tracks_added: z.number(),
  tracks_updated: z.number(),
  tracks_failed: z.number(),
  tracks_removed: z.number().optional(),
  failures: z.array(z.object({ path: z.string(), reason: z.string() })),
})
export type ScanReport = z.infer<typeof ScanReport>

/**
 * What importing one listening history found: Spotify (extended streaming history, account export),
 * ListenBrainz (zip or JSONL listens, feedback), Last.fm (CSV, JSON), .scrobbler.log, play counts from
 * iTunes / Music Library.xml and MusicBee's iTunes-compatible XML, foobar2000 (Playback Statistics XML
 * backup, text export with play counts).
 */
export const HistoryFileReport = z.object({
  file: z.string(),
  formats: z.array(z.string()),
  listens: z.number(),
  distinct_songs: z.number(),
  songs_library: z.number(),
  songs_catalog: z.number(),
  songs_unmatched: z.number(),
  listens_library: z.number(),
  listens_catalog: z.number(),
  listens_unmatched: z.number(),
  skipped: z.number(),
  ignored: z.record(z.string(), z.number()),
  first: z.string().nullable(),
  last: z.string().nullable(),
  tallies: z.number(),
  feedback: z.number(),
  feedback_matched: z.number(),
  errors: z.array(z.string()),
})
export type HistoryFileReport = z.infer<typeof HistoryFileReport>

/** The "Your listening" view: listens per month, top artists and songs of a period, what matched. */
const MatchShare = z.object({
  total: z.number(),
  library: z.number(),
  catalog: z.number(),
  none: z.number(),
})
export const HistorySummary = z.object({
  period: z.enum(['month', 'year', 'all']),
  from: z.string().nullable(),
  to: z.string().nullable(),
  first: z.string().nullable(),
  last: z.string().nullable(),
  months: z.array(z.object({ month: z.string(), plays: z.number(), skips: z.number() })),
  topArtists: z.array(z.object({ artist: z.string(), plays: z.number() })),
  topSongs: z.array(
    z.object({
      artist: z.string(),
      title: z.string(),
      key: z.string().nullable(),
      plays: z.number(),
    }),
  ),
  listens: MatchShare,
  songs: MatchShare,
})
export type HistorySummary = z.infer<typeof HistorySummary>

export const ImportReport = z.object({
  finished: z.string(),
  folders: z.array(ScanReport.extend({ folder: z.string() })),
  playlists: z.array(ImportFileReport),
  /** Listening histories among the paths (absent in reports from before histories). */
  histories: z.array(HistoryFileReport).optional(),
})
export type ImportReport = z.infer<typeof ImportReport>

export const PlaylistSummary = z.object({
  id: z.number(),
  name: z.string(),
  format: z.string(),
  source: z.string(),
  updated: z.string(),
  entries: z.number(),
  matched_library: z.number(),
  matched_catalog: z.number(),
  unmatched: z.number(),
})
export type PlaylistSummary = z.infer<typeof PlaylistSummary>

export const PlaylistEntryView = z.object({
  position: z.number(),
  artist: z.string(),
  title: z.string(),
  location: z.string().nullable(),
  /** Where the entry resolved: one of the user's files, the research catalogue, or nothing. */
  match: z.enum(['library', 'catalog', 'none']),
  reason: z.string(),
  key: z.string().nullable(),
  trackId: z.number().nullable(),
})
export type PlaylistEntryView = z.infer<typeof PlaylistEntryView>

/** One of the user's tracks with the catalogue song it stands for (the Your music tracks table). */
export const TrackMatchView = z.object({
  id: z.number(),
  path: z.string(),
  artist: z.string(),
  title: z.string(),
  album: z.string(),
  duration: z.number().nullable(),
  /** The matched catalogue song's key, null when none. */
  key: z.string().nullable(),
  /** The catalogue song's own artist and title (may be spelled differently). */
  song: z.object({ artist: z.string(), title: z.string() }).nullable(),
  match: z.enum(['exact', 'file name', 'fuzzy', 'chosen', 'none']),
  reason: z.string(),
  /** Set when the model placed the song by its content rather than learnt it from playlists. */
  placedBy: PlacedBy.optional(),
  /** The current model knows the matched song. */
  inModel: z.boolean(),
  /** Set when the file's sound could not be analysed (so content places it by its tags only), with why. */
  audio: z.object({ reason: z.string(), needsFfmpeg: z.boolean() }).optional(),
})
export type TrackMatchView = z.infer<typeof TrackMatchView>

export const EvalReport = z
  .object({
    created: z.string(),
    protocol: z.record(z.string(), z.unknown()),
    playlists: z.number(),
    heldout: z.number(),
    ahr: z.record(z.string(), z.number()),
    ndcg: z.record(z.string(), z.number()),
    seconds: z.record(z.string(), z.unknown()),
  })
  .passthrough()
export type EvalReport = z.infer<typeof EvalReport>

export const ClusterView = z.object({
  id: z.number(),
  size: z.number(),
  label: z.string(),
  top_tags: z.array(z.string()),
  top_artists: z.array(z.string()),
  owned: z.number(),
  cohesion: z.number(),
})
export type ClusterView = z.infer<typeof ClusterView>

/** Clusters or a map computed for an earlier model (`modelId`), shown until the model in use has its own. */
export const Staleness = z.object({
  /** True when these belong to an earlier model than the one in use. */
  stale: z.boolean().optional(),
  /** The model in use they stand in for (when stale). */
  forModel: z.string().optional(),
  /** Progress (0..1) of the clustering job under way, when one runs. */
  progress: z.number().optional(),
})
export type Staleness = z.infer<typeof Staleness>

export const ClustersView = z.object({
  modelId: z.string(),
  k: z.number(),
  chosenK: z.number(),
  elbow: z.array(z.object({ k: z.number(), inertia: z.number() })),
  clusters: z.array(ClusterView),
  ...Staleness.shape,
})
export type ClustersView = z.infer<typeof ClustersView>

export const MapView = z.object({
  modelId: z.string(),
  /** x0, y0, x1, y1, … one pair per song. */
  xy: longArray('numbers', isNumber),
  keys: longArray('strings', isString),
  labels: longArray('strings', isString),
  cluster: longArray('numbers', isNumber),
  owned: longArray('booleans', isBoolean),
  /** Songs placed by content (absent in maps drawn before content placement existed). */
  placed: longArray('booleans', isBoolean).optional(),
  ...Staleness.shape,
})
export type MapView = z.infer<typeof MapView>

export const MixTrackView = z.object({
  key: z.string(),
  artist: z.string(),
  title: z.string(),
  owned: z.boolean(),
  /** The library track that plays it (owned songs only). */
  trackId: z.number().optional(),
  why: z.string(),
  placedBy: PlacedBy.optional(),
})
export type MixTrackView = z.infer<typeof MixTrackView>

export const MixView = z.object({
  id: z.string(),
  name: z.string(),
  kind: z.enum(['daily', 'discover', 'radio', 'continue', 'journey', 'cluster']),
  description: z.string(),
  seed: z.number(),
  created: z.string(),
  saved: z.boolean(),
  tracks: z.array(MixTrackView),
})
export type MixView = z.infer<typeof MixView>

export const Settings = z.object({ modelKind: ModelKind })
export type Settings = z.infer<typeof Settings>

export const ContentStatus = z.object({
  /** Tracks in the library. */
  tracks: z.number(),
  /** Tracks whose audio has been analysed (kept across runs: analysis resumes). */
  analysed: z.number(),
  /** Tracks whose audio could not be decoded, with the reason of the first few. */
  failed: z.number(),
  failures: z.array(
    z.object({
      path: z.string(),
      reason: z.string(),
      /** Its format needs ffmpeg, which is not installed (not a broken file). */
      needsFfmpeg: z.boolean().optional(),
    }),
  ),
  /** Of the failed tracks, those whose format needs ffmpeg (not installed), by file type ("M4A": 3). */
  needsFfmpeg: z.array(z.object({ format: z.string(), count: z.number() })).optional(),
  /** An ffmpeg executable is found now (SEGUE_FFMPEG or PATH), so those formats can be analysed. */
  ffmpeg: z.boolean().optional(),
  /** Songs placed by content in the model in use: research catalogue (by tags) and the user's tracks. */
  placed: z.object({ catalogue: z.number(), library: z.number() }),
  /** The audio model behind "sounds like" placements, if one could be trained. */
  audioModel: z
    .object({ kind: z.enum(['cnn', 'bof']), tracks: z.number(), trained: z.string() })
    .nullable(),
})
export type ContentStatus = z.infer<typeof ContentStatus>

const empty = z.object({}).strict()
const pathArg = z.string().min(1).max(4096)

/** Requests the UI makes: name -> argument schema (strict: unknown fields are errors) and result schema. */
export const requests = {
  'app.info': {
    args: empty,
    result: z.object({
      version: z.string(),
      dataDir: z.string(),
      catalog: z.object({ songs: z.number(), playlists: z.number() }),
      attribution: z.string(),
      /** What the app repaired or fell back from (damaged database or model), in plain words. */
      notices: z.array(z.string()),
    }),
  },
  'model.status': {
    args: empty,
    result: z.object({
      model: ModelInfo.nullable(),
      training: JobInfo.nullable(),
      /** Similar songs of every learnt song are precomputed (each answer is a lookup). */
      similarPrecomputed: z.boolean().optional(),
    }),
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
  'songs.get': {
    args: z.object({ key: songKey }).strict(),
    result: SongRef,
  },
  'similar.get': {
    args: z.object({ key: songKey, topn: z.number().int().min(1).max(200).default(25) }).strict(),
    result: z.object({
      song: SongRef,
      /** Songs the model learnt from playlists, best first (the served pipeline). */
      results: z.array(Recommendation),
      /** The nearest songs no playlist has yet, placed by their tags or sound (may be empty). */
      placed: z.array(Recommendation).default([]),
      modelId: z.string(),
    }),
  },
  'training.start': {
    args: z
      .object({
        epochs: z.number().int().min(1).max(1000).optional(),
        algo: z.enum(['cbow', 'sg']).optional(),
        /** Default: the model kind in settings. */
        kind: ModelKind.optional(),
      })
      .strict(),
    result: z.object({ jobId: z.string() }),
  },
  'settings.get': { args: empty, result: Settings },
  'settings.set': {
    args: z.object({ modelKind: ModelKind }).strict(),
    result: z.object({
      settings: Settings,
      /** A model of that kind already trained and now in use, or null. */
      switchedTo: z.string().nullable(),
      /** The training started because no model of that kind existed, or null. */
      jobId: z.string().nullable(),
    }),
  },
  'content.status': { args: empty, result: ContentStatus },
  'content.analyze': { args: empty, result: z.object({ jobId: z.string() }) },
  'library.summary': {
    args: empty,
    result: z.object({
      tracks: z.number(),
      folders: z.array(z.string()),
      playlists: z.number(),
      lastImport: ImportReport.nullable(),
      /** The desktop app can open a folder picker; in a browser paths are typed. */
      canPickPaths: z.boolean(),
    }),
  },
  'library.pickPaths': {
    args: z.object({ kind: z.enum(['folders', 'playlists']) }).strict(),
    result: z.array(z.string()),
  },
  'library.import': {
    args: z
      .object({
        paths: z.array(pathArg).min(1, 'Give at least one folder or playlist file').max(1000),
        /** Read playlist files in this text encoding instead of detecting it ("re-import as…"). */
        encoding: z.string().min(1).max(40).optional(),
      })
      .strict(),
    result: z.object({ jobId: z.string() }),
  },
  'playlists.list': { args: empty, result: z.array(PlaylistSummary) },
  'playlists.get': {
    args: z.object({ id: z.number().int().positive() }).strict(),
    result: z.object({ playlist: PlaylistSummary, entries: z.array(PlaylistEntryView) }),
  },
  'library.tracks': { args: empty, result: z.array(TrackMatchView) },
  'library.fixTrack': {
    args: z.object({ trackId: z.number().int().positive(), key: songKey }).strict(),
    result: TrackMatchView,
  },
  'playlists.fixMatch': {
    args: z
      .object({ id: z.number().int().positive(), position: z.number().int().min(0), key: songKey })
      .strict(),
    result: PlaylistEntryView,
  },
  'playlists.export': {
    args: z.object({ id: z.number().int().positive(), format: z.enum(['m3u8', 'xspf']) }).strict(),
    result: z.object({ filename: z.string(), content: z.string() }),
  },
  'history.summary': {
    args: z.object({ period: z.enum(['month', 'year', 'all']).default('month') }).strict(),
    result: HistorySummary,
  },
  'quality.report': { args: empty, result: EvalReport.nullable() },
  'quality.run': {
    args: z.object({ holdout: z.number().int().min(10).max(5000).optional() }).strict(),
    result: z.object({ jobId: z.string() }),
  },
  'clusters.get': { args: empty, result: ClustersView.nullable() },
  'clusters.run': {
    args: z
      .object({
        k: z.number().int().min(2).max(2000).optional(),
        kMin: z.number().int().min(2).max(2000).optional(),
        kMax: z.number().int().min(2).max(2000).optional(),
      })
      .strict(),
    result: z.object({ jobId: z.string() }),
  },
  'clusters.songs': {
    args: z
      .object({
        id: z.number().int().min(0),
        limit: z.number().int().min(1).max(1000).default(200),
      })
      .strict(),
    result: z.array(SongRef),
  },
  'map.get': { args: empty, result: MapView.nullable() },
  'mixes.list': { args: empty, result: z.array(MixView) },
  'mixes.generate': {
    args: z
      .object({
        seed: z
          .number()
          .int()
          .min(0)
          .max(2 ** 31)
          .optional(),
        playableNow: z.boolean().optional(),
      })
      .strict(),
    result: z.array(MixView),
  },
  'mixes.radio': {
    args: z
      .object({
        keys: z.array(songKey).min(1, 'Pick at least one song').max(500),
        n: z.number().int().min(1).max(200).default(20),
        exclude: z.array(songKey).max(5000).default([]),
        seed: z
          .number()
          .int()
          .min(0)
          .max(2 ** 31)
          .optional(),
        playableNow: z.boolean().optional(),
      })
      .strict(),
    result: MixView,
  },
  'mixes.continue': {
    args: z
      .object({
        playlistId: z.number().int().positive(),
        n: z.number().int().min(1).max(200).default(20),
      })
      .strict(),
    result: MixView,
  },
  'mixes.journey': {
    args: z
      .object({ from: songKey, to: songKey, n: z.number().int().min(3).max(100).default(15) })
      .strict(),
    result: MixView,
  },
  'mixes.cluster': {
    args: z
      .object({
        clusterId: z.number().int().min(0),
        n: z.number().int().min(1).max(200).default(30),
      })
      .strict(),
    result: MixView,
  },
  'mixes.save': {
    args: z
      .object({
        id: z.string().min(1).max(200),
        saved: z.boolean(),
        name: z.string().trim().min(1).max(200).optional(),
      })
      .strict(),
    result: MixView,
  },
  'mixes.export': {
    args: z.object({ id: z.string().min(1).max(200), format: z.enum(['m3u8', 'xspf']) }).strict(),
    result: z.object({ filename: z.string(), content: z.string() }),
  },
  'feedback.set': {
    args: z.object({ key: songKey, thumb: z.enum(['up', 'down', 'none']) }).strict(),
    result: z.object({ key: z.string(), thumb: z.enum(['up', 'down', 'none']) }),
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
  'library.changed': z.object({ tracks: z.number(), playlists: z.number() }),
  'quality.changed': EvalReport,
  'clusters.changed': z.object({ modelId: z.string() }),
  'mixes.changed': z.object({ count: z.number() }),
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
