// Fuzzing the library's parsers: file-name tags, and tag reading on mutated real audio files (result or clean Error).
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { tagsFromFileName } from '../../../../src-main/core/library/filename-tags'
import { readTrackTags } from '../../../../src-main/core/library/read-tags'
import { createRng } from '../../../../src-main/core/util/random'
import { flacFile, mp3File, wavFile } from '../../../fixtures/audio-files'
import { fuzzInputs } from '../../../fixtures/fuzz'
import { makeTempDir } from '../../../fixtures/temp-dir'

const tmp = makeTempDir()
afterAll(tmp.cleanup)

describe('fuzz', () => {
  it('tagsFromFileName', () => {
    const seeds = [
      '/m/01 - Artist - Title.mp3',
      'C:\\Music\\Artist_-_Title.flac',
      '/m/07. Song.ogg',
    ]
    for (const s of fuzzInputs(seeds, 3000, 21)) {
      const t = tagsFromFileName(s)
      for (const v of [t.artist, t.title]) if (v !== undefined) expect(v.trim()).not.toBe('')
      if (t.trackNo !== undefined) expect(Number.isInteger(t.trackNo)).toBe(true)
    }
  })

  it('readTrackTags on mutated MP3, WAV and FLAC files', async () => {
    const tags = {
      title: 'Jóga',
      artist: 'Björk',
      album: 'Homogenic',
      track: 3,
      year: 1997,
      mbTrackId: 'x',
    }
    const seeds: [string, Buffer][] = [
      ['mp3', mp3File(tags, { id3Version: 3 })],
      ['mp3', mp3File(tags, { id3Version: 4 })],
      ['wav', wavFile(tags, { seconds: 0.05 })],
      ['flac', flacFile(tags)],
    ]
    const rng = createRng(22)
    let ok = 0
    let failed = 0
    for (let i = 0; i < 300; i++) {
      const [ext, seed] = seeds[rng.nextInt(seeds.length)]
      const input = i % 4 === 0 ? randomBytes(rng, 1 + rng.nextInt(600)) : mutateRaw(seed, rng)
      const path = join(tmp.dir, `f${i}.${ext}`)
      writeFileSync(path, input)
      try {
        const t = await readTrackTags(path, input.length)
        expect(t.duration === null || t.duration > 0).toBe(true)
        ok++
      } catch (e) {
        expect(e).toBeInstanceOf(Error)
        expect((e as Error).message.length).toBeGreaterThan(0)
        failed++
      }
    }
    expect(ok + failed).toBe(300)
  })
})

function mutateRaw(seed: Buffer, rng: ReturnType<typeof createRng>): Buffer {
  const out = Buffer.from(seed)
  const flips = 1 + rng.nextInt(12)
  for (let k = 0; k < flips; k++) out[rng.nextInt(out.length)] = rng.nextInt(256)
  return rng.nextInt(3) === 0 ? out.subarray(0, rng.nextInt(out.length)) : out
}

function randomBytes(rng: ReturnType<typeof createRng>, n: number): Buffer {
  const b = Buffer.alloc(n)
  for (let i = 0; i < n; i++) b[i] = rng.nextInt(256)
  return b
}
