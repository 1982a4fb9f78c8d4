// The app's "Analysing your music" job on a generated 1,000-track library: tracks/s, resume, no-op rerun, cache size, event-loop stalls; and the audio-model thresholds.
// npx tsx bench/analyze-library.ts [--tracks 1000] [--seconds 30] [--threads 2] [--only speed,thresholds]
import { rmSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { parseArgs } from 'node:util'
import { CONTENT_DEFAULTS, contentStatus, startContentAnalysis } from '../src-main/core/app/content'
import { analysisParams, cacheBytes } from '../src-main/core/content/library/analysis-cache'
import { epochsFor, MIN_VALIDATION_TRACKS } from '../src-main/core/content/library/settings'
import { decodeWindows, encodeWindows } from '../src-main/core/content/library/window-codec'
import { Segue } from '../src-main/core/app/segue'
import { analyzeLibrary } from '../src-main/core/content/audio/analyze-library'
import { audioPredictor } from '../src-main/core/content/audio/audio-model'
import { trainAudioModel } from '../src-main/core/content/audio/train-audio'
import { train } from '../src-main/core/song2vec/trainer'
import { createRng } from '../src-main/core/util/random'
import { writeFamilyDataset } from '../test/fixtures/audio/family-dataset'
import { writeGeneratedLibrary } from '../test/fixtures/audio/generated-library'

const { values } = parseArgs({
  options: {
    tracks: { type: 'string', default: '1000' },
    seconds: { type: 'string', default: '30' },
    threads: { type: 'string', default: '2' },
    only: { type: 'string', default: 'speed,thresholds' },
    resources: { type: 'string', default: join(import.meta.dirname, '../resources') },
  },
})
const only = new Set(values.only.split(','))
const threads = Number(values.threads)
const log = (...a: unknown[]): void => console.error(...a)
const results: Record<string, unknown> = {}

/** Largest gap between 20 ms timer ticks beyond the 20 ms (how long the UI thread was held). */
function stallMeter(): () => number {
  let max = 0
  let last = performance.now()
  const timer = setInterval(() => {
    const now = performance.now()
    max = Math.max(max, now - last - 20)
    last = now
  }, 20)
  return () => {
    clearInterval(timer)
    return Math.round(max)
  }
}

/** The job path: import a generated folder into a fresh app, analyse half, cancel, resume, rerun. */
async function speed(): Promise<void> {
  const n = Number(values.tracks)
  const seconds = Number(values.seconds)
  const root = join(tmpdir(), `segue-bench-analyze-${process.pid}`)
  const settings = { threads }
  try {
    let t = performance.now()
    const music = join(root, 'music')
    writeGeneratedLibrary(music, {
      tracks: n,
      seconds,
      name: (i) => `Bench Artist ${i % 50} - Track ${i}.wav`,
    })
    log(`wrote ${n} files of ${seconds} s in ${((performance.now() - t) / 1000).toFixed(1)} s`)
    const app = await Segue.open({ dataDir: join(root, 'data'), resourcesDir: values.resources })
    try {
      t = performance.now()
      const imported = await app.jobs.wait(app.startImport([music]).id)
      if (imported.state !== 'done') throw new Error(`Import ${imported.state}: ${imported.error}`)
      log(`imported in ${((performance.now() - t) / 1000).toFixed(1)} s`)

      // First run, cancelled half way (what closing the app mid-run does to the cache).
      const cpu0 = process.cpuUsage()
      const stall = stallMeter()
      t = performance.now()
      const first = startContentAnalysis(app, settings)
      const params = analysisParams(CONTENT_DEFAULTS)
      for (;;) {
        const s = await contentStatus(app)
        if (s.analysed >= n / 2) break
        await new Promise((r) => setTimeout(r, 100))
      }
      app.jobs.cancel(first.id)
      const cancelled = await app.jobs.wait(first.id)
      const firstSeconds = (performance.now() - t) / 1000
      const halfDone = (await contentStatus(app)).analysed

      // Resume: only the rest is analysed.
      t = performance.now()
      const second = await app.jobs.wait(startContentAnalysis(app, settings).id)
      const secondSeconds = (performance.now() - t) / 1000
      const maxStall = stall()
      const cpu = process.cpuUsage(cpu0)
      const status = await contentStatus(app)

      // A run with nothing left to do.
      t = performance.now()
      await app.jobs.wait(startContentAnalysis(app, settings).id)
      const noopSeconds = (performance.now() - t) / 1000

      const blobBytes = await cacheBytes(app.db)
      await app.db.exec('PRAGMA wal_checkpoint(TRUNCATE)')
      const dbBytes = statSync(join(root, 'data', 'segue.db')).size
      const totalSeconds = firstSeconds + secondSeconds
      const cpuSeconds = (cpu.user + cpu.system) / 1e6
      results.speed = {
        tracks: n,
        seconds_per_track: seconds,
        threads,
        windows: CONTENT_DEFAULTS.windows,
        params,
        first_run: { state: cancelled.state, seconds: firstSeconds, analysed: halfDone },
        resumed_run: {
          state: second.state,
          seconds: secondSeconds,
          analysed: status.analysed - halfDone,
          tracks_per_sec: (status.analysed - halfDone) / secondSeconds,
        },
        noop_rerun_seconds: noopSeconds,
        analysed: status.analysed,
        failed: status.failed,
        tracks_per_sec: status.analysed / totalSeconds,
        cpu_ms_per_track: (1000 * cpuSeconds) / status.analysed,
        tracks_per_sec_on_2_idle_cores: (2 * status.analysed) / cpuSeconds,
        max_event_loop_stall_ms: maxStall,
        cache: {
          blob_bytes: blobBytes,
          bytes_per_track: blobBytes / status.analysed,
          db_file_bytes: dbBytes,
        },
      }
      log('speed', results.speed)
    } finally {
      await app.close()
    }
  } finally {
    rmSync(root, { recursive: true, force: true })
  }
}

/**
 * What the CNN / bag-of-features thresholds of CONTENT_DEFAULTS rest on: generated families (8 × 30
 * tracks, 8 s), Song2Vec on their playlists, the app's windows through the cache codec, and both
 * models trained with the app's settings on n known tracks; 40 held-out tracks scored by family
 * accuracy (nearest family centroid; chance 0.125) and cosine to their true vector.
 */
async function thresholds(): Promise<void> {
  const dir = join(tmpdir(), `segue-bench-thresholds-${process.pid}`)
  try {
    const s = CONTENT_DEFAULTS
    const mels = s.windows.mels
    const ds = writeFamilyDataset(dir, {
      families: 8,
      perFamily: 30,
      playlists: 2000,
      seconds: 8,
      seed: 5,
    })
    const dim = 32
    const m = await train(
      ds.playlists.map((p) => p.map(String)),
      { dim, epochs: 30, window: 5, negative: 5, minCount: 1, sample: 0, threads, seed: 1 },
    )
    const unit = (v: ArrayLike<number>) => {
      const norm = Math.hypot(...Array.from(v))
      return Float32Array.from(v, (x) => x / norm)
    }
    const dot = (a: ArrayLike<number>, b: ArrayLike<number>) => {
      let sum = 0
      for (let i = 0; i < a.length; i++) sum += a[i] * b[i]
      return sum
    }
    const vec = new Map<number, Float32Array>()
    m.vocab.forEach((k, r) => vec.set(Number(k), unit(m.input.subarray(r * dim, (r + 1) * dim))))
    const windows = new Map<number, Float32Array[]>()
    await analyzeLibrary(
      ds.tracks.map((x) => ({ id: String(x.id), path: ds.files.get(x.id)! })),
      {
        windows: s.windows,
        keepWindows: true,
        threads,
        onTrack: (r) => windows.set(Number(r.id), decodeWindows(encodeWindows(r.windows!, mels))),
      },
    )
    const held = ds.tracks.filter((x) => x.id % 30 >= 25).map((x) => x.id)
    const pool = ds.tracks.filter((x) => x.id % 30 < 25 && vec.has(x.id)).map((x) => x.id)
    const rng = createRng(9)
    for (let i = pool.length - 1; i > 0; i--) {
      const j = rng.nextInt(i + 1)
      ;[pool[i], pool[j]] = [pool[j], pool[i]]
    }
    const centroids = ds.families.map((f) => {
      const sum = new Float32Array(dim)
      for (const x of ds.tracks)
        if (x.family === f.index && vec.has(x.id)) vec.get(x.id)!.forEach((v, d) => (sum[d] += v))
      return unit(sum)
    })
    const rows: unknown[] = []
    for (const n of [4, 8, 16, 32, 64, 128, 200]) {
      const examples = pool
        .slice(0, n)
        .map((id) => ({ windows: windows.get(id)!, vector: vec.get(id)! }))
      for (const kind of ['cnn', 'bof'] as const) {
        const validationFraction = n >= MIN_VALIDATION_TRACKS ? 0.1 : 0
        const trainN = Math.round(n * (1 - validationFraction))
        const epochs =
          kind === 'cnn'
            ? epochsFor(trainN * s.windows.count, s.batch, s.cnnSteps, s.cnnEpochs)
            : epochsFor(trainN, s.batch, s.bofSteps, s.bofEpochs)
        const t = performance.now()
        const { model } = await trainAudioModel(examples, {
          kind,
          mels,
          ...(kind === 'cnn' ? { shape: s.cnnShape } : { hidden: s.bofHidden }),
          epochs,
          batch: s.batch,
          lr: 1e-3,
          validationFraction,
          seed: s.seed,
        })
        const secs = (performance.now() - t) / 1000
        const predict = audioPredictor(model)
        let hits = 0
        let cos = 0
        for (const id of held) {
          const v = predict(windows.get(id)!)
          const best = centroids
            .map((c) => dot(c, v))
            .reduce((b, x, f, all) => (x > all[b] ? f : b), 0)
          if (best === ds.tracks[id].family) hits++
          cos += dot(v, vec.get(id)!)
        }
        const row = {
          known: n,
          kind,
          epochs,
          family_accuracy: hits / held.length,
          cosine: cos / held.length,
          train_seconds: secs,
        }
        log(JSON.stringify(row))
        rows.push(row)
      }
    }
    results.thresholds = rows
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}

if (only.has('speed')) await speed()
if (only.has('thresholds')) await thresholds()
console.log(JSON.stringify(results, null, 2))
