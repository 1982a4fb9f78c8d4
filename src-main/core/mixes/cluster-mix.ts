// A mix from one cluster of the song map: its songs treated as a taste (owned ones first, plus close new songs).
import { songName, type MixEnv } from './env'
import { tasteMix, type TasteMixOptions } from './daily'
import type { TasteCentroid } from './taste-profile'
import type { Mix } from './types'
import { weightedDirection } from './unit-vectors'
import type { TasteSong } from './user-library'

/** Which cluster to make a mix of. */
export interface ClusterMixRequest {
  /** The cluster's song keys, most typical first. */
  keys: readonly string[]
  /** The cluster's label (it names the mix). */
  label: string
  /** Its top artists, for the description. */
  topArtists?: readonly string[]
}

/** A mix of kind 'cluster' made like a daily mix from the cluster's songs. */
export async function clusterMix(
  env: MixEnv,
  cluster: ClusterMixRequest,
  opts: TasteMixOptions,
): Promise<Mix> {
  const weightOf = new Map(env.library.taste.map((s) => [s.key, s.weight]))
  const members: TasteSong[] = []
  const vectors: Float32Array[] = []
  const weights: number[] = []
  for (const key of new Set(cluster.keys)) {
    const name = songName(env, key)
    const weight = weightOf.get(key) ?? 1
    members.push({ key, ...name, owned: env.library.owned.has(key), weight })
    const v = env.vectors.get(key)
    if (v) {
      vectors.push(v)
      weights.push(weight)
    }
  }
  const direction = weightedDirection(vectors, weights)
  if (!direction)
    throw new Error(
      `The model has no vectors for the songs of cluster "${cluster.label}": retrain first`,
    )
  const taste: TasteCentroid = {
    index: 0,
    direction,
    members,
    weight: weights.reduce((a, b) => a + b, 0),
    share: 1,
    label: cluster.label,
    topTags: [],
    topArtists: [...(cluster.topArtists ?? [])],
  }
  return tasteMix(env, taste, 'cluster', `${cluster.label} Mix`, opts)
}
