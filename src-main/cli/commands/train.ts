// `segue train`: trains a new model on the research (and the user's) playlists and makes it the one in use.
import { parseArgs } from '../args'
import { dataOption, openSegue } from '../open'
import { progress, result } from '../output'

export async function trainCommand(argv: string[]): Promise<number> {
  const a = parseArgs(argv, {
    ...dataOption,
    algo: { type: 'string', choices: ['cbow', 'sg'] },
    epochs: { type: 'int', min: 1 },
    threads: { type: 'int', min: 1 },
    json: { type: 'boolean' },
  })
  const app = await openSegue(a.data, { training: a.threads ? { threads: a.threads } : {} })
  const stop = () => app.jobs.list().forEach((j) => j.state === 'running' && app.jobs.cancel(j.id))
  process.once('SIGINT', stop)
  try {
    const job = app.startTraining({ epochs: a.epochs, algo: a.algo as 'cbow' | 'sg' | undefined })
    const off = app.jobs.onUpdate((j) => j.id === job.id && progress(`${Math.round(j.progress * 100)}% ${j.message}`))
    const done = await app.jobs.wait(job.id)
    off()
    if (done.state !== 'done') throw new Error(done.error ?? `Training ${done.state}`)
    result(a.json ?? false, { model: app.model }, () => `Model ${app.model?.id} is now in use (${app.model?.songs} songs).`)
    return 0
  } finally {
    process.off('SIGINT', stop)
    await app.close()
  }
}
