// Times library scanning and large library imports: npx tsx bench/scan.ts [--files 20000] [--tracks 50000] [--keep]
import { spawnSync } from 'node:child_process'
import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { parseArgs } from 'node:util'
import { CatalogIndex } from '../src-main/core/catalog/match'
import { scanFolders } from '../src-main/core/library/scan'
import { insertRows } from '../src-main/core/library/sql-batch'
import { importPlaylistFile } from '../src-main/core/playlists/import'
import { Db, type Param } from '../src-main/core/store/db'
import { mp3File } from '../test/fixtures/audio-files'
import { generatedTrackPath, writeItunesLibrary } from '../test/fixtures/itunes-library'

const { values } = parseArgs({
  options: {
    files: { type: 'string', default: '20000' },
    tracks: { type: 'string', default: '50000' },
    playlists: { type: 'string', default: '200' },
    'per-playlist': { type: 'string', default: '250' },
    concurrency: { type: 'string', default: '8' },
    keep: { type: 'boolean', default: false },
    /** Internal: run only the timed import of an existing database and Library.xml (in a fresh process). */
    'import-only': { type: 'string' },
  },
})
const mb = (bytes: number) => `${(bytes / 1048576).toFixed(1)} MB`
const line = (label: string, value: string) => console.log(`${label.padEnd(44)} ${value}`)
const cpuSeconds = (since: NodeJS.CpuUsage) => {
  const u = process.cpuUsage(since)
  return (u.user + u.system) / 1e6
}

if (values['import-only']) {
  await timedImport(values['import-only'])
} else {
  const root = mkdtempSync(join(tmpdir(), 'segue-bench-'))
  try {
    await libraryXmlBench(root)
    await scanBench(root)
  } finally {
    if (!values.keep) rmSync(root, { recursive: true, force: true })
    else console.log(`kept ${root}`)
  }
}

/** Generates a Library.xml and a library holding its tracks, then times the import in a fresh process. */
async function libraryXmlBench(root: string): Promise<void> {
  const tracks = Number(values.tracks)
  const musicRoot = join(root, 'itunes-music')
  const file = join(root, 'Library.xml')
  const size = await writeItunesLibrary(file, {
    tracks,
    playlists: Number(values.playlists),
    perPlaylist: Number(values['per-playlist']),
    musicRoot,
  })
  const db = await Db.open(join(root, 'itunes.db'))
  const now = new Date().toISOString()
  const rows: Param[][] = []
  for (let i = 1; i <= tracks; i++) {
    rows.push([
      generatedTrackPath(musicRoot, i),
      3_000_000 + i,
      0,
      `Song ${i} & Friends`,
      `Artist ${i % 997}`,
      now,
      now,
    ])
  }
  await db.transaction((tx) =>
    insertRows(
      tx,
      'tracks',
      ['path', 'size', 'mtime', 'title', 'artist', 'added', 'updated'],
      rows,
    ),
  )
  await db.close()
  console.log(`\nLibrary.xml import (${tracks} tracks in the file and in the library, ${mb(size)})`)
  const child = spawnSync(
    process.execPath,
    ['--import', 'tsx', fileURLToPath(import.meta.url), '--import-only', root],
    {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  )
  process.stdout.write(child.stdout)
  if (child.status !== 0) throw new Error(`the import run failed (exit ${child.status})`)
}

/** The timed part, in its own process so its peak memory is its own. */
async function timedImport(root: string): Promise<void> {
  const db = await Db.open(join(root, 'itunes.db'))
  const rssBefore = process.memoryUsage().rss
  let peak = rssBefore
  const sample = () => (peak = Math.max(peak, process.memoryUsage().rss))
  const sampler = setInterval(sample, 20)
  const cpu = process.cpuUsage()
  const t0 = performance.now()
  const report = await importPlaylistFile(db, join(root, 'Library.xml'), CatalogIndex.empty(), {
    onProgress: sample,
  })
  const seconds = (performance.now() - t0) / 1000
  const cpuUsed = cpuSeconds(cpu)
  clearInterval(sampler)
  sample()
  await db.close()
  line('  seconds (wall)', seconds.toFixed(2))
  line('  seconds (CPU, all threads)', cpuUsed.toFixed(2))
  line(
    '  playlists / entries / matched to library',
    `${report.playlists.length} / ${report.entries} / ${report.matched_library}`,
  )
  line('  tracks given play counts / ratings', String(report.tracks_with_play_data))
  line('  RSS at start / peak during import', `${mb(rssBefore)} / ${mb(peak)}`)
  line('  process max RSS', mb(process.resourceUsage().maxRSS * 1024))
}

/** First scan, unchanged rescan and a 1 % changed rescan of a generated library of small tagged MP3s. */
async function scanBench(root: string): Promise<void> {
  const n = Number(values.files)
  const music = join(root, 'music')
  const t0 = performance.now()
  const made = new Set<string>()
  for (let i = 0; i < n; i++) {
    const artist = `Artist ${i % 500}`
    const album = `Album ${Math.floor(i / 12) % 2000}`
    const path = join(music, artist, album, `${String(i % 12).padStart(2, '0')} Song ${i}.mp3`)
    if (!made.has(dirname(path))) {
      mkdirSync(dirname(path), { recursive: true })
      made.add(dirname(path))
    }
    writeFileSync(
      path,
      mp3File(
        { title: `Song ${i}`, artist, album, track: (i % 12) + 1, year: 1990 + (i % 30) },
        { seconds: 120 + (i % 200), id3Version: i % 2 === 0 ? 3 : 4 },
      ),
    )
  }
  const genSeconds = (performance.now() - t0) / 1000
  const db = await Db.open(join(root, 'scan.db'))
  const concurrency = Number(values.concurrency)

  let t = performance.now()
  let cpu = process.cpuUsage()
  const first = await scanFolders(db, [music], { concurrency })
  const firstSeconds = (performance.now() - t) / 1000
  const firstCpu = cpuSeconds(cpu)

  t = performance.now()
  cpu = process.cpuUsage()
  const again = await scanFolders(db, [music], { concurrency })
  const againSeconds = (performance.now() - t) / 1000
  const againCpu = cpuSeconds(cpu)

  const touched = new Date('2020-01-01')
  for (let i = 0; i < n; i += 100) {
    const artist = `Artist ${i % 500}`
    const album = `Album ${Math.floor(i / 12) % 2000}`
    utimesSync(
      join(music, artist, album, `${String(i % 12).padStart(2, '0')} Song ${i}.mp3`),
      touched,
      touched,
    )
  }
  t = performance.now()
  const changed = await scanFolders(db, [music], { concurrency })
  const changedSeconds = (performance.now() - t) / 1000
  await db.close()

  console.log(
    `\nLibrary scan (${n} tagged MP3 files, generated in ${genSeconds.toFixed(1)} s, concurrency ${concurrency})`,
  )
  line('  first scan: seconds (wall / CPU)', `${firstSeconds.toFixed(2)} / ${firstCpu.toFixed(2)}`)
  line('  first scan: files/s', (first.tracks_added / firstSeconds).toFixed(0))
  line('  first scan: added / failed', `${first.tracks_added} / ${first.tracks_failed}`)
  line(
    '  unchanged rescan: seconds (wall / CPU)',
    `${againSeconds.toFixed(2)} / ${againCpu.toFixed(2)}`,
  )
  line(
    '  unchanged rescan: unchanged / read',
    `${again.tracks_unchanged} / ${again.tracks_added + again.tracks_updated}`,
  )
  line('  1 % touched rescan: seconds', changedSeconds.toFixed(2))
  line('  1 % touched rescan: updated', String(changed.tracks_updated))
}
