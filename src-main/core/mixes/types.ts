// The shapes every Made For You mix shares: what a mix holds, and the small interfaces it is built from.

/** The kinds of generated playlist. */
export type MixKind = 'daily' | 'discover' | 'radio' | 'continue' | 'journey' | 'cluster'

/** Every mix kind, in display order. */
export const MIX_KINDS: readonly MixKind[] = [
  'daily',
  'discover',
  'radio',
  'continue',
  'journey',
  'cluster',
]

/** Options of one recommendation query. */
export interface ScorerQueryOptions {
  /** One non-negative weight per context key (default all 1). */
  weights?: number[]
  /** Keys never returned. */
  exclude?: string[]
}

/** One scored song. */
export interface ScoredKey {
  key: string
  score: number
}

/**
 * What mixes need from the served model. The app passes its `ModelService` (plus song vectors,
 * see `withVectors`); tests pass a small in-memory `VectorScorer`.
 */
export interface Scorer {
  /** Top `k` songs for a weighted context of song keys, best first (context keys never returned). */
  recommend(
    keys: string[],
    k: number,
    options?: ScorerQueryOptions,
  ): Promise<{ modelId?: string; results: ScoredKey[] }>
  /** Whether the model knows the song (keys it does not know are left out of queries). */
  has?(key: string): boolean
  /** The song's vector (any length; only its direction is used), or undefined when unknown. */
  vector?(key: string): Float32Array | undefined
}

/** What mixes read from the catalogue. `Catalog` satisfies it. */
export interface CatalogLike {
  /** Metadata of a song, or undefined when the catalogue does not have it. */
  get(key: string): { key: string; artist: string; title: string; tags: string[] } | undefined
  /** Number of research playlists containing both songs. */
  together(a: string, b: string): number
  /**
   * The votes of the research playlists most like `context` (weighted) for each of `keys`, as a
   * share of the best vote (0 .. 1): `PlaylistPostings.neighbourShares` with the served parameters.
   */
  neighbourShares(
    context: readonly string[],
    weights: readonly number[],
    keys: readonly string[],
  ): number[]
}

/** The evidence behind one song of a mix. */
export interface MixEvidence {
  /** Seed songs nearest to it in the model (most similar first), with their cosine similarity. */
  nearest: { key: string; artist: string; title: string; similarity: number }[]
  /** The seed song it shares the most research playlists with, and how many (absent when none). */
  together?: { key: string; artist: string; title: string; count: number }
  /** Tags it shares with the seeds, most common among the seeds first. */
  tags: string[]
  /** True when the song is itself one of the seeds (e.g. one of the user's songs of this taste). */
  seed: boolean
  /** What the imported listening histories say about it (absent without a history or listens). */
  listening?: { plays: number; skips: number; lastPlayed?: number; rating?: number }
}

/** One song of a mix. */
export interface MixTrack {
  /** Song key (`songKey(artist, title)`). */
  key: string
  artist: string
  title: string
  /** True when the user's library has a file for it (playable now). */
  owned: boolean
  /** The library track that plays it (owned songs only). */
  trackId?: number
  /** Its file path, for export (owned songs only). */
  path?: string
  /** One sentence saying why the song is here. */
  why: string
  /** The facts `why` is made from. */
  evidence: MixEvidence
}

/** A generated playlist. */
export interface Mix {
  /** Stable id: the kind plus a hash of what the mix is made of. */
  id: string
  name: string
  kind: MixKind
  /** A short line under the name (e.g. the taste's top artists). */
  description: string
  /** Seed of the random draws that made it (regenerate with another seed for a fresh mix). */
  seed: number
  /** When it was generated (ISO 8601). */
  created: string
  /** The model that scored it, when the scorer said. */
  modelId?: string
  /** Kept across regeneration (saved by the user). */
  saved: boolean
  /** How it was asked for (seed songs, sizes, options), so it can be regenerated. */
  params: Record<string, unknown>
  tracks: MixTrack[]
}
