// Content placement figures: analysis speed of a generated library, and cold-start quality of tags (Yes) and audio (synthetic).
// npx tsx bench/content.ts [--tracks 1000] [--seconds 30] [--threads 2] [--only speed,tags,synthetic,catalogue] [--yes DIR] [--complete DIR]
import { mkdirSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { parseArgs } from 'node:util'
import { songKey } from '../src-shared/song-key'
import { cleanPlaylists, loadYesDataset } from '../src-main/core/catalog/yes'
import { analyzeLibrary } from '../src-main/core/content/audio/analyze-library'
import { AudioCnn, defaultCnnShape } from '../src-main/core/content/audio/cnn'
import { runColdStart } from '../src-main/core/content/cold-start/run-cold-start'
import { placeCatalogueByTags } from '../src-main/core/content/tags/place-by-tags'
import { SERVED_SONG2VEC } from '../src-main/core/recommend/defaults'
import { train } from '../src-main/core/song2vec/trainer'
import { writeFamilyDataset } from '../test/fixtures/audio/family-dataset'
import { writeGeneratedLibrary } from '../test/fixtures/audio/generated-library'

const { values } = parseArgs({
  options: {
    tracks: { type: 'string', default: '1000' },
    seconds: { type: 'string', default: '30' },
    threads: { type: 'string', default: '2' },
    only: { type: 'string', default: 'speed,tags,synthetic,catalogue' },
    yes: { type: 'string', default: join(import.meta.dirname, '../resources/dataset/yes/yes_big') },
    complete: {
      type: 'string',
      default: join(import.meta.dirname, '../resources/dataset/yes/yes_complete'),
    },
    epochs: { type: 'string', default: '100' },
  },
})
const only = new Set(values.only.split(','))
const threads = Number(values.threads)
const log = (...a: unknown[]): void => console.error(...a)
const results: Record<string, unknown> = {}

/** 1,000 generated 30 s WAV files (44.1 kHz stereo 16-bit) analysed with a 256-d default-shape CNN. */
async function speed(): Promise<void> {
  const n = Number(values.tracks)
  const seconds = Number(values.seconds)
  const dir = join(tmpdir(), `segue-bench-content-${process.pid}`)
  mkdirSync(dir, { recursive: true })
  try {
    let t = performance.now()
    const tracks = writeGeneratedLibrary(dir, { tracks: n, seconds }).map((path, i) => ({
      id: String(i),
      path,
    }))
    log(`wrote ${n} files in ${((performance.now() - t) / 1000).toFixed(1)} s`)
    // Inference cost does not depend on the weights: a freshly initialised network of the served shape.
    const model = new AudioCnn(defaultCnnShape(256), 1).toModel()
    const half = tracks.slice(0, Math.floor(n / 2))
    const done = new Set<string>()
    const cpu0 = process.cpuUsage()
    t = performance.now()
    const first = await analyzeLibrary(half, { model, threads, onTrack: (r) => done.add(r.id) })
    // Resume: the second run gets the whole list and skips what the first finished.
    let maxStall = 0
    let last = performance.now()
    const timer = setInterval(() => {
      const now = performance.now()
      maxStall = Math.max(maxStall, now - last - 20)
      last = now
    }, 20)
    const second = await analyzeLibrary(tracks, {
      model,
      threads,
      skip: done,
      onTrack: (r) => done.add(r.id),
      onProgress: (p) => log(`  ${p.done}/${p.total} (${p.tracksPerSec.toFixed(1)} tracks/s)`),
    })
    clearInterval(timer)
    const secs = (performance.now() - t) / 1000
    const cpu = process.cpuUsage(cpu0)
    const cpuSeconds = (cpu.user + cpu.system) / 1e6
    results.speed = {
      tracks: n,
      seconds_per_track: seconds,
      threads,
      analysed: first.analysed + second.analysed,
      skipped_on_resume: second.skipped,
      failed: first.failed.length + second.failed.length,
      wall_seconds: secs,
      tracks_per_sec: n / secs,
      // CPU time of the whole process (workers included): the figure the machine's load does not change.
      cpu_ms_per_track: (1000 * cpuSeconds) / n,
      tracks_per_sec_on_2_idle_cores: (2 * n) / cpuSeconds,
      max_event_loop_stall_ms: Math.round(maxStall),
    }
    log('speed', results.speed)
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}

/** Tags on the Yes playlists: ridge vs MLP, cold-start AHR / mAP / AUC. */
async function tags(): Promise<void> {
  const r = await runColdStart({
    dataset: values.yes,
    song2vec: { epochs: Number(values.epochs), threads },
    onProgress: (m) => (m.startsWith('Song2Vec') ? undefined : log(m)),
  })
  results.tags = { ...r, protocol: undefined }
  log('tags', JSON.stringify(results.tags))
}

/** Audio on generated families: CNN vs bag-of-features, tags, combined. */
async function synthetic(): Promise<void> {
  const dir = join(tmpdir(), `segue-bench-families-${process.pid}`)
  try {
    const ds = writeFamilyDataset(dir, {
      families: 8,
      perFamily: 25,
      playlists: 3000,
      seconds: 12,
      seed: 7,
      sampleRate: 44100,
      stereo: true,
    })
    const base = {
      dataset: dir,
      holdout: 300,
      coldSongs: 40,
      topn: 5,
      seed: 11,
      song2vec: { dim: 32, epochs: 30, window: 5, negative: 5, minCount: 1, sample: 0, threads },
      tags: { epochs: 40, hidden: 32, lr: 3e-3, weightDecay: 0.01, batch: 8 },
      onProgress: (m: string) =>
        m.startsWith('Song2Vec') || m.startsWith('Analysing') ? undefined : log(m),
    }
    const windows = { count: 3, seconds: 3 }
    const cnn = await runColdStart({
      ...base,
      audio: {
        files: ds.files,
        windows,
        threads,
        fit: {
          // The seed's layout at half the width, so training fits in a bench run on 2 cores.
          shape: {
            blocks: [
              { channels: 32, kernel: 4, pool: 4 },
              { channels: 32, kernel: 4, pool: 2 },
              { channels: 32, kernel: 4, pool: 1 },
            ],
            hidden: 64,
          },
          epochs: 20,
          batch: 8,
          lr: 1e-3,
          validationFraction: 0.1,
        },
      },
    })
    const bof = await runColdStart({
      ...base,
      sources: ['audio'],
      audio: {
        files: ds.files,
        windows,
        threads,
        fit: { kind: 'bof', epochs: 200, batch: 8, lr: 1e-3, validationFraction: 0.1 },
      },
    })
    results.synthetic = {
      songs: cnn.songs,
      occurrences: cnn.occurrences,
      random: { ahr: cnn.ahr.random, map: cnn.map.random, auc: cnn.auc.random },
      popular: { ahr: cnn.ahr.popular, map: cnn.map.popular, auc: cnn.auc.popular },
      sources: { ...cnn.sources, 'audio (bag of features)': bof.sources.audio },
      cnn_epochs: cnn.audioModel?.bestEpoch,
      bof_epochs: bof.audioModel?.bestEpoch,
      seconds: { cnn: cnn.seconds, bof: bof.seconds },
    }
    log('synthetic', JSON.stringify(results.synthetic))
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}

/** The app's path: a Song2Vec model keyed by song key places every tagged yes_complete song it lacks. */
async function catalogue(): Promise<void> {
  const ds = await loadYesDataset(values.yes)
  const keyOf = ds.songs.map((s) => songKey(s.artist, s.title))
  const corpus = cleanPlaylists(ds).map((p) => p.map((id) => keyOf[id]))
  let t = performance.now()
  const model = await train(corpus, { ...SERVED_SONG2VEC, epochs: Number(values.epochs), threads })
  const trainSeconds = (performance.now() - t) / 1000
  t = performance.now()
  const out = await placeCatalogueByTags({
    song2vec: model,
    catalogueDir: values.complete,
    onProgress: () => undefined,
  })
  results.catalogue = {
    model_songs: model.vocab.length,
    placed: out.placed.keys.length,
    placed_by: out.placed.placedBy,
    tag_model: out.report,
    seconds: { song2vec: trainSeconds, fit_and_place: (performance.now() - t) / 1000 },
  }
  log('catalogue', JSON.stringify(results.catalogue))
}

if (only.has('speed')) await speed()
if (only.has('synthetic')) await synthetic()
if (only.has('tags')) await tags()
if (only.has('catalogue')) await catalogue()
console.log(JSON.stringify(results, null, 2))
