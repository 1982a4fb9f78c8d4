// Turns the chosen songs of a generator into a Mix: explained tracks, a content-derived id, the request recorded.
import { createHash } from 'node:crypto'
import type { Mix, MixKind, MixTrack } from './types'
import type { Explainer } from './why'

/** Options every generator accepts. */
export interface MixOptions {
  /** Seed of the random draws; the same seed gives the same mix, another seed a fresh one. */
  seed: number
  /** Songs wanted. */
  n?: number
  /** Mostly (≥ 80 %) songs the user owns, so the whole mix plays now. */
  playableNow?: boolean
  /** How far the mix strays from the strict ranking: 0 = never, default 0.35. */
  freshness?: number
  /** Keys never used. */
  exclude?: readonly string[]
}

/** What a generator hands over. */
export interface MixDraft {
  kind: MixKind
  name: string
  description: string
  seed: number
  modelId?: string
  params: Record<string, unknown>
  keys: readonly string[]
}

/** Explains every chosen key with `explainer` (or per-key explainers) and stamps id and time. */
export function finishMix(
  draft: MixDraft,
  explainer: Explainer | ((key: string) => Explainer),
): Mix {
  const tracks: MixTrack[] = draft.keys.map((key) =>
    (typeof explainer === 'function' ? explainer(key) : explainer).track(key),
  )
  const mix: Mix = {
    id: mixId(draft.kind, draft.name, draft.seed, draft.keys),
    name: draft.name,
    kind: draft.kind,
    description: draft.description,
    seed: draft.seed,
    created: new Date().toISOString(),
    saved: false,
    params: draft.params,
    tracks,
  }
  if (draft.modelId !== undefined) mix.modelId = draft.modelId
  return mix
}

/** `kind-` plus 12 hex digits of a hash of the mix's name, seed and songs: equal mixes share an id. */
export function mixId(kind: MixKind, name: string, seed: number, keys: readonly string[]): string {
  const h = createHash('sha256')
    .update(JSON.stringify([kind, name, seed, keys]))
    .digest('hex')
  return `${kind}-${h.slice(0, 12)}`
}

/** The requested size, checked. */
export function mixSize(n: number | undefined, fallback: number): number {
  const size = n ?? fallback
  if (!Number.isInteger(size) || size < 1 || size > 1000) {
    throw new Error(`A mix holds 1 to 1000 songs, got ${size}`)
  }
  return size
}
