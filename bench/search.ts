// songs.search at the app's real size: the prebuilt index in-process (research catalogue + full tagged catalogue), then through a real `segue serve` over HTTP, sequential and 20 in parallel.
// Run: npx tsx bench/search.ts [--data DIR] [--epochs 2] [--queries 200]
import { parseArgs } from 'node:util'
import { Catalog } from '../src-main/core/catalog/catalog'
import { loadYesDataset } from '../src-main/core/catalog/yes'
import { cpuLine, DATA_OPTIONS, ensureModel, percentiles, startServe } from './serve-process'

const { values } = parseArgs({
  options: {
    ...DATA_OPTIONS,
    queries: { type: 'string', default: '200' },
  },
})
const rounds = Number(values.queries)
console.log(`cpu: ${cpuLine()}`)

// One-letter, two-letter, word and multi-word queries, accents and punctuation included.
const QUERIES = [
  'a',
  'b',
  'm',
  's',
  'e',
  'lo',
  'be',
  'love',
  'beyoncé',
  'the b',
  "don't",
  'rihanna ft',
  'michael jackson',
  'halo',
  'x',
]

const t0 = performance.now()
const ds = await loadYesDataset('resources/dataset/yes/yes_big')
const catalog = new Catalog(ds)
const complete = await loadYesDataset('resources/dataset/yes/yes_complete', { playlists: false })
const t1 = performance.now()
catalog.addSongs(complete.songs.filter((s) => s.known))
console.log(
  `index: ${catalog.songs.size} songs; catalogue + index built in ${((performance.now() - t0) / 1000).toFixed(1)} s (adding the full catalogue and re-indexing: ${(performance.now() - t1).toFixed(0)} ms)`,
)
const pop = (key: string) => key.length % 7
for (const q of ['a', 'love', 'michael jackson']) {
  const ms: number[] = []
  let hits = 0
  for (let i = 0; i < rounds; i++) {
    const t = performance.now()
    hits = catalog.search(q, 20, pop, 'bench').length
    ms.push(performance.now() - t)
  }
  const p = percentiles(ms)
  console.log(`in-process search "${q}" (${hits} shown): p50 ${p.p50} ms, p99 ${p.p99} ms`)
}

ensureModel(values.data, Number(values.epochs))
const server = await startServe(values.data)
try {
  await server.post('songs.search', { query: 'a', limit: 20 })
  // Sequential searches through both clients (node:http keep-alive, fetch), alternating: first while
  // the model's worker precomputes Similar songs (it starts 2 s after the model loads), then after.
  const sequential = async (phase: string) => {
    const ms = { http: [] as number[], fetch: [] as number[] }
    const one = { http: [] as number[], fetch: [] as number[] }
    for (let i = 0; i < rounds; i++) {
      const args = { query: QUERIES[i % QUERIES.length], limit: 20 }
      const viaHttp = (await server.post<unknown[]>('songs.search', args)).ms
      const viaFetch = (await server.call<unknown[]>('songs.search', args)).ms
      ms.http.push(viaHttp)
      ms.fetch.push(viaFetch)
      if (args.query.length === 1) {
        one.http.push(viaHttp)
        one.fetch.push(viaFetch)
      }
    }
    for (const client of ['http', 'fetch'] as const) {
      const all = percentiles(ms[client])
      const p1 = percentiles(one[client])
      console.log(
        `songs.search over HTTP ${phase}, ${rounds} sequential (${client === 'http' ? 'node:http' : 'fetch'}): ` +
          `p50 ${all.p50} ms, p99 ${all.p99} ms; one-letter queries p50 ${p1.p50} ms, p99 ${p1.p99} ms`,
      )
    }
  }
  await sequential('while Similar songs are precomputed')
  await server.untilPrecomputed()
  await sequential('after the precompute')

  const pings: number[] = []
  const t = performance.now()
  const burst = Array.from({ length: 20 }, (_, i) =>
    server.call('songs.search', { query: QUERIES[i % 5], limit: 20 }),
  )
  const pinging = (async () => {
    for (let i = 0; i < 10; i++) pings.push((await server.call('app.info', {})).ms)
  })()
  await Promise.all(burst)
  const burstMs = performance.now() - t
  await pinging
  const p = percentiles(pings)
  console.log(
    `20 parallel one-letter searches: all answered in ${burstMs.toFixed(1)} ms; app.info meanwhile p50 ${p.p50} ms, max ${p.max} ms`,
  )
} finally {
  await server.stop()
}
