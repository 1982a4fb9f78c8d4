// The one shape every recommender has — baselines in the evaluation and the served pipeline alike.
import type { Ranked } from './top-k'

export type { Ranked } from './top-k'

/** What a recommender may know about a catalogue song besides the playlists it appears in. */
export interface SongInfo {
  /** Song title. */
  title: string
  /** Artist name. */
  artist: string
  /** Last.fm-style tags (may be empty). */
  tags: readonly string[]
}

/** Everything `fit` gets besides the training playlists. */
export interface FitContext {
  /** Catalogue metadata, indexed by song id; its length is the catalogue size. */
  songs: readonly SongInfo[]
  /** Seed of every random draw the recommender makes. */
  seed: number
  /** Co-occurrence / context radius the caller will query with (the evaluation's window). */
  window: number
  /** Models shared between recommenders fitted on the same playlists (train each once). */
  shared: SharedModels
  /** Fraction of this fit done (0..1) and a short message. */
  onProgress?: (fraction: number, message: string) => void
  /** Aborting rejects with an AbortError. */
  signal?: AbortSignal
}

/** A memo of expensive artefacts keyed by a description of how they were made. */
export interface SharedModels {
  /** Returns the cached value for `key`, or makes it with `make` (once, even when asked concurrently). */
  get<T>(key: string, make: () => Promise<T>): Promise<T>
}

/** Options of one query. */
export interface RecommendOptions {
  /** Songs never returned (e.g. the songs already in the playlist). */
  exclude?: ReadonlySet<number>
  /**
   * Where the wanted song goes among the ordered context, `0..context.length` (e.g. `context.length`
   * to continue a playlist). Recommenders may weigh near neighbours more; undefined = an unordered bag.
   */
  slot?: number
}

/** A recommender over catalogue song ids `0..songs.length-1`. */
export interface Recommender {
  /** Registry name, e.g. `cooc`. */
  readonly name: string
  /** Learns from the training playlists (song ids). May be called once. */
  fit(train: readonly (readonly number[])[], ctx: FitContext): Promise<void>
  /**
   * Up to `n` songs for the context (song ids, possibly empty or with unknown songs), best first,
   * deterministic for a given fit.
   */
  recommend(context: readonly number[], n: number, options?: RecommendOptions): Promise<Ranked>
  /** Facts about the fitted recommender worth reporting (parameters, chosen k, …). */
  details?(): Record<string, unknown>
  /** Frees native resources (ONNX sessions, temporary files). */
  dispose?(): Promise<void>
}

/** The key a model is shared under: its kind plus its parameters in a stable order. */
export function sharedModelKey(kind: string, params: object): string {
  return `${kind}:${JSON.stringify(Object.entries(params).sort(([a], [b]) => a.localeCompare(b)))}`
}

/** A {@link SharedModels} backed by a Map of promises. */
export function createSharedModels(): SharedModels {
  const memo = new Map<string, Promise<unknown>>()
  return {
    get<T>(key: string, make: () => Promise<T>): Promise<T> {
      let p = memo.get(key) as Promise<T> | undefined
      if (!p) {
        p = make()
        memo.set(key, p)
        p.catch(() => memo.delete(key))
      }
      return p
    },
  }
}
