// The names of every request and event, free of dependencies so the sandboxed preload can bundle them; contract.ts is checked against them.
export const requestNames = [
  'app.info',
  'model.status',
  'songs.search',
  'songs.get',
  'similar.get',
  'training.start',
  'settings.get',
  'settings.set',
  'content.status',
  'content.analyze',
  'library.summary',
  'library.pickPaths',
  'library.import',
  'playlists.list',
  'playlists.get',
  'playlists.fixMatch',
  'playlists.export',
  'quality.report',
  'quality.run',
  'clusters.get',
  'clusters.run',
  'clusters.songs',
  'map.get',
  'mixes.list',
  'mixes.generate',
  'mixes.radio',
  'mixes.continue',
  'mixes.journey',
  'mixes.cluster',
  'mixes.save',
  'mixes.export',
  'feedback.set',
  'jobs.list',
  'jobs.cancel',
] as const

export const eventNames = [
  'job.updated',
  'model.changed',
  'library.changed',
  'quality.changed',
  'clusters.changed',
  'mixes.changed',
] as const

export type RequestName = (typeof requestNames)[number]
export type EventName = (typeof eventNames)[number]
