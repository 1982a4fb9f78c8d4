// Requests about clusters and the map of the model in use (an earlier model's, marked stale, until it has its own).
import type { Handlers, Staleness } from '../../../../src-shared/contract'
import { AppError } from '../../../../src-shared/dispatch'
import { clusterMembers, readClusters, shownClusters, shownMap, type Shown } from '../clusters'
import { MapViews } from '../map-view'
import type { ClusterServices } from './services'

export function clusterHandlers(
  app: ClusterServices,
): Pick<Handlers, 'clusters.get' | 'clusters.run' | 'clusters.songs' | 'map.get'> {
  /** Whether `shown` stands in for the model in use, and the clustering job's progress. */
  const staleness = (shown: Shown<unknown>, current: string): Staleness => {
    const job = app.jobs.running('cluster')
    return {
      ...(shown.stale ? { stale: true, forModel: current } : {}),
      ...(job ? { progress: job.progress } : {}),
    }
  }
  const mapViews = new MapViews()
  const clustersShown = async () => {
    const record = await app.requireModel()
    return { record, shown: await shownClusters(record, await app.models.list()) }
  }
  return {
    'clusters.get': async () => {
      if (!app.model) return null
      const { record, shown } = await clustersShown()
      if (!shown) return null
      const cache = shown.cache
      return {
        modelId: cache.modelId,
        k: cache.k,
        chosenK: cache.chosenK,
        elbow: cache.elbow,
        clusters: cache.clusters,
        ...staleness(shown, record.id),
      }
    },
    'clusters.run': async (args) => {
      await app.requireModel()
      if (args.kMin !== undefined && args.kMax !== undefined && args.kMin >= args.kMax) {
        throw new AppError('bad-request', 'kMin must be smaller than kMax')
      }
      return { jobId: app.startClustering(args).id }
    },
    'clusters.songs': async ({ id, limit }) => {
      const { shown } = await clustersShown()
      if (!shown) throw new AppError('not-ready', 'No clusters yet — find clusters first')
      const cache = shown.cache
      if (id >= cache.k) throw new AppError('not-found', `No cluster ${id} (there are ${cache.k})`)
      const keys = clusterMembers(cache, id, app.serving.keys())
      keys.sort((a, b) => app.serving.count(b) - app.serving.count(a))
      return keys.slice(0, limit).map((k) => app.songRef(k))
    },
    'map.get': async () => {
      if (!app.model) return null
      const record = await app.requireModel()
      const models = await app.models.list()
      const shown = await shownMap(record, models)
      if (!shown) return null
      const map = shown.cache
      // Colours: the clusters of the model the map was drawn for, else those shown meanwhile.
      const clusters =
        (await readClusters(shown.record)) ?? (await shownClusters(record, models))?.cache
      return mapViews.view({
        map,
        clusters: clusters ?? null,
        staleness: staleness(shown, record.id),
        owned: app.owned,
        modelKeys: app.serving.keys(),
        catalogSize: app.catalog.songs.size,
        labelOf: (k) => {
          const s = app.catalog.get(k)
          return s ? `${s.artist} — ${s.title}` : k
        },
        isPlaced: (k) => app.serving.placedBy(k) !== undefined,
      })
    },
  }
}
