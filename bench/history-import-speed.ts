// Reading speed and memory of a large Spotify Extended Streaming History: npx tsx bench/history-import-speed.ts [--mb 500] [--store]
// Writes a generated history of about --mb MB (sessions from Yes playlists, shifted in time), then reads it through the importer's reader in this fresh process.
// --plays N writes N plays instead (about 2,000,000 for a long history); --compact writes it without Spotify's indentation
// (one record per line, ~70 % of the size); --playlists N draws the sessions from N playlists (more distinct songs).
import { createWriteStream, mkdtempSync, rmSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { parseArgs } from 'node:util'
import { cleanPlaylists, loadYesDataset } from '../src-main/core/catalog/yes'
import { CatalogIndex } from '../src-main/core/catalog/match'
import { HistoryCollector } from '../src-main/core/history/collect'
import { importHistoryFile } from '../src-main/core/history/store'
import { Db } from '../src-main/core/store/db'
import { readHistoryPath } from '../src-main/core/history/read'
import * as gen from '../test/fixtures/history-gen'

const { values } = parseArgs({
  options: {
    dataset: { type: 'string', default: 'resources/dataset/yes/yes_big' },
    mb: { type: 'string', default: '500' },
    /** Also the whole import: match every song and write every listen into a fresh database. */
    store: { type: 'boolean', default: false },
    plays: { type: 'string' },
    compact: { type: 'boolean', default: false },
    playlists: { type: 'string', default: '300' },
  },
})
const dir = mkdtempSync(join(tmpdir(), 'segue-bench-history-big-'))
const big = join(dir, 'Streaming_History_Audio_big.json')
{
  const ds = await loadYesDataset(values.dataset!)
  const pl = cleanPlaylists(ds).slice(0, Number(values.playlists))
  const chunk = gen.generatePlays(
    pl.map((p) => p.map((id) => ({ artist: ds.songs[id].artist, title: ds.songs[id].title }))),
    { seed: 5 },
  )
  const out = createWriteStream(big)
  const target = Number(values.mb) * 1e6
  const plays = values.plays === undefined ? Infinity : Number(values.plays)
  let written = 0
  let played = 0
  let offset = 0
  out.write('[\n')
  while (values.plays === undefined ? written < target : played < plays) {
    // One podcast episode per chunk besides its plays (not counted as a play).
    const n = Math.min(chunk.length, plays - played)
    let text = gen
      .spotifyExtended(chunk.slice(0, n).map((p) => ({ ...p, ts: p.ts + offset })))
      .trim()
      .slice(1, -1)
      .trim()
    // Strings hold no line breaks: dropping each break and its indentation leaves one record per line.
    if (values.compact) text = text.replace(/\n {4}|\n {2}(?=\})/g, '').replace(/\n {2}\{/g, '\n{')
    const ok = out.write((written ? ',\n' : '') + text)
    written += text.length
    played += n
    offset += 400 * 86_400_000
    if (!ok) await new Promise<void>((r) => out.once('drain', () => r()))
  }
  out.write('\n]\n')
  await new Promise<void>((r) => out.end(() => r()))
}
const size = statSync(big).size
global.gc?.()
await new Promise((r) => setTimeout(r, 200))
const rss0 = process.memoryUsage().rss
let peak = rss0
const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 20)
const c = new HistoryCollector()
const t = performance.now()
await readHistoryPath(big, c)
const order = c.order()
const secs = (performance.now() - t) / 1000
clearInterval(timer)
peak = Math.max(peak, process.memoryUsage().rss)
console.log(
  `Spotify Extended history: ${(size / 1e6).toFixed(0)} MB, ${c.length.toLocaleString('en')} plays (${c.songs.length.toLocaleString('en')} songs, ${order.length} sorted) read in ${secs.toFixed(1)} s = ${Math.round(c.length / secs).toLocaleString('en')} plays/s, ${(size / 1e6 / secs).toFixed(0)} MB/s; RSS before ${Math.round(rss0 / 1e6)} MB, peak ${Math.round(peak / 1e6)} MB (+${Math.round((peak - rss0) / 1e6)} MB)`,
)
if (values.store) {
  const ds = await loadYesDataset(values.dataset!, { playlists: false })
  const catalog = CatalogIndex.fromSongs(ds.songs)
  const db = await Db.open(join(dir, 'segue.db'))
  global.gc?.()
  const rss1 = process.memoryUsage().rss
  let peak1 = rss1
  const timer1 = setInterval(() => (peak1 = Math.max(peak1, process.memoryUsage().rss)), 20)
  const t1 = performance.now()
  const r = await importHistoryFile(db, big, catalog)
  const secs1 = (performance.now() - t1) / 1000
  clearInterval(timer1)
  await db.close()
  console.log(
    `Whole import (read + match ${r.distinct_songs} songs + write ${r.listens.toLocaleString('en')} listens to SQLite): ${secs1.toFixed(1)} s; RSS before ${Math.round(rss1 / 1e6)} MB, peak ${Math.round(peak1 / 1e6)} MB (+${Math.round((peak1 - rss1) / 1e6)} MB); ${r.songs_catalog} songs matched to the catalogue`,
  )
}
rmSync(dir, { recursive: true, force: true })
