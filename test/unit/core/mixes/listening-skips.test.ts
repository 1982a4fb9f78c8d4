// Skips push songs down in radio, continue and journey too; hated (thumbs-down) songs never appear in them.
import { describe, expect, it } from 'vitest'
import {
  continuePlaylist,
  journey,
  radio,
  type MixContext,
} from '../../../../src-main/core/mixes/api'
import type { ListeningFact } from '../../../../src-main/core/history/listening-facts'
import { mostlySkipped, type Listening } from '../../../../src-main/core/mixes/listening'
import type { Mix } from '../../../../src-main/core/mixes/types'
import { makeWorld, metalJazzUser, type WorldSong } from './world'

const world = makeWorld()
const NOW = Date.UTC(2025, 5, 30, 12)

const song = (genre: string, artist: number, n: number): WorldSong =>
  world.songs.find((s) => s.genre === genre && s.artistIndex === artist && s.songIndex === n)!

/** A history in which `keys` were skipped 5 times and played once (mostly skipped). */
function skippedHistory(keys: readonly string[]): Listening {
  const fact: ListeningFact = { plays: 1, skips: 5, lastPlayed: NOW }
  expect(mostlySkipped(fact)).toBe(true)
  return {
    facts: new Map(keys.map((k) => [k, { ...fact }])),
    recent: new Map(),
    now: NOW,
    today: NOW,
  }
}

const ctx = (
  listening?: Listening,
  feedback: { key: string; value: 1 | -1 }[] = [],
): MixContext => ({
  library: metalJazzUser(world, feedback),
  scorer: world.scorer,
  catalog: world.catalog,
  seed: 3,
  ...(listening ? { listening } : {}),
})

const keysOf = (m: Mix): string[] => m.tracks.map((t) => t.key)

/** No demoted song comes before a song that is not demoted. */
function demotedLast(keys: readonly string[], demoted: ReadonlySet<string>): boolean {
  const firstDemoted = keys.findIndex((k) => demoted.has(k))
  return firstDemoted < 0 || keys.slice(firstDemoted).every((k) => demoted.has(k))
}

const SEED = song('metal', 0, 0)
const PLAYLIST = {
  name: 'Heavy',
  keys: [song('metal', 0, 0).key, song('metal', 1, 0).key, song('metal', 2, 1).key],
}

describe('skips push songs down in radio and continue', () => {
  for (const [name, make] of [
    ['radio', (c: MixContext) => radio(c, [SEED.key], 10)],
    ['continue', (c: MixContext) => continuePlaylist(c, PLAYLIST, 10)],
  ] as const) {
    it(`${name}: the plain mix's first songs, mostly skipped, go behind every other candidate`, async () => {
      const plain = keysOf(await make(ctx()))
      expect(plain).toHaveLength(10)
      const skipped = new Set(plain.slice(0, 4))
      const heard = keysOf(await make(ctx(skippedHistory([...skipped]))))
      expect(heard).toHaveLength(10)
      // The world has far more than 10 fitting songs: they drop out of the batch altogether.
      expect(heard.filter((k) => skipped.has(k))).toEqual([])
      expect(demotedLast(heard, skipped)).toBe(true)
    })

    it(`${name}: when nothing else is left, mostly skipped songs still fill the end`, async () => {
      const all = world.songs.map((s) => s.key)
      const heard = keysOf(await make(ctx(skippedHistory(all))))
      expect(heard).toHaveLength(10)
    })

    it(`${name}: a thumbs-down (hated) song never appears`, async () => {
      const plain = keysOf(await make(ctx()))
      const hated = plain.slice(0, 3)
      const heard = keysOf(
        await make(
          ctx(
            undefined,
            hated.map((key) => ({ key, value: -1 as const })),
          ),
        ),
      )
      expect(heard.filter((k) => hated.includes(k))).toEqual([])
    })
  }
})

describe('skips push songs down in a journey', () => {
  const FROM = song('metal', 0, 0)
  const TO = song('jazz', 0, 0)

  it("a journey's steps avoid mostly skipped songs while others fit the step", async () => {
    const plain = keysOf(await journey(ctx(), FROM.key, TO.key, 8))
    expect(plain).toHaveLength(8)
    const steps = new Set(plain.slice(1, -1))
    const heard = keysOf(await journey(ctx(skippedHistory([...steps])), FROM.key, TO.key, 8))
    expect(heard).toHaveLength(8)
    expect(heard[0]).toBe(FROM.key)
    expect(heard[7]).toBe(TO.key)
    expect(heard.slice(1, -1).filter((k) => steps.has(k))).toEqual([])
  })

  it('takes a mostly skipped song only when no other fits the step', async () => {
    const all = world.songs.map((s) => s.key).filter((k) => k !== FROM.key && k !== TO.key)
    const heard = keysOf(await journey(ctx(skippedHistory(all)), FROM.key, TO.key, 8))
    expect(heard).toHaveLength(8)
  })

  it('a thumbs-down (hated) song never appears in a journey', async () => {
    const plain = keysOf(await journey(ctx(), FROM.key, TO.key, 8))
    const hated = plain.slice(1, 4)
    const heard = keysOf(
      await journey(
        ctx(
          undefined,
          hated.map((key) => ({ key, value: -1 as const })),
        ),
        FROM.key,
        TO.key,
        8,
      ),
    )
    expect(heard.filter((k) => hated.includes(k))).toEqual([])
  })
})
