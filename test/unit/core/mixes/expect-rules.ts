// Asserts the rules every mix keeps on a finished list of songs (used by every generator's tests).
import { expect } from 'vitest'
import { artistId } from '../../../../src-main/core/mixes/rules'

/** Fails unless `songs` keep the mix rules (with `before` counting for artist spacing). */
export function expectMixRules(
  songs: readonly { key: string; artist: string; owned: boolean }[],
  opts: {
    exclude?: Iterable<string>
    playableNow?: boolean
    before?: readonly { artist: string }[]
  } = {},
): void {
  const keys = songs.map((s) => s.key)
  expect(new Set(keys).size, 'no duplicates').toBe(keys.length)
  const blocked = new Set(opts.exclude ?? [])
  for (const k of keys) expect(blocked.has(k), `excluded song ${k} used`).toBe(false)
  const artists = [...(opts.before ?? []), ...songs].map((s) => artistId(s.artist))
  for (let i = 1; i < artists.length; i++) {
    expect(
      artists[i] === artists[i - 1] && i >= (opts.before?.length ?? 0),
      `same artist twice in a row at ${i}`,
    ).toBe(false)
  }
  const first = opts.before?.length ?? 0
  for (let i = first; i < artists.length; i++) {
    const same = artists.slice(Math.max(0, i - 9), i + 1).filter((a) => a === artists[i]).length
    expect(
      same,
      `artist ${artists[i]} ${same}× in the 10 songs ending at ${i}`,
    ).toBeLessThanOrEqual(2)
  }
  if (opts.playableNow) {
    let owned = 0
    songs.forEach((s, i) => {
      if (s.owned) owned++
      expect(owned, `prefix ${i + 1} owned share`).toBeGreaterThanOrEqual(0.8 * (i + 1) - 1e-9)
    })
  }
}
