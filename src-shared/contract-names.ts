// The names of every request and event, free of dependencies so the sandboxed preload can bundle them; contract.ts is checked against them.
export const requestNames = [
  'app.info',
  'model.status',
  'songs.search',
  'similar.get',
  'training.start',
  'jobs.list',
  'jobs.cancel',
] as const

export const eventNames = ['job.updated', 'model.changed'] as const

export type RequestName = (typeof requestNames)[number]
export type EventName = (typeof eventNames)[number]
