// `similar.get` through a real `segue serve` over HTTP at the app's real shape (learnt + catalogue placed by tags, 256-d), beside numpy brute force over the same rows × dim in the same run.
// Run: npx tsx bench/similar-http.ts [--data DIR] [--epochs 2] [--queries 300] [--topn 25] [--prof DIR]
//   --data DIR   data folder (default /tmp/segue-similar-http); trained with `segue train` when it has no model
//   --prof DIR   run the server under `node --cpu-prof` and write its profile to DIR
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { parseArgs } from 'node:util'
import {
  cpuLine,
  currentModelId,
  DATA_OPTIONS,
  ensureModel,
  learntKeys,
  numpyBruteForce,
  percentiles,
  startServe,
} from './serve-process'

const { values } = parseArgs({
  options: {
    ...DATA_OPTIONS,
    queries: { type: 'string', default: '300' },
    topn: { type: 'string', default: '25' },
    prof: { type: 'string' },
  },
})
const queries = Number(values.queries)
const topn = Number(values.topn)

console.log(`cpu: ${cpuLine()}`)
ensureModel(values.data, Number(values.epochs))
const keys = learntKeys(values.data)
const id = currentModelId(values.data)
const info = JSON.parse(readFileSync(join(values.data, 'models', id, 'segue.json'), 'utf8')) as {
  songs: number
  placed: number
  dim: number
}
const rows = info.songs + info.placed
console.log(
  `model ${id}: ${info.songs} learnt + ${info.placed} placed = ${rows} rows × ${info.dim}`,
)

const tStart = performance.now()
const server = await startServe(
  values.data,
  values.prof ? ['--cpu-prof', `--cpu-prof-dir=${values.prof}`] : [],
)
console.log(`serve up in ${((performance.now() - tStart) / 1000).toFixed(1)} s`)

interface Similar {
  results: { key: string; why: string; tags: string[] }[]
  placed: { key: string; why: string; tags: string[] }[]
}
// Queries spread over popular and rare learnt songs, fixed order (a stride through the vocabulary).
const stride = Math.max(1, Math.floor(keys.length / (queries + 20)))
const queryKeys = Array.from({ length: queries + 20 }, (_, i) => keys[(i * stride) % keys.length])
try {
  // A first answer after the load (the model may still be warming up).
  const first = await server.call<Similar>('similar.get', { key: queryKeys[0], topn })
  console.log(`first similar.get: ${first.ms.toFixed(1)} ms`)
  // Meanwhile the model's worker precomputes every learnt song's answer (one core): until it is
  // done, answers come from the scoring pass, sharing the worker with that work.
  const early: number[] = []
  const tWarm = performance.now()
  for (let i = 0; ; i++) {
    if (await server.precomputed()) break
    if (i < 100)
      early.push((await server.call<Similar>('similar.get', { key: queryKeys[i], topn })).ms)
    else await new Promise((resolve) => setTimeout(resolve, 200))
    if (performance.now() - tWarm > 600_000)
      throw new Error('Similar songs were not precomputed in 10 minutes')
  }
  const e = percentiles(early)
  console.log(
    `precomputing Similar songs of every learnt song: ${((performance.now() - tWarm) / 1000).toFixed(1)} s; ` +
      `meanwhile ${early.length} similar.get p50 ${e.p50} ms, p99 ${e.p99} ms`,
  )
  // Each query through both clients, alternating which goes first: the same keys, the same load.
  const ms = { fetch: [] as number[], http: [] as number[] }
  let shape = { results: 0, placed: 0, reasons: 0, tagged: 0 }
  for (let i = 0; i < queryKeys.length; i++) {
    const args = { key: queryKeys[i], topn }
    const askFetch = async () => (await server.call<Similar>('similar.get', args)).ms
    const askHttp = async () => server.post<Similar>('similar.get', args)
    let r: { data: Similar; ms: number }
    let fetchMs: number
    if (i % 2 === 0) {
      fetchMs = await askFetch()
      r = await askHttp()
    } else {
      r = await askHttp()
      fetchMs = await askFetch()
    }
    if (i < 20) continue
    ms.fetch.push(fetchMs)
    ms.http.push(r.ms)
    const all = [...r.data.results, ...r.data.placed]
    shape = {
      results: shape.results + r.data.results.length,
      placed: shape.placed + r.data.placed.length,
      reasons: shape.reasons + all.filter((s) => s.why).length,
      tagged: shape.tagged + all.filter((s) => s.tags.length > 0).length,
    }
  }
  const n = ms.http.length
  console.log(
    `answers (mean per query): ${(shape.results / n).toFixed(1)} learnt, ${(shape.placed / n).toFixed(1)} placed, ` +
      `${(shape.reasons / n).toFixed(1)} with a reason, ${(shape.tagged / n).toFixed(1)} with tags`,
  )
  const http = percentiles(ms.http)
  const viaFetch = percentiles(ms.fetch)
  console.log(
    `similar.get over HTTP, ${n} sequential queries (topn ${topn}), node:http client: p50 ${http.p50} ms, p99 ${http.p99} ms, max ${http.max} ms`,
  )
  console.log(
    `  the same queries, fetch client: p50 ${viaFetch.p50} ms, p99 ${viaFetch.p99} ms, max ${viaFetch.max} ms`,
  )

  // Other requests while 20 similar songs queries are in flight: does anything stall?
  const burst = Array.from({ length: 20 }, (_, i) =>
    server.call('similar.get', { key: queryKeys[i], topn }),
  )
  const pings: number[] = []
  const pinging = (async () => {
    for (let i = 0; i < 20; i++) pings.push((await server.call('app.info', {})).ms)
  })()
  const t = performance.now()
  await Promise.all(burst)
  const burstMs = performance.now() - t
  await pinging
  const p = percentiles(pings)
  console.log(
    `20 parallel similar.get: all answered in ${burstMs.toFixed(1)} ms; app.info meanwhile p50 ${p.p50} ms, max ${p.max} ms`,
  )

  const np = numpyBruteForce(rows, info.dim)
  console.log(
    `numpy ${np.numpy} brute force ${rows} × ${info.dim} (same run): p50 ${np.p50_ms} ms, p99 ${np.p99_ms} ms`,
  )
  console.log(
    `HTTP (node:http) / numpy: p50 ${(http.p50 / np.p50_ms).toFixed(2)}×, p99 ${(http.p99 / np.p99_ms).toFixed(2)}×; ` +
      `fetch / numpy: p50 ${(viaFetch.p50 / np.p50_ms).toFixed(2)}×, p99 ${(viaFetch.p99 / np.p99_ms).toFixed(2)}×`,
  )
} finally {
  await server.stop()
}
