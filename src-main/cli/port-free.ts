// Whether `serve` can listen on a port of 127.0.0.1, asked before anything (training) starts.
import { createServer } from 'node:net'

/** Null when the port can be listened on, else the reason (EADDRINUSE, EACCES, …) in words. */
export function portProblem(port: number): Promise<string | null> {
  return new Promise((resolve) => {
    const probe = createServer()
    probe.once('error', (e: NodeJS.ErrnoException) =>
      resolve(
        e.code === 'EADDRINUSE'
          ? `port ${port} on 127.0.0.1 is already in use — stop the other program or pick another --port (0 chooses a free one)`
          : `cannot listen on 127.0.0.1:${port} (${e.code ?? e.message})`,
      ),
    )
    try {
      probe.listen(port, '127.0.0.1', () => probe.close(() => resolve(null)))
    } catch (e) {
      resolve(`cannot listen on 127.0.0.1:${port} (${(e as Error).message})`)
    }
  })
}
