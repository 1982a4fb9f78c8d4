// Does serving a new model stall the requests answered meanwhile? A served app (real HTTP server, in this process) swaps its model in use three times while a client asks for similar songs and app.info every 20 ms; prints the request latencies before and during the swaps and the event loop's longest stall.
// Run: npx tsx bench/model-swap.ts [--data DIR] [--epochs 2] [--swaps 3]
//   --data DIR   data folder with a model (default /tmp/segue-similar-http, trained with `segue train` when it has none)
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { monitorEventLoopDelay } from 'node:perf_hooks'
import { parseArgs } from 'node:util'
import { Segue } from '../src-main/core/app/segue'
import { startServer } from '../src-main/server/server'
import { cpuLine, DATA_OPTIONS, ensureModel, learntKeys, percentiles } from './serve-process'

const { values } = parseArgs({
  options: {
    ...DATA_OPTIONS,
    swaps: { type: 'string', default: '3' },
  },
})
console.log(`cpu: ${cpuLine()}`)
ensureModel(values.data, Number(values.epochs))
const keys = learntKeys(values.data)

const staticDir = mkdtempSync(join(tmpdir(), 'segue-swap-static-'))
writeFileSync(join(staticDir, 'index.html'), '<!doctype html><title>Segue</title>')
const resourcesDir = new URL('../resources', import.meta.url).pathname
const app = await Segue.open({ dataDir: values.data, resourcesDir })
const server = await startServer({ handlers: app.handlers, staticDir, subscribe: () => () => {} })
const base = `http://127.0.0.1:${server.port}/api/`
async function call(name: string, body: unknown): Promise<number> {
  const t = performance.now()
  const res = await fetch(base + name, {
    method: 'POST',
    headers: { authorization: `Bearer ${server.token}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  })
  const envelope = (await res.json()) as { ok: boolean; error?: { message: string } }
  if (!envelope.ok) throw new Error(`${name}: ${envelope.error?.message}`)
  return performance.now() - t
}

/** Asks every 20 ms until stopped; returns the latencies of similar.get and app.info. */
function client(): { stop: () => Promise<{ similar: number[]; info: number[] }> } {
  const similar: number[] = []
  const info: number[] = []
  let running = true
  const loop = (async () => {
    for (let i = 0; running; i++) {
      const [s, a] = await Promise.all([
        call('similar.get', { key: keys[(i * 37) % Math.min(keys.length, 5000)], topn: 25 }),
        call('app.info', {}),
      ])
      similar.push(s)
      info.push(a)
      await new Promise((r) => setTimeout(r, 20))
    }
  })()
  return {
    stop: async () => {
      running = false
      await loop
      return { similar, info }
    },
  }
}

function line(label: string, ms: number[]): string {
  const p = percentiles(ms)
  return `${label}: ${ms.length} requests, p50 ${p.p50.toFixed(1)} ms, p99 ${p.p99.toFixed(1)} ms, max ${p.max.toFixed(1)} ms`
}

try {
  const record = await app.requireModel()
  console.log(`model ${record.id}: ${app.serving.keys().length} rows × ${app.serving.dim}`)
  await call('similar.get', { key: keys[0], topn: 25 })

  const delay = monitorEventLoopDelay({ resolution: 5 })
  delay.enable()
  const quiet = client()
  await new Promise((r) => setTimeout(r, 3000))
  const before = await quiet.stop()
  delay.disable()
  console.log(line('before  similar.get', before.similar))
  console.log(line('before  app.info   ', before.info))
  console.log(`before  event loop longest stall ${(delay.max / 1e6).toFixed(1)} ms`)

  delay.reset()
  delay.enable()
  const busy = client()
  const swapMs: number[] = []
  for (let i = 0; i < Number(values.swaps); i++) {
    const t = performance.now()
    await app.serving.use(record)
    swapMs.push(performance.now() - t)
  }
  const during = await busy.stop()
  delay.disable()
  console.log(
    `swaps: ${swapMs.map((m) => `${(m / 1000).toFixed(2)} s`).join(', ')} (load to served)`,
  )
  console.log(line('during  similar.get', during.similar))
  console.log(line('during  app.info   ', during.info))
  console.log(
    `during  event loop longest stall ${(delay.max / 1e6).toFixed(1)} ms, p99 ${(delay.percentile(99) / 1e6).toFixed(1)} ms`,
  )
} finally {
  await server.close()
  await app.close()
}
// Worker threads of the closed models may still be winding down; the figures are printed.
process.exit(0)
