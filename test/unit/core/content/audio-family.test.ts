// End to end on generated music: families → playlists → Song2Vec; WAV → mel windows (workers) → CNN (worker) places unseen tracks near their family.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  analyzeLibrary,
  type AnalyzeProgress,
} from '../../../../src-main/core/content/audio/analyze-library'
import {
  audioPredictor,
  type AudioExample,
} from '../../../../src-main/core/content/audio/audio-model'
import { trainAudioModel } from '../../../../src-main/core/content/audio/train-audio'
import { train } from '../../../../src-main/core/song2vec/trainer'
import { writeFamilyDataset, type FamilyDataset } from '../../../fixtures/audio/family-dataset'
import { makeTempDir } from '../../../fixtures/temp-dir'

const WINDOWS = { count: 3, seconds: 2 }
const SMALL_CNN = {
  blocks: [
    { channels: 16, kernel: 4, pool: 4 },
    { channels: 16, kernel: 4, pool: 2 },
    { channels: 16, kernel: 4, pool: 1 },
  ],
  hidden: 32,
}

function unit(v: ArrayLike<number>): Float32Array {
  const n = Math.hypot(...Array.from(v))
  return Float32Array.from(v, (x) => x / n)
}

function dot(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let s = 0
  for (let i = 0; i < a.length; i++) s += a[i] * b[i]
  return s
}

describe('audio placement on generated families', () => {
  const temp = makeTempDir('segue-content-audio-')
  let ds: FamilyDataset
  const vectorOf = new Map<number, Float32Array>()
  const windowsOf = new Map<number, Float32Array[]>()
  const heldOut = new Set<number>()

  beforeAll(async () => {
    ds = writeFamilyDataset(temp.dir, {
      families: 4,
      perFamily: 10,
      playlists: 400,
      seconds: 7,
      seed: 3,
    })
    const model = await train(
      ds.playlists.map((p) => p.map(String)),
      { dim: 16, epochs: 30, window: 5, negative: 5, minCount: 1, sample: 0, threads: 1, seed: 1 },
    )
    model.vocab.forEach((key, r) =>
      vectorOf.set(Number(key), unit(model.input.subarray(r * 16, (r + 1) * 16))),
    )
    for (const t of ds.tracks) if (t.id % 10 === 9) heldOut.add(t.id)
  })
  afterAll(() => temp.cleanup())

  it('analyses the library in worker threads, reports progress and resumes by skipping done ids', async () => {
    const tracks = ds.tracks.map((t) => ({ id: String(t.id), path: ds.files.get(t.id)! }))
    const first = tracks.slice(0, 12)
    const progress: AnalyzeProgress[] = []
    const s1 = await analyzeLibrary(first, {
      windows: WINDOWS,
      keepWindows: true,
      threads: 2,
      onTrack: (r) => windowsOf.set(Number(r.id), r.windows!),
      onProgress: (p) => progress.push(p),
    })
    expect(s1.analysed).toBe(12)
    const s2 = await analyzeLibrary([...tracks, { id: 'missing', path: `${temp.dir}/nope.wav` }], {
      windows: WINDOWS,
      keepWindows: true,
      threads: 2,
      skip: [...windowsOf.keys()].map(String),
      onTrack: (r) => {
        expect(windowsOf.has(Number(r.id))).toBe(false)
        windowsOf.set(Number(r.id), r.windows!)
      },
      onProgress: (p) => progress.push(p),
    })
    expect(s2).toMatchObject({ analysed: tracks.length - 12, skipped: 12 })
    expect(s2.failed).toEqual([
      {
        id: 'missing',
        path: `${temp.dir}/nope.wav`,
        error: expect.stringMatching(/Cannot read .*nope\.wav/),
      },
    ])
    expect(windowsOf.size).toBe(tracks.length)
    expect(progress.at(-1)).toMatchObject({
      done: tracks.length - 12 + 1,
      total: tracks.length - 12 + 1,
      skipped: 12,
      failed: 1,
    })
    const w = windowsOf.get(0)!
    expect(w).toHaveLength(3)
    expect(w[0]).toHaveLength(128 * (Math.floor((44100 - 1024) / 512) + 1))
  })

  it('the CNN, trained in a worker, places held-out tracks nearest their own family; so does the bag-of-features MLP', async () => {
    const examples: AudioExample[] = ds.tracks
      .filter((t) => !heldOut.has(t.id))
      .map((t) => ({ windows: windowsOf.get(t.id)!, vector: vectorOf.get(t.id)! }))
    const epochs: number[] = []
    const cnn = await trainAudioModel(examples, {
      kind: 'cnn',
      shape: SMALL_CNN,
      epochs: 25,
      batch: 4,
      lr: 2e-3,
      validationFraction: 0,
      seed: 1,
      onProgress: (e) => epochs.push(e.epoch),
    })
    expect(epochs).toEqual(Array.from({ length: 25 }, (_, i) => i + 1))
    expect(cnn.report.history.at(-1)!.trainLoss).toBeLessThan(cnn.report.history[0].trainLoss / 2)
    const bof = await trainAudioModel(examples, {
      kind: 'bof',
      hidden: 32,
      epochs: 100,
      batch: 4,
      lr: 2e-3,
      validationFraction: 0,
      seed: 1,
    })

    // Family centroids of the Song2Vec vectors of the training tracks.
    const centroid = (f: number): Float32Array => {
      const sum = new Float32Array(16)
      for (const t of ds.tracks)
        if (t.family === f && !heldOut.has(t.id))
          vectorOf.get(t.id)!.forEach((v, d) => (sum[d] += v))
      return unit(sum)
    }
    const centroids = ds.families.map((f) => centroid(f.index))
    for (const model of [cnn.model, bof.model]) {
      const predict = audioPredictor(model)
      for (const id of heldOut) {
        const v = predict(windowsOf.get(id)!)
        const nearest = centroids
          .map((c) => dot(c, v))
          .reduce((best, s, f, all) => (s > all[best] ? f : best), 0)
        expect({ kind: model.kind, id, nearest }).toEqual({
          kind: model.kind,
          id,
          nearest: ds.tracks[id].family,
        })
      }
    }
  })

  it('stops training and analysis when aborted', async () => {
    const examples = ds.tracks
      .slice(0, 8)
      .map((t) => ({ windows: windowsOf.get(t.id)!, vector: vectorOf.get(t.id)! }))
    const ac = new AbortController()
    const run = trainAudioModel(examples, {
      shape: SMALL_CNN,
      epochs: 1000,
      validationFraction: 0,
      signal: ac.signal,
      onProgress: () => ac.abort(),
    })
    await expect(run).rejects.toMatchObject({ name: 'AbortError' })
    const ac2 = new AbortController()
    const analysis = analyzeLibrary(
      ds.tracks.map((t) => ({ id: String(t.id), path: ds.files.get(t.id)! })),
      { windows: WINDOWS, threads: 1, signal: ac2.signal, onTrack: () => ac2.abort() },
    )
    await expect(analysis).rejects.toMatchObject({ name: 'AbortError' })
    await expect(trainAudioModel(examples.slice(0, 1))).rejects.toThrow(/at least 2 tracks/)
  })
})
