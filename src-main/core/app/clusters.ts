// Clusters and the 2-D map of a model's songs, computed as jobs and cached in the model's folder.
import { join } from 'node:path'
import type { ClusterView } from '../../../src-shared/contract'
import { clusterVectors, computeMap, labelClusters } from '../cluster'
import type { JobContext } from '../jobs/runner'
import type { ModelRecord } from '../models/registry'
import { loadServable } from '../models/servable'
import { writeFileAtomic } from '../util/fs-atomic'
import { JsonFileCache } from '../util/json-file-cache'

const CLUSTERS_FILE = 'clusters.json'
const MAP_FILE = 'map.json'
/** Clustering and map seeds are fixed so the same model always gets the same picture. */
const SEED = 7

export interface ClusterCache {
  modelId: string
  k: number
  /** The elbow's k (kept when the user picks another k). */
  chosenK: number
  elbow: { k: number; inertia: number }[]
  /** The songs clustered, row order (learnt, then placed by content); absent in older caches (= the model's rows). */
  keys?: string[]
  /** Cluster of each row (-1 for zero vectors). */
  assignments: number[]
  clusters: ClusterView[]
}

export interface MapCache {
  modelId: string
  keys: string[]
  xy: number[]
}

export interface SongFacts {
  tags: string[]
  artist: string
  owned: boolean
}

export interface ClusterRequest {
  k?: number
  kMin?: number
  kMax?: number
}

/** Parsed once per file version (2–4 MB of JSON at 45k songs, ~25 ms to parse); shared, so read-only. */
const caches = new JsonFileCache()

export async function readClusters(record: ModelRecord): Promise<ClusterCache | null> {
  return caches.read<ClusterCache>(join(record.dir, CLUSTERS_FILE))
}

export async function readMap(record: ModelRecord): Promise<MapCache | null> {
  return caches.read<MapCache>(join(record.dir, MAP_FILE))
}

/** A cache to show, the model it was computed for, and whether that is an earlier model than the one in use. */
export interface Shown<T> {
  cache: T
  record: ModelRecord
  /** True when the model in use has none yet and this is an earlier model's (kept until new ones are ready). */
  stale: boolean
}

/**
 * The clusters to show for `current`: its own, else those of the newest other model in `models`
 * (newest first, as the registry lists them) that has some, marked stale; null when none has any.
 */
export function shownClusters(
  current: ModelRecord,
  models: readonly ModelRecord[],
): Promise<Shown<ClusterCache> | null> {
  return firstWith(current, models, readClusters)
}

/** The map to show for `current`: its own, else the newest other model's, marked stale (as {@link shownClusters}). */
export function shownMap(
  current: ModelRecord,
  models: readonly ModelRecord[],
): Promise<Shown<MapCache> | null> {
  return firstWith(current, models, readMap)
}

async function firstWith<T>(
  current: ModelRecord,
  models: readonly ModelRecord[],
  read: (record: ModelRecord) => Promise<T | null>,
): Promise<Shown<T> | null> {
  const own = await read(current)
  if (own) return { cache: own, record: current, stale: false }
  for (const record of models) {
    if (record.id === current.id) continue
    const cache = await read(record)
    if (cache) return { cache, record, stale: true }
  }
  return null
}

/** Spherical k-means on the model's vectors (learnt and placed) (k by the elbow rule unless given), labelled from tags and artists. */
export async function computeClusters(
  record: ModelRecord,
  facts: (key: string) => SongFacts,
  request: ClusterRequest,
  ctx: JobContext,
): Promise<ClusterCache> {
  const model = await loadServable(record.dir)
  const n = model.vocab.length
  const previous = await readClusters(record)
  const auto = request.k === undefined
  const clustering = await clusterVectors(model.input, n, model.dim, {
    k: request.k ?? 'auto',
    seed: SEED,
    range: {
      min: request.kMin ?? 10,
      max: Math.min(request.kMax ?? 500, Math.max(2, Math.floor(n / 4))),
    },
    signal: ctx.signal,
    onProgress: (done, total) =>
      ctx.report((0.9 * done) / total, `Clustering: fit ${done} of ${total}`),
  })
  const labels = labelClusters(clustering.assignments, clustering.k, model.vocab.map(facts), {
    space: { vectors: model.input, dim: model.dim, centroids: clustering.centroids },
  })
  const cache: ClusterCache = {
    modelId: record.id,
    k: clustering.k,
    chosenK: auto ? clustering.k : (previous?.chosenK ?? clustering.k),
    elbow: auto ? clustering.elbow : (previous?.elbow ?? []),
    keys: model.vocab,
    assignments: Array.from(clustering.assignments),
    clusters: labels.map((l) => ({ ...l, cohesion: l.cohesion ?? 0 })),
  }
  await writeFileAtomic(join(record.dir, CLUSTERS_FILE), JSON.stringify(cache))
  return cache
}

/** The 2-D map (UMAP on cosine distance) of every song of the model, computed in a worker. */
export async function computeSongMap(record: ModelRecord, ctx: JobContext): Promise<MapCache> {
  const model = await loadServable(record.dir)
  const xy = await computeMap(model.input, model.vocab.length, model.dim, {
    seed: SEED,
    signal: ctx.signal,
    onProgress: (done, total, stage) =>
      ctx.report(
        stage === 'neighbors' ? (0.3 * done) / total : 0.3 + (0.7 * done) / total,
        `Map: ${stage} ${done} of ${total}`,
      ),
  })
  const cache: MapCache = {
    modelId: record.id,
    keys: model.vocab,
    xy: Array.from(xy, (v) => Math.round(v * 1000) / 1000),
  }
  await writeFileAtomic(join(record.dir, MAP_FILE), JSON.stringify(cache))
  return cache
}

/**
 * After a training (or a new k): clusters and, when the model has none yet, its map, computed side
 * by side in their workers (the map does not depend on k). `onReady` runs as each is written, so
 * the view can swap it in; one failing cancels the other.
 */
export async function computeClustersAndMap(
  record: ModelRecord,
  facts: (key: string) => SongFacts,
  request: ClusterRequest,
  ctx: JobContext,
  onReady: (what: 'clusters' | 'map') => void = () => {},
): Promise<void> {
  const drawMap = !(await readMap(record))
  ctx.signal.throwIfAborted()
  const controller = new AbortController()
  const stop = (): void => controller.abort()
  ctx.signal.addEventListener('abort', stop, { once: true })
  // The map takes about as long as the clusters at 45k rows; progress is their mean.
  const share = { clusters: 0, map: drawMap ? 0 : 1 }
  const part = (name: 'clusters' | 'map'): JobContext => ({
    signal: controller.signal,
    addLoss: ctx.addLoss,
    report(p, message) {
      share[name] = p
      ctx.report((share.clusters + share.map) / 2, message)
    },
  })
  const run = async (name: 'clusters' | 'map', work: () => Promise<unknown>): Promise<void> => {
    try {
      await work()
    } catch (e) {
      stop()
      throw e
    }
    part(name).report(1, name === 'clusters' ? 'Clusters ready' : 'Map ready')
    onReady(name)
  }
  try {
    await Promise.all([
      run('clusters', () => computeClusters(record, facts, request, part('clusters'))),
      drawMap ? run('map', () => computeSongMap(record, part('map'))) : Promise.resolve(),
    ])
  } finally {
    ctx.signal.removeEventListener('abort', stop)
  }
}

/** Keys of cluster `id` (`modelKeys`: the model's rows, for caches written before keys were kept). */
export function clusterMembers(cache: ClusterCache, id: number, modelKeys: string[]): string[] {
  return (cache.keys ?? modelKeys).filter((_, row) => cache.assignments[row] === id)
}
