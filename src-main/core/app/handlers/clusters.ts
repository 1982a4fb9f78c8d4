// Requests about clusters and the map of the model in use.
import type { Handlers } from '../../../../src-shared/contract'
import { AppError } from '../../../../src-shared/dispatch'
import { clusterMembers, clusterOfKeys, readClusters, readMap } from '../clusters'
import type { ClusterServices } from './services'

export function clusterHandlers(
  app: ClusterServices,
): Pick<Handlers, 'clusters.get' | 'clusters.run' | 'clusters.songs' | 'map.get'> {
  return {
    'clusters.get': async () => {
      const cache = app.model ? await readClusters(await app.requireModel()) : null
      return (
        cache && {
          modelId: cache.modelId,
          k: cache.k,
          chosenK: cache.chosenK,
          elbow: cache.elbow,
          clusters: cache.clusters,
        }
      )
    },
    'clusters.run': async (args) => {
      await app.requireModel()
      if (args.kMin !== undefined && args.kMax !== undefined && args.kMin >= args.kMax) {
        throw new AppError('bad-request', 'kMin must be smaller than kMax')
      }
      return { jobId: app.startClustering(args).id }
    },
    'clusters.songs': async ({ id, limit }) => {
      const cache = await readClusters(await app.requireModel())
      if (!cache) throw new AppError('not-ready', 'No clusters yet — find clusters first')
      if (id >= cache.k) throw new AppError('not-found', `No cluster ${id} (there are ${cache.k})`)
      const keys = clusterMembers(cache, id, app.serving.keys())
      keys.sort((a, b) => app.serving.count(b) - app.serving.count(a))
      return keys.slice(0, limit).map((k) => app.songRef(k))
    },
    'map.get': async () => {
      if (!app.model) return null
      const record = await app.requireModel()
      const [map, clusters] = await Promise.all([readMap(record), readClusters(record)])
      if (!map) return null
      const labels = map.keys.map((k) => {
        const s = app.catalog.get(k)
        return s ? `${s.artist} — ${s.title}` : k
      })
      return {
        modelId: map.modelId,
        xy: map.xy,
        keys: map.keys,
        labels,
        cluster: clusters
          ? clusterOfKeys(clusters, map.keys, app.serving.keys())
          : map.keys.map(() => 0),
        owned: map.keys.map((k) => app.owned.has(k)),
        placed: map.keys.map((k) => app.serving.placedBy(k) !== undefined),
      }
    },
  }
}
