// The Map view's answer for every song of the model (~45k: layout, labels, cluster colours, owned and placed flags), built and checked once per version of what it shows.
import { setImmediate as nextTurn } from 'node:timers/promises'
import type { MapView, Staleness } from '../../../src-shared/contract'
import { checkedResult } from '../../../src-shared/dispatch'
import type { ClusterCache, MapCache } from './clusters'

/** Songs handled per turn of the event loop while an answer is built (~1–2 ms each). */
const SLICE = 4096

/** What one Map view answer is made of; the objects' identities say when it must be rebuilt. */
export interface MapViewParts {
  map: MapCache
  /** The clusters that colour it (null: none yet). */
  clusters: ClusterCache | null
  staleness: Staleness
  /** The songs the user owns (a new set whenever that changes). */
  owned: ReadonlySet<string>
  /** The served model's rows (a new array whenever the served model is reloaded). */
  modelKeys: string[]
  /** Songs the catalogue knows (labels of the user's own songs appear as they are added). */
  catalogSize: number
  labelOf(key: string): string
  isPlaced(key: string): boolean
}

/**
 * Keeps the last answer: rebuilding it took ~150 ms of the request thread at 45k songs, checking
 * it 35–60 ms and serialising it 40 ms, and every other request waited meanwhile. The cluster and
 * map caches come parsed once per file version (`readClusters`, `readMap`), so the same files give
 * the same objects. A build works in slices between other requests, and requests that arrive
 * during it share it.
 */
export class MapViews {
  private last?: { key: readonly unknown[]; view: Promise<MapView> }

  view(parts: MapViewParts): Promise<MapView> {
    const key = [
      parts.map,
      parts.clusters,
      parts.owned,
      parts.modelKeys,
      parts.catalogSize,
      JSON.stringify(parts.staleness),
    ]
    const last = this.last
    if (last && key.every((k, i) => k === last.key[i])) return last.view
    const view = build(parts)
    this.last = { key, view }
    // A failed build is not kept: the next request tries again.
    view.catch(() => {
      if (this.last?.view === view) this.last = undefined
    })
    return view
  }
}

async function build(parts: MapViewParts): Promise<MapView> {
  const { map, clusters } = parts
  const n = map.keys.length
  const labels = new Array<string>(n)
  const cluster = new Array<number>(n)
  const owned = new Array<boolean>(n)
  const placed = new Array<boolean>(n)
  // Cluster of each key: the clustering's rows (older caches: the model's rows).
  const rows = new Map<string, number>()
  const clustered = clusters ? (clusters.keys ?? parts.modelKeys) : []
  for (let start = 0; start < clustered.length; start += SLICE) {
    const end = Math.min(clustered.length, start + SLICE)
    for (let row = start; row < end; row++) rows.set(clustered[row], row)
    await nextTurn()
  }
  for (let start = 0; start < n; start += SLICE) {
    const end = Math.min(n, start + SLICE)
    for (let i = start; i < end; i++) {
      const k = map.keys[i]
      labels[i] = parts.labelOf(k)
      const row = rows.get(k)
      cluster[i] = !clusters ? 0 : row === undefined ? -1 : (clusters.assignments[row] ?? -1)
      owned[i] = parts.owned.has(k)
      placed[i] = parts.isPlaced(k)
    }
    await nextTurn()
  }
  return checkedResult('map.get', {
    modelId: map.modelId,
    xy: map.xy,
    keys: map.keys,
    labels,
    cluster,
    owned,
    placed,
    ...parts.staleness,
  }) as MapView
}
