// Listening history benchmark: npx tsx bench/history.ts [--dataset DIR] [--epochs 30] [--dim 64] [--queries 2000]
// 1. Held-out Yes playlists become a listener's sessions; a history is generated from them (skips, repeats, gaps,
//    time stamps), written as each real format and read back through the importers' readers.
// 2. Next-song hit rate@25 in held-out sessions: playlists only / playlists + sessions (weights 1, 3) / co-occurrence over sessions.
// Import speed and memory of a large history: bench/history-import-speed.ts (its own process, so memory is the import's).
import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { parseArgs } from 'node:util'
import { CatalogIndex } from '../src-main/core/catalog/match'
import { cleanPlaylists, loadYesDataset } from '../src-main/core/catalog/yes'
import { seededPermutation } from '../src-main/core/eval/split'
import { HistoryCollector } from '../src-main/core/history/collect'
import { readHistoryPath } from '../src-main/core/history/read'
import { sessionsOf } from '../src-main/core/history/sessions'
import { train } from '../src-main/core/song2vec/trainer'
import * as gen from '../test/fixtures/history-gen'

const { values } = parseArgs({
  options: {
    dataset: { type: 'string', default: 'resources/dataset/yes/yes_big' },
    epochs: { type: 'string', default: '30' },
    dim: { type: 'string', default: '64' },
    queries: { type: 'string', default: '2000' },
  },
})
const dir = mkdtempSync(join(tmpdir(), 'segue-bench-history-'))
const ds = await loadYesDataset(values.dataset!)
const all = cleanPlaylists(ds)
const perm = seededPermutation(all.length, 18)
// 80 % of playlists train; 20 % are the listener: 3/4 of those sessions are their history, 1/4 held out.
const nTrain = Math.floor(all.length * 0.8)
const trainPl = perm.slice(0, nTrain).map((i) => all[i])
const listener = perm.slice(nTrain).map((i) => all[i])
const nHist = Math.floor(listener.length * 0.75)
const histPl = listener.slice(0, nHist)
const testPl = listener.slice(nHist)
const catalog = CatalogIndex.fromSongs(ds.songs)
const song = (id: number) => ({ artist: ds.songs[id].artist, title: ds.songs[id].title })
const keyOf = (id: number) => catalog.match(ds.songs[id].artist, ds.songs[id].title)?.key
console.log(
  `dataset ${values.dataset}: ${all.length} playlists; train ${trainPl.length}, history ${histPl.length} sessions, held out ${testPl.length}`,
)

// --- 1. the history in every format, read back
const plays = gen.generatePlays(
  histPl.map((p) => p.map(song)),
  { seed: 18, skipRate: 0.1, repeatRate: 0.03 },
)
const formats: [string, string | Buffer][] = [
  ['Streaming_History_Audio_2021.json', gen.spotifyExtended(plays)],
  ['StreamingHistory0.json', gen.spotifyAccount(plays)],
  [
    'listenbrainz.zip',
    gen.zip([{ name: 'listens/2021/1.jsonl', data: gen.listenBrainzLines(plays) }]),
  ],
  ['scrobbles.csv', gen.lastfmCsv(plays)],
  ['lastfm.json', gen.lastfmJson(plays)],
  ['.scrobbler.log', gen.scrobblerLog(plays)],
]
console.log(`\nGenerated ${plays.length} plays (${plays.filter((p) => p.skipped).length} skipped)`)
console.log('| format | file MB | listens read | read s | sessions | catalogue-matched songs |')
console.log('|---|---|---|---|---|---|')
let spotifySessions: string[][] = []
for (const [name, data] of formats) {
  const file = join(dir, name)
  writeFileSync(file, data)
  const c = new HistoryCollector()
  const t = performance.now()
  await readHistoryPath(file, c)
  const secs = (performance.now() - t) / 1000
  const keys = c.songs.map((s) => catalog.match(s.artist, s.title)?.key ?? '')
  const order = c.order()
  const keyIdx = keys.map((_, i) => i)
  const s = sessionsOf({
    ts: Array.from(order, (i) => c.ts[i]),
    ms: Array.from(order, (i) => c.ms[i]),
    skipped: Array.from(order, (i) => c.skipped[i]),
    song: Array.from(order, (i) => (keys[c.song[i]] ? keyIdx[c.song[i]] : -1)),
    keys,
  })
  if (name.startsWith('Streaming_History_Audio')) spotifySessions = s.sessions
  console.log(
    `| ${name} | ${(statSync(file).size / 1e6).toFixed(1)} | ${c.length} | ${secs.toFixed(2)} | ${s.sessions.length} | ${keys.filter((k) => k).length} of ${c.songs.length} |`,
  )
}

// --- 2. next-song hit rate@25 in held-out sessions
const testSeqs = testPl.map((p) => p.map(keyOf).filter((k): k is string => !!k))
const trainSeqs = trainPl.map((p) => p.map(keyOf).filter((k): k is string => !!k))
const maxQ = Number(values.queries)
const queries: { context: string[]; next: string }[] = []
for (const s of testSeqs)
  for (let i = 1; i < s.length; i++)
    queries.push({ context: s.slice(Math.max(0, i - 3), i), next: s[i] })
const qs = seededPermutation(queries.length, 7)
  .slice(0, maxQ)
  .map((i) => queries[i])

async function song2vecHit(corpus: string[][]): Promise<number> {
  const m = await train(corpus, {
    algo: 'cbow',
    dim: Number(values.dim),
    window: 10,
    negative: 10,
    epochs: Number(values.epochs),
    minCount: 1,
    threads: 2,
    seed: 1,
  })
  const d = m.dim
  const row = new Map(m.vocab.map((k, i) => [k, i]))
  const norm = new Float32Array(m.vocab.length)
  for (let i = 0; i < m.vocab.length; i++) {
    let s = 0
    for (let j = 0; j < d; j++) s += m.input[i * d + j] ** 2
    norm[i] = Math.sqrt(s) || 1
  }
  let hits = 0
  const q = new Float32Array(d)
  const scores = new Float32Array(m.vocab.length)
  for (const { context, next } of qs) {
    q.fill(0)
    const rows = context.map((k) => row.get(k)).filter((r): r is number => r !== undefined)
    if (rows.length === 0 || !row.has(next)) continue
    for (const r of rows) for (let j = 0; j < d; j++) q[j] += m.input[r * d + j] / norm[r]
    for (let i = 0; i < m.vocab.length; i++) {
      let s = 0
      for (let j = 0; j < d; j++) s += q[j] * m.input[i * d + j]
      scores[i] = s / norm[i]
    }
    for (const r of rows) scores[r] = -Infinity
    const target = scores[row.get(next)!]
    let better = 0
    for (let i = 0; i < scores.length && better < 25; i++) if (scores[i] > target) better++
    if (better < 25) hits++
  }
  return hits / qs.length
}

function coocHit(sessions: string[][]): number {
  const next = new Map<string, Map<string, number>>()
  for (const s of sessions)
    for (let i = 0; i < s.length; i++)
      for (let j = Math.max(0, i - 3); j < Math.min(s.length, i + 4); j++) {
        if (i === j) continue
        const m = next.get(s[i]) ?? new Map<string, number>()
        m.set(s[j], (m.get(s[j]) ?? 0) + 1 / Math.abs(i - j))
        next.set(s[i], m)
      }
  let hits = 0
  for (const { context, next: target } of qs) {
    const score = new Map<string, number>()
    for (const c of context)
      for (const [k, v] of next.get(c) ?? []) score.set(k, (score.get(k) ?? 0) + v)
    for (const c of context) score.delete(c)
    const top = [...score.entries()].sort((a, b) => b[1] - a[1]).slice(0, 25)
    if (top.some(([k]) => k === target)) hits++
  }
  return hits / qs.length
}

console.log(
  `\nNext-song hit rate@25 over ${qs.length} held-out positions (context: up to 3 previous songs)`,
)
console.log('| corpus | HR@25 | train s |')
console.log('|---|---|---|')
for (const [label, corpus] of [
  ['playlists only', trainSeqs],
  ['playlists + sessions ×1', [...trainSeqs, ...spotifySessions]],
  [
    'playlists + sessions ×3',
    [...trainSeqs, ...spotifySessions, ...spotifySessions, ...spotifySessions],
  ],
] as const) {
  const t = performance.now()
  const hr = await song2vecHit(corpus as string[][])
  console.log(
    `| Song2Vec, ${label} | ${hr.toFixed(3)} | ${((performance.now() - t) / 1000).toFixed(0)} |`,
  )
}
console.log(`| co-occurrence over sessions only | ${coocHit(spotifySessions).toFixed(3)} | – |`)
console.log(
  `| co-occurrence over playlists + sessions | ${coocHit([...trainSeqs, ...spotifySessions]).toFixed(3)} | – |`,
)

rmSync(dir, { recursive: true, force: true })
