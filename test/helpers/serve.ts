// Starts the real headless app (`segue serve`) on a fresh data folder and returns its URL; shared by the e2e tests.
import { spawn, type ChildProcess } from 'node:child_process'
import { mkdtemp } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

export interface ServedApp {
  url: string
  origin: string
  token: string
  dataDir: string
  stop(): Promise<void>
}

const root = join(import.meta.dirname, '../..')

export async function serveApp(args: string[] = [], dataDir?: string): Promise<ServedApp> {
  const data = dataDir ?? (await mkdtemp(join(tmpdir(), 'segue-e2e-')))
  const child: ChildProcess = spawn(
    process.execPath,
    [join(root, 'bin/segue.mjs'), 'serve', '--data', data, ...args],
    {
      cwd: root,
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  )
  let stderr = ''
  child.stderr!.on('data', (d) => (stderr += String(d)))
  const url = await new Promise<string>((resolve, reject) => {
    let out = ''
    child.stdout!.on('data', (d) => {
      out += String(d)
      const m = /running at (http:\/\/127\.0\.0\.1:\d+\/\?token=[\w-]+)/.exec(out)
      if (m) resolve(m[1])
    })
    child.once('exit', (code) => reject(new Error(`serve exited with ${code}: ${stderr}`)))
  })
  const parsed = new URL(url)
  return {
    url,
    origin: parsed.origin,
    token: parsed.searchParams.get('token')!,
    dataDir: data,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve()
        child.once('exit', () => resolve())
        child.kill('SIGTERM')
      }),
  }
}
