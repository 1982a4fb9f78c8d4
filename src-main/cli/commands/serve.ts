// `segue serve`: the whole app headless on 127.0.0.1, printing the URL (with its per-run token) to open in a browser.
import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { checkoutRendererDir } from '../../core/app/paths'
import { startServer } from '../../server/server'
import { parseArgs, UsageError } from '../args'
import { dataOption, openSegue } from '../open'
import { progress } from '../output'
import { portProblem } from '../port-free'

export async function serve(argv: string[]): Promise<number> {
  const a = parseArgs(argv, {
    ...dataOption,
    port: { type: 'int', default: 0, min: 0 },
    epochs: { type: 'int', min: 1 },
    'tag-model': { type: 'string', choices: ['ridge', 'mlp', 'auto', 'off'] },
    'no-train': { type: 'boolean' },
  })
  // A busy port is bad input (exit 2), found before training starts (it would keep the process alive).
  const busy = a.port ? await portProblem(a.port) : null
  if (busy) throw new UsageError(busy)
  if (!existsSync(join(checkoutRendererDir, 'index.html'))) {
    throw new Error(
      'The UI is not built — run `npm run serve` (it builds first) or `npm run build`',
    )
  }
  const app = await openSegue(a.data, {
    background: !a['no-train'],
    training: {
      ...(a.epochs ? { epochs: a.epochs } : {}),
      ...(a['tag-model'] ? { tagModel: a['tag-model'] as 'ridge' | 'mlp' | 'auto' | 'off' } : {}),
    },
  })
  let server: Awaited<ReturnType<typeof startServer>>
  try {
    server = await startServer({
      handlers: app.handlers,
      subscribe: (sink) => app.onEvent(sink),
      staticDir: checkoutRendererDir,
      media: (trackId, range) => app.media(trackId, range),
      port: a.port,
    })
  } catch (e) {
    // Taken between the probe and now: say so and end, whatever the background jobs are doing.
    const code = (e as NodeJS.ErrnoException).code
    process.stderr.write(
      `segue: ${code === 'EADDRINUSE' ? `port ${a.port} on 127.0.0.1 is already in use` : (e as Error).message}\n`,
    )
    await Promise.race([app.close().catch(() => {}), new Promise((r) => setTimeout(r, 2000))])
    process.exit(2)
  }
  process.stdout.write(`Segue is running at ${server.url}\n`)
  progress(`Data folder: ${app.options.dataDir} — press Ctrl+C to stop`)
  await new Promise<void>((resolve) => {
    process.once('SIGINT', resolve)
    process.once('SIGTERM', resolve)
  })
  // Stop within seconds whatever is still running (a training, a worker, an idle browser socket):
  // the database is WAL and models become current atomically, so nothing is lost by leaving.
  const closed = (async () => {
    await server.close()
    await app.close()
  })().catch((e: Error) => process.stderr.write(`segue: while stopping: ${e.message}\n`))
  await Promise.race([closed, new Promise((r) => setTimeout(r, 10_000).unref())])
  process.exit(0)
}
