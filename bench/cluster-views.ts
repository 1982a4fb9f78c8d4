// The Clusters and Map views' requests through a real `segue serve` at the app's real size (45,321 songs), and how long other requests wait meanwhile.
// Run: npx tsx bench/cluster-views.ts [--data DIR] [--epochs 2] [--rounds 8]
//   --data DIR   data folder (default /tmp/segue-similar-http); trained with `segue train` and clustered with `segue clusters` when it lacks either
import { parseArgs } from 'node:util'
import {
  cpuLine,
  DATA_OPTIONS,
  ensureClusters,
  ensureModel,
  percentiles,
  startServe,
} from './serve-process'

const { values } = parseArgs({
  options: {
    ...DATA_OPTIONS,
    rounds: { type: 'string', default: '8' },
  },
})
const rounds = Number(values.rounds)
console.log(`cpu: ${cpuLine()}`)
ensureModel(values.data, Number(values.epochs))
ensureClusters(values.data)

const server = await startServe(values.data)
try {
  // After the model's worker has precomputed Similar songs: nothing else runs.
  await server.untilPrecomputed()
  for (const name of ['clusters.get', 'map.get', 'clusters.songs']) {
    const ms: number[] = []
    const firstPings: number[] = []
    const pings: number[] = []
    let bytes = 0
    for (let i = 0; i < rounds; i++) {
      let done = false
      // Unparsed here: parsing 4.3 MB in this process would hold up the pings below.
      const asked = server.postRaw(name, name === 'clusters.songs' ? { id: i, limit: 100 } : {})
      const pinging = (async () => {
        while (!done) (i === 0 ? firstPings : pings).push((await server.post('app.info', {})).ms)
      })()
      const r = await asked
      done = true
      await pinging
      ms.push(r.ms)
      if (r.status !== 200) throw new Error(`${name}: HTTP ${r.status} ${r.body.toString()}`)
      bytes = r.body.length
    }
    const a = percentiles(ms.slice(1))
    const p = percentiles(pings.length ? pings : [0])
    const f = percentiles(firstPings.length ? firstPings : [0])
    console.log(
      `${name} (${(bytes / 1e6).toFixed(2)} MB): first ${ms[0].toFixed(1)} ms (app.info meanwhile max ${f.max} ms); ` +
        `the next ${rounds - 1} p50 ${a.p50} ms, max ${a.max} ms (app.info meanwhile: ${pings.length}, p50 ${p.p50} ms, max ${p.max} ms)`,
    )
  }
} finally {
  await server.stop()
}
