// The identity of a playlist entry across re-imports and files, under which a manual match fix is remembered.
import { keyOrNull } from '../catalog/match'

/** The parts of an entry its signature is made of (an imported item fits). */
export interface SignedEntry {
  /** A signature already computed (an imported item carries it); used as is when present. */
  signature?: string | null
  /** Resolved location (absolute path or URL). */
  location?: string | null
  artist?: string | null
  title?: string | null
}

/** `loc:<location lower-cased>` when there is a location, else `tag:<song key>`; undefined when neither. */
export function entrySignature(e: SignedEntry): string | undefined {
  if (e.signature) return e.signature
  if (e.location) return `loc:${e.location.toLowerCase()}`
  const key = keyOrNull(e.artist, e.title)
  return key === null ? undefined : `tag:${key}`
}
