// "Your listening" summary time on a generated history: npx tsx bench/history-summary.ts [--listens 2000000] [--songs 50000] [--counted]
// Listens are written straight into a temp database (the import's own speed is bench/history-import-speed.ts), then tallied
// per song and day as an import tallies them (--counted: left untallied, as a history imported before migration 6 would be without it).
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { parseArgs } from 'node:util'
import { insertRows } from '../src-main/core/library/sql-batch'
import { tallyStoredSource } from '../src-main/core/history/store'
import { historySummary } from '../src-main/core/history/summary'
import { Db } from '../src-main/core/store/db'
import { rng } from '../test/fixtures/history-gen'

const { values } = parseArgs({
  options: {
    listens: { type: 'string', default: '2000000' },
    songs: { type: 'string', default: '50000' },
    counted: { type: 'boolean', default: false },
  },
})
const n = Number(values.listens)
const nSongs = Number(values.songs)
const dir = mkdtempSync(join(tmpdir(), 'segue-bench-summary-'))
const db = await Db.open(join(dir, 'segue.db'))
const rand = rng(18)
const matches = ['library', 'catalog', 'catalog', 'none']
await db.transaction(async (tx) => {
  await tx.run(
    "INSERT INTO history_sources (path, formats, imported, report) VALUES ('/gen', 'x', 'now', '{}')",
  )
  await insertRows(
    tx,
    'history_songs',
    ['source_id', 'idx', 'artist', 'title', 'song_key', 'match'],
    Array.from({ length: nSongs }, (_, i) => {
      const artist = `Artist ${i % 3000}`
      const match = matches[i % 4]
      return [
        1,
        i,
        artist,
        `Song ${i}`,
        match === 'none' ? null : `artist ${i % 3000} — song ${i}`,
        match,
      ]
    }),
  )
  // Ten years of listens, songs skewed towards the popular (squared uniform).
  const t0 = Date.UTC(2015, 0, 1)
  const span = 10 * 365 * 86_400_000
  for (let i = 0; i < n; i += 20_000) {
    const rows = []
    for (let j = i; j < Math.min(n, i + 20_000); j++) {
      const skipped = rand() < 0.1 ? 1 : 0
      rows.push([
        1,
        t0 + Math.floor((j / n) * span),
        skipped ? 5000 : 200_000,
        skipped,
        Math.floor(rand() ** 2 * nSongs),
      ])
    }
    await insertRows(tx, 'listens', ['source_id', 'ts', 'ms_played', 'skipped', 'song_idx'], rows)
  }
})
if (!values.counted) {
  const t = performance.now()
  await tallyStoredSource(db, 1)
  console.log(`tallies (as migration 6 writes them): ${(performance.now() - t).toFixed(0)} ms`)
}
for (const period of ['month', 'year', 'all'] as const) {
  const times: number[] = []
  let s
  for (let r = 0; r < 3; r++) {
    const t = performance.now()
    s = await historySummary(db, period)
    times.push(performance.now() - t)
  }
  console.log(
    `${period}: ${times.map((t) => t.toFixed(0)).join(' / ')} ms (${n} listens, ${nSongs} songs, ${s!.months.length} months, top song ${s!.topSongs[0]?.plays} plays)`,
  )
}
await db.close()
rmSync(dir, { recursive: true, force: true })
