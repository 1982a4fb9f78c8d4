// The library content job end to end: resumable analysis cache, failures, cancel, genre tags, tag and audio placement served by the app.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { dispatch } from '../../../../src-shared/dispatch'
import { songKey } from '../../../../src-shared/song-key'
import {
  CONTENT_DEFAULTS,
  contentStatus,
  startContentAnalysis,
  type ContentSettings,
} from '../../../../src-main/core/app/content'
import { chooseAudioModel } from '../../../../src-main/core/content/library/audio-training'
import { genreTags } from '../../../../src-main/core/content/library/genres'
import {
  decodeWindows,
  encodeWindows,
} from '../../../../src-main/core/content/library/window-codec'
import { Segue } from '../../../../src-main/core/app/segue'
import { loadPlaced } from '../../../../src-main/core/models/placed-files'
import { flacFile } from '../../../fixtures/audio-files'
import {
  familyPlaylists,
  familyTracks,
  makeFamilies,
  renderTrack,
  type FamilyTrack,
} from '../../../fixtures/audio/music-families'
import { encodeWav } from '../../../fixtures/audio/wav-writer'
import { makeTempDir } from '../../../fixtures/temp-dir'

const resourcesDir = join(import.meta.dirname, '../../../../resources')
const yesTags = readFileSync(join(resourcesDir, 'dataset/yes/yes_big/tag_hash.txt'), 'utf8')
  .split('\n')
  .filter(Boolean)
  .map((l) => l.slice(l.indexOf(',') + 1).trim())

/** Small windows and a small CNN, so a run takes seconds; the same code path as the app's. */
const SMALL: Partial<ContentSettings> = {
  windows: { count: 3, seconds: 2, mels: 64 },
  threads: 2,
  cnnShape: {
    blocks: [
      { channels: 16, kernel: 4, pool: 4 },
      { channels: 16, kernel: 4, pool: 2 },
      { channels: 16, kernel: 4, pool: 1 },
    ],
    hidden: 32,
  },
  cnnSteps: 1500,
  cnnEpochs: { min: 20, max: 60 },
}

/** A WAV with a RIFF INFO chunk (title, artist, genre), so the scan reads real tags. */
function taggedWav(mono: Float32Array, tags: { title: string; artist: string; genre?: string }) {
  const wav = encodeWav([mono], 22050, 'pcm16')
  const sub = [
    ['INAM', tags.title],
    ['IART', tags.artist],
    ['IGNR', tags.genre],
  ]
    .filter(([, v]) => v !== undefined)
    .map(([id, v]) => chunk(id!, Buffer.from(`${v}\0`, 'utf8')))
  const list = chunk('LIST', Buffer.concat([Buffer.from('INFO'), ...sub]))
  const out = Buffer.concat([wav, list])
  out.writeUInt32LE(out.length - 8, 4)
  return out
}

function chunk(id: string, body: Buffer): Buffer {
  const head = Buffer.alloc(8)
  head.write(id, 0, 'latin1')
  head.writeUInt32LE(body.length, 4)
  return Buffer.concat([head, body, Buffer.alloc(body.length % 2)])
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

describe('genreTags', () => {
  const known = new Set(yesTags)
  it('maps ID3 genre text to the catalogue’s Last.fm tag names', () => {
    expect(genreTags('Hip-Hop', known)).toEqual(['hip-hop', 'hip hop'])
    expect(genreTags('Rock; Pop', known)).toEqual(['rock', 'pop'])
    expect(genreTags('Alternative/Indie', known)).toEqual(['alternative', 'indie'])
    expect(genreTags('R&B/Soul', known)).toEqual(['r&b', 'r and b', 'rb', 'rnb', 'soul'])
    expect(genreTags('Singer/Songwriter', known)).toEqual(['singer-songwriter'])
    expect(genreTags('Rock & Roll', known)).toEqual(['rock and roll', 'rock n roll'])
    expect(genreTags('Electronica', known)).toEqual(['electronic'])
    expect(genreTags('Symphonic Metal', known)).toEqual(['metal'])
    expect(genreTags('(17)Rock', known)).toEqual(['rock'])
    expect(genreTags('Country\0Folk', known)).toEqual(['country', 'folk'])
    expect(genreTags('Música Latina', known)).toEqual(['latin'])
  })
  it('yields nothing for unknown or empty genres', () => {
    expect(genreTags('Gregorian Chant', known)).toEqual([])
    expect(genreTags('', known)).toEqual([])
    expect(genreTags(null, known)).toEqual([])
  })
})

describe('chooseAudioModel', () => {
  it('learns no audio model below 8 known tracks, the MLP below 20, the CNN from 20', () => {
    const choose = (n: number) => chooseAudioModel(n, CONTENT_DEFAULTS).kind
    expect([0, 7, 8, 19, 20, 1000].map(choose)).toEqual([null, null, 'bof', 'bof', 'cnn', 'cnn'])
    expect(chooseAudioModel(3, CONTENT_DEFAULTS).reason).toBe(
      "Only 3 of your analysed tracks are in the model's playlists; at least 8 are needed to learn how your music sounds",
    )
  })
})

describe('window cache codec', () => {
  it('round-trips windows within half a quantisation step and rejects damage', () => {
    const w = [Float32Array.from({ length: 32 * 10 }, (_, i) => Math.sin(i) * 5 - 3)]
    w.push(w[0].map((v) => v * 2))
    const blob = encodeWindows(w, 32)
    expect(blob.length).toBe(8 + 2 * (8 + 320))
    const back = decodeWindows(blob)
    for (let k = 0; k < 2; k++) {
      const step = (Math.max(...w[k]) - Math.min(...w[k])) / 255
      for (let i = 0; i < 320; i++) expect(Math.abs(back[k][i] - w[k][i])).toBeLessThan(step / 1.9)
    }
    expect(() => decodeWindows(blob.subarray(0, blob.length - 1))).toThrow(/corrupt/)
  })
})

describe('the library content job', () => {
  const temp = makeTempDir('segue-content-app-')
  const libraryDir = join(temp.dir, 'music')
  const families = makeFamilies(4, 21)
  const PER = 13
  const tracks = familyTracks(families, PER, 21)
  /** The last track of each family is in no playlist: the model does not learn it. */
  const heldOut = new Set(tracks.filter((t) => t.id % PER === PER - 1).map((t) => t.id))
  const artistOf = (t: FamilyTrack) => `Segue Family ${String.fromCharCode(65 + t.family)}`
  const keyOf = (t: FamilyTrack) => songKey(artistOf(t), `Tune ${t.id}`)
  const brokenKey = songKey('Zzyzx Nobody', 'Never Decoded')
  const rockTrack = tracks.find((t) => heldOut.has(t.id))!
  let app: Segue

  const trackCount = tracks.length + 1
  const rows = () =>
    app.db.all<{ track_id: number; analysed: string; error: string | null }>(
      'SELECT track_id, analysed, error FROM track_audio ORDER BY track_id',
    )
  const run = async (settings: Partial<ContentSettings> = SMALL) =>
    app.jobs.wait(startContentAnalysis(app, settings).id)

  beforeAll(async () => {
    mkdirSync(libraryDir, { recursive: true })
    for (const t of tracks) {
      const mono = renderTrack(families[t.family], t.seed, 5, 22050)
      const genre = t.id === rockTrack.id ? 'Rock; Pop' : undefined
      writeFileSync(
        join(libraryDir, `t${t.id}.wav`),
        taggedWav(mono, { title: `Tune ${t.id}`, artist: artistOf(t), genre }),
      )
    }
    // Tags readable, audio not decodable: a FLAC stream with no frames.
    writeFileSync(
      join(libraryDir, 'broken.flac'),
      flacFile({ title: 'Never Decoded', artist: 'Zzyzx Nobody', genre: 'Hip-Hop' }),
    )
    const lists = familyPlaylists(
      tracks.filter((t) => !heldOut.has(t.id)),
      150,
      5,
      0,
    )
    const listDir = join(temp.dir, 'lists')
    mkdirSync(listDir)
    const files = lists.map((p, i) => {
      const path = join(listDir, `mix ${i}.m3u`)
      writeFileSync(path, `#EXTM3U\n${p.map((id) => join(libraryDir, `t${id}.wav`)).join('\n')}\n`)
      return path
    })
    app = await Segue.open({
      dataDir: join(temp.dir, 'data'),
      resourcesDir,
      training: { epochs: 10, dim: 32, threads: 1, tagModel: 'ridge' },
    })
    expect((await app.jobs.wait(app.startImport([libraryDir, ...files]).id)).state).toBe('done')
  }, 60_000)
  afterAll(async () => {
    await app?.close()
    temp.cleanup()
  })

  it('without a model it analyses, records the undecodable file, and a cancelled run keeps what it did', async () => {
    expect(await contentStatus(app, SMALL as ContentSettings)).toMatchObject({
      tracks: trackCount,
      analysed: 0,
      failed: 0,
      audioModel: null,
    })
    const job = startContentAnalysis(app, { ...SMALL, threads: 1 })
    while ((await rows()).length < 3) await new Promise((r) => setTimeout(r, 5))
    app.jobs.cancel(job.id)
    expect((await app.jobs.wait(job.id)).state).toBe('cancelled')
    const kept = await rows()
    expect(kept.length).toBeGreaterThanOrEqual(3)
    expect(kept.length).toBeLessThan(trackCount)

    const done = await run()
    expect(done.state).toBe('done')
    expect(done.message).toBe('Done')
    const after = await rows()
    expect(after).toHaveLength(trackCount)
    // Resumed: the rows of the cancelled run were not analysed again.
    for (const r of kept) expect(after.find((a) => a.track_id === r.track_id)).toEqual(r)
    const status = await contentStatus(app, SMALL as ContentSettings)
    expect(status).toMatchObject({ tracks: trackCount, analysed: trackCount - 1, failed: 1 })
    expect(status.failures).toEqual([
      {
        path: join(libraryDir, 'broken.flac'),
        reason: expect.stringMatching(/holds no audio samples/),
      },
    ])
    // A third run has nothing to do.
    expect((await run()).state).toBe('done')
    expect(await rows()).toEqual(after)
  }, 30_000)

  it('a changed file is analysed again; a removed track drops out of the cache', async () => {
    const before = await rows()
    const [first, second] = before.filter((r) => r.error === null)
    await app.db.run('UPDATE tracks SET mtime = mtime + 1 WHERE id = ?', [first.track_id])
    expect(await contentStatus(app, SMALL as ContentSettings)).toMatchObject({
      analysed: trackCount - 2,
    })
    expect((await run()).state).toBe('done')
    const after = await rows()
    expect(after.find((r) => r.track_id === first.track_id)!.analysed).not.toBe(first.analysed)
    expect(after.find((r) => r.track_id === second.track_id)).toEqual(second)
    await app.db.run('DELETE FROM tracks WHERE id = ?', [second.track_id])
    expect((await rows()).map((r) => r.track_id)).not.toContain(second.track_id)
  }, 30_000)

  it('with a model, places unknown tracks by tags and sound, serves them with their reasons', async () => {
    // The re-import restores the track removed above; then a first model.
    expect((await app.jobs.wait(app.startImport([libraryDir]).id)).state).toBe('done')
    expect((await app.jobs.wait(app.startTraining({}).id)).state).toBe('done')
    const job = await run()
    expect(job.state).toBe('done')
    const record = await app.requireModel()
    const placed = (await loadPlaced(record.dir, 'library'))!
    const rowOf = (key: string) => placed.keys.indexOf(key)

    // The undecodable Hip-Hop file: by its tags only.
    const b = rowOf(brokenKey)
    expect(b).toBeGreaterThanOrEqual(0)
    expect(placed.placedBy[b]).toBe('tags')
    expect(placed.why[b]).toBe('shares tags hip-hop')
    expect(app.songRef(brokenKey).placedBy).toBe('tags')

    // The held-out family tracks: by sound, near their own family and sounding like one of it;
    // the tagged one by tags and sound.
    const centroid = (f: number) => {
      const sum = new Float32Array(32)
      for (const t of tracks)
        if (t.family === f && !heldOut.has(t.id))
          unit(app.serving.trainedVector(keyOf(t))!).forEach((v, d) => (sum[d] += v))
      return unit(sum)
    }
    const centroids = families.map((f) => centroid(f.index))
    for (const id of heldOut) {
      const t = tracks[id]
      const r = rowOf(keyOf(t))
      expect(r).toBeGreaterThanOrEqual(0)
      const family = `Segue Family ${String.fromCharCode(65 + t.family)}`
      if (id === rockTrack.id) {
        expect(placed.placedBy[r]).toBe('tags+audio')
        expect(placed.why[r]).toMatch(
          new RegExp(`^shares tags rock, pop; sounds like "Tune \\d+" by ${family}$`),
        )
      } else {
        // Placed by sound alone: nearest its own family's centroid.
        const v = placed.vectors.subarray(r * 32, (r + 1) * 32)
        const nearest = centroids
          .map((c) => dot(c, v))
          .reduce((best, s, f, all) => (s > all[best] ? f : best), 0)
        expect({ id, nearest }).toEqual({ id, nearest: t.family })
        expect(placed.placedBy[r]).toBe('audio')
        expect(placed.why[r]).toMatch(new RegExp(`^sounds like "Tune \\d+" by ${family}$`))
      }
      expect(app.songRef(keyOf(t)).placedBy).toBe(placed.placedBy[r])
    }
    // Tracks the model learnt from playlists are not placed.
    for (const t of tracks) if (!heldOut.has(t.id)) expect(rowOf(keyOf(t))).toBe(-1)
    expect(placed.keys).toHaveLength(heldOut.size + 1)

    // Through the contract (its schema checks the result); the counts are for the test's windows.
    expect(await dispatch(app.handlers, 'content.status', {})).toMatchObject({
      ok: true,
      result: {
        tracks: trackCount,
        placed: { library: heldOut.size + 1 },
        audioModel: { kind: 'cnn', tracks: tracks.length - heldOut.size },
      },
    })
    expect(await contentStatus(app, SMALL as ContentSettings)).toMatchObject({
      analysed: trackCount - 1,
      failed: 1,
    })
  }, 60_000)

  it('a second run reuses the audio model and changes nothing; a second job conflicts', async () => {
    const record = await app.requireModel()
    const before = await loadPlaced(record.dir, 'library')
    const trained = (await contentStatus(app, SMALL as ContentSettings)).audioModel!.trained
    const job = startContentAnalysis(app, SMALL)
    const conflict = await dispatch(app.handlers, 'content.analyze', {})
    expect(conflict).toMatchObject({ ok: false, error: { code: 'conflict' } })
    expect((await app.jobs.wait(job.id)).state).toBe('done')
    expect((await contentStatus(app, SMALL as ContentSettings)).audioModel!.trained).toBe(trained)
    expect(await loadPlaced(record.dir, 'library')).toEqual(before)
  }, 30_000)
})
