// `segue train`: trains a new model on the research (and the user's) playlists and makes it the one in use.
import { parseArgs } from '../args'
import { dataOption, openSegue, waitForJob } from '../open'
import { result } from '../output'

export async function trainCommand(argv: string[]): Promise<number> {
  const a = parseArgs(argv, {
    ...dataOption,
    algo: { type: 'string', choices: ['cbow', 'sg'] },
    epochs: { type: 'int', min: 1 },
    threads: { type: 'int', min: 1 },
    json: { type: 'boolean' },
  })
  const app = await openSegue(a.data, { training: a.threads ? { threads: a.threads } : {} })
  try {
    await waitForJob(
      app,
      app.startTraining({ epochs: a.epochs, algo: a.algo as 'cbow' | 'sg' | undefined }),
    )
    result(
      a.json ?? false,
      { model: app.model },
      () => `Model ${app.model?.id} is now in use (${app.model?.songs} songs).`,
    )
    return 0
  } finally {
    await app.close()
  }
}
