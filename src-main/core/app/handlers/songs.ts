// Requests about the catalogue, similar songs, training and jobs.
import type { Handlers } from '../../../../src-shared/contract'
import { AppError } from '../../../../src-shared/dispatch'
import { ATTRIBUTION } from '../../catalog/attribution'
import type { SongServices } from './services'

type SongHandlers = Pick<
  Handlers,
  | 'app.info'
  | 'model.status'
  | 'songs.search'
  | 'songs.get'
  | 'similar.get'
  | 'training.start'
  | 'jobs.list'
  | 'jobs.cancel'
>

export function songHandlers(app: SongServices): SongHandlers {
  return {
    'app.info': async () => ({
      version: app.options.version ?? '0.0.0',
      dataDir: app.options.dataDir,
      catalog: { songs: app.catalog.songs.size, playlists: app.catalog.playlists.length },
      attribution: ATTRIBUTION,
      notices: [...app.notices],
    }),
    'model.status': async () => ({
      model: app.model,
      training: app.jobs.running('train') ?? null,
      similarPrecomputed: app.similarPrecomputed,
    }),
    'songs.search': async ({ query, limit }) =>
      app.catalog
        .search(query, limit, (key) => app.serving.count(key), app.model?.id ?? 'no model')
        .map((s) => app.songRef(s.key)),
    'songs.get': async ({ key }) => {
      if (!app.catalog.get(key)) throw new AppError('not-found', `No song with key "${key}"`)
      return app.songRef(key)
    },
    'similar.get': async ({ key, topn }) => app.similar(key, topn),
    'training.start': async (args) => ({ jobId: app.startTraining(args).id }),
    'jobs.list': async () => app.jobs.list(),
    'jobs.cancel': async ({ jobId }) => ({ cancelled: app.jobs.cancel(jobId) }),
  }
}
