// How the Clusters view lists clusters and reads the map: the user's clusters first, the rest searchable, cohesion in words, names at centres, fly-to matches.
import type { ClusterView, MapView } from '../src-shared/contract'

/** The user's clusters (most of their songs first) and the others (largest first), the others filtered by `query`. */
export function splitClusters(
  clusters: readonly ClusterView[],
  query = '',
): { yours: ClusterView[]; others: ClusterView[] } {
  const words = query.toLowerCase().split(/\s+/).filter(Boolean)
  const match = (c: ClusterView) => {
    const hay = [c.label, ...c.top_tags, ...c.top_artists].join(' ').toLowerCase()
    return words.every((w) => hay.includes(w))
  }
  const yours = clusters
    .filter((c) => c.owned > 0)
    .sort((a, b) => b.owned - a.owned || b.size - a.size || a.id - b.id)
  const others = clusters
    .filter((c) => c.owned === 0 && match(c))
    .sort((a, b) => b.size - a.size || a.id - b.id)
  return { yours, others }
}

/** Cohesion (mean simplified silhouette, −1…1) in a word and a sentence a person can read. */
export function cohesionWords(cohesion: number): { word: string; title: string } {
  const word = cohesion >= 0.3 ? 'tight' : cohesion >= 0.1 ? 'fairly tight' : 'loose'
  return {
    word,
    title: `How much closer its songs are to one another than to the next cluster: ${cohesion.toFixed(2)} on a scale from −1 (mixed up) to 1 (well apart).`,
  }
}

/** One cluster's centre on the map (median of its songs, robust to strays) and size. */
export interface ClusterCentre {
  cluster: number
  x: number
  y: number
  size: number
}

/** Centres of every cluster with songs on the map, largest first. */
export function clusterCentres(map: Pick<MapView, 'xy' | 'cluster'>): ClusterCentre[] {
  const xs = new Map<number, number[]>()
  const ys = new Map<number, number[]>()
  for (let i = 0; i < map.cluster.length; i++) {
    const c = map.cluster[i]
    if (c < 0) continue
    if (!xs.has(c)) {
      xs.set(c, [])
      ys.set(c, [])
    }
    xs.get(c)!.push(map.xy[2 * i])
    ys.get(c)!.push(map.xy[2 * i + 1])
  }
  return [...xs.keys()]
    .map((c) => ({
      cluster: c,
      x: median(xs.get(c)!),
      y: median(ys.get(c)!),
      size: xs.get(c)!.length,
    }))
    .sort((a, b) => b.size - a.size || a.cluster - b.cluster)
}

function median(v: number[]): number {
  const s = [...v].sort((a, b) => a - b)
  const m = s.length >> 1
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2
}

/**
 * Level of detail: how many cluster names to draw when `visible` of the map's width is in view
 * (1 = whole map): the `base` largest at full view, more as one zooms in, all of them when close.
 */
export function namesToShow(total: number, visible: number, base = 12): number {
  const v = Math.min(1, Math.max(1e-6, visible))
  return Math.min(total, Math.round(base / (v * v)))
}

/** A fly-to match: a song (its index on the map) or a cluster (its centre). */
export type FlyMatch =
  | { kind: 'song'; index: number; label: string }
  | { kind: 'cluster'; cluster: number; label: string }

/** Up to `max` songs and clusters whose name contains every word typed, clusters first. */
export function flyMatches(
  map: Pick<MapView, 'labels'>,
  names: ReadonlyMap<number, string>,
  query: string,
  max = 8,
): FlyMatch[] {
  const words = query.toLowerCase().split(/\s+/).filter(Boolean)
  if (!words.length) return []
  const hit = (s: string) => {
    const l = s.toLowerCase()
    return words.every((w) => l.includes(w))
  }
  const out: FlyMatch[] = []
  for (const [cluster, label] of names) {
    if (out.length >= Math.min(3, max)) break
    if (hit(label)) out.push({ kind: 'cluster', cluster, label })
  }
  for (let i = 0; i < map.labels.length && out.length < max; i++)
    if (hit(map.labels[i])) out.push({ kind: 'song', index: i, label: map.labels[i] })
  return out
}
