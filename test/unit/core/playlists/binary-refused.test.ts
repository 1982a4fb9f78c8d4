// Issue 15 item 16: random bytes named .m3u / .m3u8 are refused with a reason, never imported as
// playlists of junk entries; a real (non-UTF-8) text playlist still reads.
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { readPlaylistBytes, readPlaylistFile } from '../../../../src-main/core/playlists/read'
import { makeTempDir } from '../../../fixtures/temp-dir'

const tmp = makeTempDir()
afterAll(() => tmp.cleanup())

/** Deterministic pseudo-random bytes (xorshift32), so a failure can be replayed. */
function noise(n: number, seed: number, pick: (x: number) => number = (x) => x & 255): Buffer {
  const out = Buffer.alloc(n)
  let x = seed >>> 0 || 1
  for (let i = 0; i < n; i++) {
    x ^= x << 13
    x >>>= 0
    x ^= x >>> 17
    x ^= x << 5
    x >>>= 0
    out[i] = pick(x)
  }
  return out
}

describe('a playlist file that is not text', () => {
  for (const [name, size, seed] of [
    ['random.m3u', 4096, 1],
    ['random.m3u8', 65536, 2],
    ['small.m3u', 600, 3],
  ] as const) {
    it(`${name} (${size} random bytes) is refused with a reason`, async () => {
      const file = join(tmp.dir, name)
      writeFileSync(file, noise(size, seed))
      await expect(readPlaylistFile(file)).rejects.toThrow(/not a text file|binary/)
    })
  }

  it('bytes without NULs but with invalid sequences on most lines are refused too', () => {
    // Control bytes and high bytes, a newline every ~40 bytes: no text encoding makes sense of it.
    const bytes = noise(8192, 7, (x) =>
      x % 41 === 0 ? 10 : [1, 2, 3, 0x7f, 0xc0, 0xff, 0x8f][x % 7],
    )
    expect(() => readPlaylistBytes(bytes, 'junk.m3u8')).toThrow(/not a text file|binary/)
  })

  it('a Windows-1251 playlist (text, not UTF-8) still reads', () => {
    const bytes = Buffer.concat([
      Buffer.from('#EXTM3U\n#EXTINF:1,'),
      Buffer.from([0xcf, 0xf0, 0xe8, 0xe2, 0xe5, 0xf2]),
      Buffer.from('\nsong.mp3\n'),
    ])
    expect(readPlaylistBytes(bytes, 'cyr.m3u').playlists[0].entries).toHaveLength(1)
  })
})
