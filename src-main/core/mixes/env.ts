// Everything a mix generator reads, bundled once per request: scorer, catalogue, the user's library, vectors, listening history.
import { weighByListening, type Listening } from './listening'
import type { CatalogLike, Scorer } from './types'
import { UnitVectors } from './unit-vectors'
import { splitKey, type UserLibrary } from './user-library'

/** The read-only inputs of every generator. */
export interface MixEnv {
  scorer: Scorer
  catalog: CatalogLike
  library: UserLibrary
  vectors: UnitVectors
  /** The imported listening histories (absent when none): taste weights, demotions, reasons. */
  listening?: Listening
}

/**
 * Bundles the inputs (vectors are read lazily through the scorer). With `listening` the library's
 * taste weights are scaled by what the histories say (see `weighByListening`).
 */
export function mixEnv(
  scorer: Scorer,
  catalog: CatalogLike,
  library: UserLibrary,
  listening?: Listening,
): MixEnv {
  const vectors = new UnitVectors(scorer)
  if (!listening) return { scorer, catalog, library, vectors }
  return { scorer, catalog, library: weighByListening(library, listening), vectors, listening }
}

/** Display artist and title of a song: the user's own tags first, then the catalogue, then the key. */
export function songName(env: MixEnv, key: string): { artist: string; title: string } {
  const own = env.library.owned.get(key)
  if (own && (own.artist || own.title)) return { artist: own.artist, title: own.title }
  const named = env.library.names.get(key)
  if (named) return named
  const c = env.catalog.get(key)
  if (c) return { artist: c.artist, title: c.title }
  return splitKey(key)
}

/** Keys the model can score (all of them when the scorer cannot tell). */
export function knownKeys(env: MixEnv, keys: readonly string[]): string[] {
  const has = env.scorer.has
  if (has) return keys.filter((k) => has.call(env.scorer, k))
  if (env.vectors.available) return keys.filter((k) => env.vectors.get(k) !== undefined)
  return [...keys]
}

/** Every key that must never appear: the thumbs-down songs plus `extra`. */
export function blockedKeys(env: MixEnv, extra: Iterable<string> = []): Set<string> {
  return new Set([...env.library.thumbsDown, ...extra])
}
