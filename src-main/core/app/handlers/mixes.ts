// Requests about Made For You mixes, radio, continuation, journeys, cluster playlists, saving, export and thumbs.
import type { Handlers } from '../../../../src-shared/contract'
import { AppError } from '../../../../src-shared/dispatch'
import { clusterMembers, readClusters } from '../clusters'
import type { MixServices } from './services'

type MixHandlers = Pick<
  Handlers,
  | 'mixes.list'
  | 'mixes.generate'
  | 'mixes.radio'
  | 'mixes.continue'
  | 'mixes.journey'
  | 'mixes.cluster'
  | 'mixes.save'
  | 'mixes.export'
  | 'feedback.set'
>

export function mixHandlers(app: MixServices): MixHandlers {
  return {
    'mixes.list': () => app.mixes.list(),
    'mixes.generate': async ({ seed, playableNow }) => {
      const mixes = await app.mixes.generate(seed, playableNow)
      app.emit('mixes.changed', { count: mixes.length })
      return mixes
    },
    'mixes.radio': ({ keys, n, exclude, seed, playableNow }) =>
      app.mixes.radio(keys, n, exclude, seed, playableNow),
    'mixes.continue': ({ playlistId, n }) => app.mixes.continue(playlistId, n),
    'mixes.journey': ({ from, to, n }) => app.mixes.journey(from, to, n),
    'mixes.cluster': async ({ clusterId, n }) => {
      const cache = await readClusters(await app.requireModel())
      const cluster = cache?.clusters.find((c) => c.id === clusterId)
      if (!cache || !cluster)
        throw new AppError('not-found', `No cluster ${clusterId} — find clusters first`)
      const keys = clusterMembers(cache, clusterId, app.serving.keys())
      return app.mixes.cluster(keys, cluster.label, cluster.top_artists, n)
    },
    'mixes.save': ({ id, saved, name }) => app.mixes.setSaved(id, saved, name),
    'mixes.export': async ({ id, format }) => {
      const { filename, content } = await app.mixes.export(id, format)
      return { filename, content }
    },
    'feedback.set': async ({ key, thumb }) => {
      await app.mixes.feedback(key, thumb)
      return { key, thumb }
    },
  }
}
