// Files whose format needs ffmpeg (absent here): analysed in workers, recorded as "placed by its tags only", counted apart by file type for the status and the tracks table.
import { existsSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { analyzeLibrary } from '../../../../src-main/core/content/audio/analyze-library'
import {
  AnalysisWriter,
  analysisCounts,
  analysisFailures,
  analysisParams,
  contentTracks,
} from '../../../../src-main/core/content/library/analysis-cache'
import { Db } from '../../../../src-main/core/store/db'
import { needsFfmpegSummary } from '../../../../src-shared/tags-only'
import { makeTempDir } from '../../../fixtures/temp-dir'
import { encodeWav, sine } from '../../../fixtures/audio/wav-writer'

const WINDOWS = { count: 1, seconds: 1, mels: 32 }

/** The first bytes of an M4A file with an AAC track (enough to be recognised, not decoded). */
function m4aHeader(): Buffer {
  const box = (type: string, body: Buffer): Buffer => {
    const head = Buffer.alloc(8)
    head.writeUInt32BE(8 + body.length, 0)
    head.write(type, 4, 'latin1')
    return Buffer.concat([head, body])
  }
  const stsd = box(
    'stsd',
    Buffer.concat([Buffer.from([0, 0, 0, 0, 0, 0, 0, 1]), box('mp4a', Buffer.alloc(28))]),
  )
  return Buffer.concat([box('ftyp', Buffer.from('M4A \0\0\0\0isom', 'latin1')), box('moov', stsd)])
}

describe('tracks whose format needs ffmpeg, without ffmpeg', () => {
  let tmp: ReturnType<typeof makeTempDir>
  let db: Db
  beforeEach(async () => {
    tmp = makeTempDir()
    db = await Db.open(join(tmp.dir, 'segue.db'))
  })
  afterEach(async () => {
    vi.unstubAllEnvs()
    await db.close()
    tmp.cleanup()
  })

  it('records them as placed by tags only, counts them by type apart from broken files', async () => {
    const asf = Buffer.concat([
      Buffer.from('3026b2758e66cf11a6d900aa0062ce6c', 'hex'),
      Buffer.alloc(64),
    ])
    const files: [string, Buffer][] = [
      ['a.m4a', m4aHeader()],
      ['b.M4A', m4aHeader()],
      ['c.wma', asf],
      ['broken.wav', Buffer.from('RIFF\0\0\0\0WAVEjunk')],
      ['good.wav', encodeWav([sine(440, 1.5, 22050)], 22050)],
    ]
    const now = new Date().toISOString()
    for (const [name, bytes] of files) {
      const path = join(tmp.dir, name)
      writeFileSync(path, bytes)
      await db.run(
        `INSERT INTO tracks (path, size, mtime, artist, title, album, song_key, tags_from, added, updated)
         VALUES (?, ?, 0, 'A', ?, '', NULL, 'tags', ?, ?)`,
        [path, bytes.length, name, now, now],
      )
    }
    vi.stubEnv('SEGUE_FFMPEG', join(tmp.dir, 'no-ffmpeg-here'))
    const params = analysisParams({ windows: WINDOWS })
    const tracks = await contentTracks(db, params)
    const byId = new Map(tracks.map((t) => [String(t.id), t]))
    const writer = new AnalysisWriter(db, params, WINDOWS.mels)
    const summary = await analyzeLibrary(
      tracks.map((t) => ({ id: String(t.id), path: t.path })),
      {
        windows: WINDOWS,
        keepWindows: true,
        threads: 1,
        onTrack: (r) => writer.analysed(byId.get(r.id)!, r),
      },
    )
    for (const f of summary.failed) writer.failed(byId.get(f.id)!, f.error)
    await writer.close()
    expect(summary.analysed).toBe(1)
    expect(summary.failed).toHaveLength(4)

    const counts = await analysisCounts(db, params)
    expect(counts).toMatchObject({ tracks: 5, analysed: 1, failed: 4 })
    expect(counts.needsFfmpeg).toEqual([
      { format: 'M4A', count: 2 },
      { format: 'WMA', count: 1 },
    ])
    const flags = Object.fromEntries(
      counts.failures.map((f) => [f.path.slice(tmp.dir.length + 1), !!f.needsFfmpeg]),
    )
    expect(flags).toEqual({ 'a.m4a': true, 'b.M4A': true, 'c.wma': true, 'broken.wav': false })
    const a = counts.failures.find((f) => f.path.endsWith('a.m4a'))!
    expect(a.reason).toMatch(
      /^a\.m4a is AAC in an M4A file: Segue cannot decode it without ffmpeg, so it is placed by its tags only \(SEGUE_FFMPEG is .*no-ffmpeg-here, which is not an executable file; install ffmpeg/,
    )
    expect(counts.failures.find((f) => f.path.endsWith('c.wma'))!.reason).toMatch(
      /c\.wma is WMA \(an ASF file\)/,
    )
    expect(needsFfmpegSummary(counts.needsFfmpeg)).toBe(
      '2 M4A files and 1 WMA file are placed by tags only — install ffmpeg to analyse them',
    )

    // Tried again once ffmpeg is installed (and only those); a failure from before MP4 was recognised too.
    const states = async (ffmpeg: boolean) =>
      Object.fromEntries(
        (await contentTracks(db, params, ffmpeg)).map((t) => [
          t.path.slice(tmp.dir.length + 1),
          t.state,
        ]),
      )
    expect(await states(false)).toEqual({
      'a.m4a': 'failed',
      'b.M4A': 'failed',
      'c.wma': 'failed',
      'broken.wav': 'failed',
      'good.wav': 'analysed',
    })
    expect(await states(true)).toEqual({
      'a.m4a': 'todo',
      'b.M4A': 'todo',
      'c.wma': 'todo',
      'broken.wav': 'failed',
      'good.wav': 'analysed',
    })
    await db.run('UPDATE track_audio SET error = ? WHERE track_id = ?', [
      `Cannot decode ${join(tmp.dir, 'a.m4a')}: not a WAV, MP3, FLAC, Ogg Vorbis or Ogg Opus file (convert it to one of these)`,
      tracks.find((t) => t.path.endsWith('a.m4a'))!.id,
    ])
    expect((await states(false))['a.m4a']).toBe('todo')

    // The tracks table reads the same reasons by track id, for the current file only.
    const reasons = await analysisFailures(db)
    expect([...reasons.keys()].sort()).toEqual(
      tracks
        .filter((t) => !t.path.endsWith('good.wav'))
        .map((t) => t.id)
        .sort(),
    )
    await db.run('UPDATE tracks SET mtime = 1 WHERE path LIKE ?', ['%a.m4a'])
    expect((await analysisFailures(db)).size).toBe(3)
  }, 60_000)

  it('says so in words for one file, several types, and none', () => {
    expect(needsFfmpegSummary([{ format: 'M4A', count: 1 }])).toBe(
      '1 M4A file is placed by tags only — install ffmpeg to analyse it',
    )
    expect(
      needsFfmpegSummary([
        { format: 'M4A', count: 1200 },
        { format: 'WMA', count: 2 },
        { format: 'APE', count: 1 },
      ]),
    ).toBe(
      '1,200 M4A files, 2 WMA files and 1 APE file are placed by tags only — install ffmpeg to analyse them',
    )
    expect(needsFfmpegSummary([{ format: 'M4A', count: 3 }], true)).toBe(
      '3 M4A files are placed by tags only — ffmpeg is installed now: analyse your music again to analyse them',
    )
    expect(needsFfmpegSummary([])).toBeNull()
    expect(needsFfmpegSummary(undefined)).toBeNull()
  })
})

describe.skipIf(process.platform !== 'linux')(
  'cancelling an analysis stops the ffmpeg a worker runs (Linux: reads /proc)',
  () => {
    let tmp: ReturnType<typeof makeTempDir>
    beforeEach(() => {
      tmp = makeTempDir()
    })
    afterEach(() => {
      vi.unstubAllEnvs()
      tmp.cleanup()
    })

    it('the worker kills and reaps its ffmpeg child before it ends', async () => {
      // A stand-in ffmpeg that records its pid and never finishes.
      const fake = join(tmp.dir, 'ffmpeg')
      const pidFile = join(tmp.dir, 'pid')
      writeFileSync(fake, `#!/bin/sh\necho $$ > '${pidFile}'\nexec sleep 600\n`, { mode: 0o755 })
      vi.stubEnv('SEGUE_FFMPEG', fake)
      const song = join(tmp.dir, 'song.m4a')
      writeFileSync(song, m4aHeader())
      const ac = new AbortController()
      const run = analyzeLibrary([{ id: '1', path: song }], {
        windows: WINDOWS,
        threads: 1,
        signal: ac.signal,
      }).then(
        () => null,
        (e: Error) => e,
      )
      let pid = 0
      while (!pid) {
        await new Promise((r) => setTimeout(r, 20))
        pid = existsSync(pidFile) ? Number(readFileSync(pidFile, 'utf8')) || 0 : 0
      }
      expect(existsSync(`/proc/${pid}`)).toBe(true)
      ac.abort()
      expect(await run).toMatchObject({ name: 'AbortError' })
      // Gone (killed and reaped by the worker, not left running or as a zombie).
      while (existsSync(`/proc/${pid}`)) await new Promise((r) => setTimeout(r, 20))
    }, 30_000)
  },
)
