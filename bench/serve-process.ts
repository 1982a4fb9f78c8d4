// Shared by the HTTP benchmarks: a real `segue serve` child process on a data folder (trained first when it has no model), and timed POSTs to its API.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process'
import { existsSync, readFileSync } from 'node:fs'
import { Agent, request } from 'node:http'
import { join } from 'node:path'

const ROOT = new URL('..', import.meta.url).pathname
const CLI = join(ROOT, 'bin', 'segue.mjs')

/** The CPU's name and the SIMD flags that decide onnxruntime's and numpy's kernels. */
export function cpuLine(): string {
  const info = readFileSync('/proc/cpuinfo', 'utf8')
  const name = info.match(/^model name\s*:(.*)$/m)?.[1]?.trim() ?? 'unknown CPU'
  const flags = (info.match(/^flags\s*:(.*)$/m)?.[1] ?? '').split(' ').filter(Boolean)
  const simd = flags.filter((f) => /^(sse4_2|avx|avx2|fma|f16c|avx512\w*|avx_vnni|amx\w*)$/.test(f))
  const cores = info.match(/^processor\s*:/gm)?.length ?? 0
  return `${name}, ${cores} logical cores; SIMD flags: ${simd.join(' ')}; Node ${process.version}`
}

/** The options every served-app benchmark takes: its data folder, and the epochs of a first training there. */
export const DATA_OPTIONS = {
  data: { type: 'string', default: '/tmp/segue-similar-http' },
  epochs: { type: 'string', default: '2' },
} as const

/** Trains a first model in `dataDir` through `segue train` unless one is already in use there. */
export function ensureModel(dataDir: string, epochs: number): void {
  if (existsSync(join(dataDir, 'models', 'current.json'))) return
  process.stderr.write(`No model in ${dataDir}: training one (${epochs} epochs)…\n`)
  const r = spawnSync(
    process.execPath,
    [CLI, 'train', '--data', dataDir, '--epochs', String(epochs)],
    {
      stdio: ['ignore', 'inherit', 'inherit'],
    },
  )
  if (r.status !== 0) throw new Error(`segue train exited with ${r.status ?? r.signal}`)
}

/** Clusters and maps the model in use through `segue clusters` unless it has its map already. */
export function ensureClusters(dataDir: string): void {
  if (existsSync(join(dataDir, 'models', currentModelId(dataDir), 'map.json'))) return
  process.stderr.write(`No clusters or map in ${dataDir}: segue clusters…\n`)
  const r = spawnSync(process.execPath, [CLI, 'clusters', '--data', dataDir], {
    stdio: ['ignore', 'ignore', 'inherit'],
  })
  if (r.status !== 0) throw new Error(`segue clusters exited with ${r.status ?? r.signal}`)
}

/** The id of the model in use in `dataDir`. */
export function currentModelId(dataDir: string): string {
  const { id } = JSON.parse(readFileSync(join(dataDir, 'models', 'current.json'), 'utf8')) as {
    id: string
  }
  return id
}

/** Learnt song keys of the model in use (rows of its vocab.tsv, most played first). */
export function learntKeys(dataDir: string): string[] {
  return readFileSync(join(dataDir, 'models', currentModelId(dataDir), 'vocab.tsv'), 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((line) => line.split('\t')[0])
}

export interface ServeChild {
  base: string
  token: string
  child: ChildProcess
  /** POSTs `args` to /api/<name> with `fetch`; resolves with the envelope's data and the round trip in ms. */
  call<T = unknown>(name: string, args: unknown): Promise<{ data: T; ms: number }>
  /** The same POST through `node:http` on kept-alive sockets (a lean client, as wrk or curl would be). */
  post<T = unknown>(name: string, args: unknown): Promise<{ data: T; ms: number }>
  /** The same POST, the response left unparsed (a big answer's parse would hold up this client). */
  postRaw(name: string, args: unknown): Promise<{ status: number; body: Buffer; ms: number }>
  /** Whether the model's worker has precomputed Similar songs (`model.status`). */
  precomputed(): Promise<boolean>
  /** Waits until it has (at most `timeoutMs`, default 10 minutes). */
  untilPrecomputed(timeoutMs?: number): Promise<void>
  stop(): Promise<void>
}

/** Starts `segue serve --no-train` on `dataDir` (node flags such as --cpu-prof go to the child). */
export async function startServe(dataDir: string, nodeFlags: string[] = []): Promise<ServeChild> {
  const child = spawn(
    process.execPath,
    [...nodeFlags, CLI, 'serve', '--data', dataDir, '--no-train', '--port', '0'],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  )
  const url = await new Promise<string>((resolve, reject) => {
    let out = ''
    child.stdout!.on('data', (b: Buffer) => {
      out += b.toString()
      const m = out.match(/running at (http:\/\/\S+)/)
      if (m) resolve(m[1])
    })
    child.once('exit', (code) => reject(new Error(`segue serve exited (${code}) before listening`)))
  })
  const parsed = new URL(url)
  const token = parsed.searchParams.get('token') ?? ''
  const base = parsed.origin
  const call = async <T>(name: string, args: unknown): Promise<{ data: T; ms: number }> => {
    const t = performance.now()
    const res = await fetch(`${base}/api/${name}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify(args),
    })
    const body = (await res.json()) as { ok: boolean; result?: T; error?: { message: string } }
    const ms = performance.now() - t
    if (!body.ok) throw new Error(`${name}: ${body.error?.message ?? res.status}`)
    return { data: body.result as T, ms }
  }
  const agent = new Agent({ keepAlive: true })
  /** The raw response of a POST through node:http, timed until its last byte. */
  const postRaw = (
    name: string,
    args: unknown,
  ): Promise<{ status: number; body: Buffer; ms: number }> =>
    new Promise((resolve, reject) => {
      const t = performance.now()
      const body = JSON.stringify(args)
      const req = request(
        `${base}/api/${name}`,
        {
          method: 'POST',
          agent,
          headers: {
            authorization: `Bearer ${token}`,
            'content-type': 'application/json',
            'content-length': Buffer.byteLength(body),
          },
        },
        (res) => {
          const chunks: Buffer[] = []
          res.on('data', (c: Buffer) => chunks.push(c))
          res.on('error', reject)
          res.on('end', () =>
            resolve({
              status: res.statusCode ?? 0,
              body: Buffer.concat(chunks),
              ms: performance.now() - t,
            }),
          )
        },
      )
      req.on('error', reject)
      req.end(body)
    })
  const post = async <T>(name: string, args: unknown): Promise<{ data: T; ms: number }> => {
    const r = await postRaw(name, args)
    const env = JSON.parse(r.body.toString('utf8')) as {
      ok: boolean
      result?: T
      error?: { message: string }
    }
    if (!env.ok) throw new Error(`${name}: ${env.error?.message ?? r.status}`)
    return { data: env.result as T, ms: r.ms }
  }
  const precomputed = async () =>
    (await post<{ similarPrecomputed?: boolean }>('model.status', {})).data.similarPrecomputed ===
    true
  const untilPrecomputed = async (timeoutMs = 600_000) => {
    const t = performance.now()
    while (!(await precomputed())) {
      if (performance.now() - t > timeoutMs)
        throw new Error(`Similar songs were not precomputed in ${timeoutMs / 1000} s`)
      await new Promise((resolve) => setTimeout(resolve, 200))
    }
  }
  const stop = async () => {
    agent.destroy()
    if (child.exitCode !== null) return
    const exited = new Promise((resolve) => child.once('exit', resolve))
    child.kill('SIGTERM')
    await exited
  }
  return { base, token, child, call, post, postRaw, precomputed, untilPrecomputed, stop }
}

/** p50 and p99 (nearest rank) of a list of milliseconds. */
export function percentiles(ms: number[]): { p50: number; p99: number; max: number } {
  const s = [...ms].sort((a, b) => a - b)
  const at = (q: number) => s[Math.min(s.length - 1, Math.max(0, Math.ceil(q * s.length) - 1))]
  return { p50: round(at(0.5)), p99: round(at(0.99)), max: round(s[s.length - 1]) }
}

export function round(x: number): number {
  return Math.round(x * 1000) / 1000
}

/** numpy brute force top-k over `rows × dim` (bench/numpy_bruteforce.py), in this run. */
export function numpyBruteForce(
  rows: number,
  dim: number,
  queries = 1000,
): { p50_ms: number; p99_ms: number; numpy: string } {
  const r = spawnSync(
    '/usr/bin/python3',
    [
      join(ROOT, 'bench', 'numpy_bruteforce.py'),
      '--songs',
      String(rows),
      '--dim',
      String(dim),
      '--queries',
      String(queries),
    ],
    { encoding: 'utf8' },
  )
  if (r.status !== 0) throw new Error(`numpy_bruteforce.py failed: ${r.stderr}`)
  return JSON.parse(r.stdout.trim().split('\n').pop()!)
}
