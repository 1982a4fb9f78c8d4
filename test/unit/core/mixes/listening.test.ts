// Taste from listening: a small generated history in a temp database weighs the taste, adds "On repeat" and "Forgotten favourites", pushes skipped songs down and is cited in the why.
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { buildMixes, type MixContext } from '../../../../src-main/core/mixes/api'
import { dailyMixes } from '../../../../src-main/core/mixes/daily'
import { mixEnv } from '../../../../src-main/core/mixes/env'
import {
  DAY_MS,
  demoteSkipped,
  listeningWeight,
  loadListening,
  type Listening,
} from '../../../../src-main/core/mixes/listening'
import { tasteProfile } from '../../../../src-main/core/mixes/taste-profile'
import { dot } from '../../../../src-main/core/mixes/unit-vectors'
import { Db } from '../../../../src-main/core/store/db'
import { makeTempDir } from '../../../fixtures/temp-dir'
import { makeWorld, metalJazzUser, type WorldSong } from './world'

const world = makeWorld()
/** The history's latest listen (its "now") and the day the reasons are worded on. */
const NOW = Date.UTC(2025, 5, 30, 12)
const TODAY = Date.UTC(2025, 10, 15)

const song = (genre: string, artist: number, n: number): WorldSong =>
  world.songs.find((s) => s.genre === genre && s.artistIndex === artist && s.songIndex === n)!

// Owned by the metal + jazz user unless said otherwise.
const REPEAT_A = song('metal', 1, 0) // 10 plays in the last 10 days
const REPEAT_B = song('jazz', 1, 1) // 6 plays in the last 30 days
const REPEAT_C = song('metal', 2, 1) // 4 plays in the last 30 days
const FEW_RECENT = song('metal', 3, 1) // 2 recent plays: not "on repeat"
const FORGOT_E = song('metal', 3, 2) // 20 plays in 2023, none since
const FORGOT_F = song('jazz', 0, 1) // 8 plays in 2023
const FORGOT_FOLK = song('folk', 0, 0) // not owned: 7 plays in 2023
const FEW_OLD = song('jazz', 2, 2) // 3 plays in 2023: too few
const BACK_AGAIN = song('jazz', 3, 0) // 10 plays in 2023 and one last month: not forgotten
const SKIPPED = song('jazz', 2, 0) // 1 play, 6 skips lately
const HEARD_NEW = song('jazz', 4, 0) // not owned: 2 plays in 2023

const OLD = Date.UTC(2023, 3, 10)

/** [song, listens as [ts, skipped]]. */
function history(): [WorldSong, [number, 0 | 1][]][] {
  const plays = (n: number, from: number, step = DAY_MS): [number, 0 | 1][] =>
    Array.from({ length: n }, (_, i) => [from - i * step, 0])
  return [
    [REPEAT_A, plays(10, NOW)],
    [REPEAT_B, plays(6, NOW - 2 * DAY_MS, 4 * DAY_MS)],
    [REPEAT_C, plays(4, NOW - DAY_MS, 5 * DAY_MS)],
    [FEW_RECENT, plays(2, NOW - 3 * DAY_MS)],
    [FORGOT_E, plays(20, OLD)],
    [FORGOT_F, plays(8, OLD)],
    [FORGOT_FOLK, plays(7, OLD)],
    [FEW_OLD, plays(3, OLD)],
    [HEARD_NEW, plays(2, OLD)],
    [BACK_AGAIN, [...plays(10, OLD), [NOW - 40 * DAY_MS, 0]]],
    [
      SKIPPED,
      [[NOW - 20 * DAY_MS, 0], ...plays(6, NOW - 5 * DAY_MS).map(([t]) => [t, 1] as [number, 1])],
    ],
  ]
}

async function writeHistory(db: Db): Promise<void> {
  const { lastID: id } = await db.run(
    "INSERT INTO history_sources (path, formats, imported, report) VALUES ('/h.json', 'listenbrainz', '2025-07-01', '{}')",
  )
  for (const [idx, [s, listens]] of history().entries()) {
    await db.run(
      "INSERT INTO history_songs (source_id, idx, artist, title, song_key, match) VALUES (?, ?, ?, ?, ?, 'library')",
      [id, idx, s.artist, s.title, s.key],
    )
    for (const [ts, skipped] of listens)
      await db.run(
        'INSERT INTO listens (source_id, ts, ms_played, skipped, song_idx) VALUES (?, ?, ?, ?, ?)',
        [id, ts, skipped ? 5000 : -1, skipped, idx],
      )
  }
}

let tmp: ReturnType<typeof makeTempDir>
let db: Db
let listening: Listening

beforeEach(async () => {
  tmp = makeTempDir()
  db = await Db.open(join(tmp.dir, 'segue.db'))
  await writeHistory(db)
  listening = (await loadListening(db, { today: TODAY }))!
})

afterEach(async () => {
  await db.close()
  tmp.cleanup()
})

const ctx = (l?: Listening): MixContext => ({
  library: metalJazzUser(world),
  scorer: world.scorer,
  catalog: world.catalog,
  seed: 3,
  ...(l ? { listening: l } : {}),
})

describe('loadListening', () => {
  it("reads the history's facts, its latest listen as now and the last 30 days' plays", async () => {
    expect(listening.now).toBe(NOW)
    expect(listening.facts.get(REPEAT_A.key)).toEqual({ plays: 10, skips: 0, lastPlayed: NOW })
    expect(listening.facts.get(SKIPPED.key)).toMatchObject({ plays: 1, skips: 6 })
    expect(listening.recent.get(REPEAT_A.key)).toBe(10)
    expect(listening.recent.get(BACK_AGAIN.key)).toBeUndefined()
    expect(listening.recent.has(FORGOT_E.key)).toBe(false)
  })

  it('is undefined without a history', async () => {
    const t = makeTempDir()
    const empty = await Db.open(join(t.dir, 'segue.db'))
    try {
      expect(await loadListening(empty)).toBeUndefined()
    } finally {
      await empty.close()
      t.cleanup()
    }
  })
})

describe('taste from listening', () => {
  it('scales taste weights by plays, recency and skips; songs without listens keep theirs', () => {
    const plain = mixEnv(world.scorer, world.catalog, metalJazzUser(world))
    const heard = mixEnv(world.scorer, world.catalog, metalJazzUser(world), listening)
    const ratio = (k: string): number =>
      heard.library.taste.find((s) => s.key === k)!.weight /
      plain.library.taste.find((s) => s.key === k)!.weight
    expect(ratio(REPEAT_A.key)).toBeCloseTo(1 + Math.log1p(10), 10)
    expect(ratio(REPEAT_A.key)).toBeGreaterThan(ratio(REPEAT_B.key))
    expect(ratio(REPEAT_B.key)).toBeGreaterThan(ratio(REPEAT_C.key))
    expect(ratio(REPEAT_C.key)).toBeGreaterThan(1)
    // 20 plays two years back weigh less than 10 this month.
    expect(ratio(FORGOT_E.key)).toBeLessThan(ratio(REPEAT_A.key))
    expect(ratio(SKIPPED.key)).toBeLessThan(1)
    expect(ratio(song('metal', 0, 2).key)).toBe(1)
    expect(listeningWeight({ plays: 0, skips: 5 }, NOW)).toBe(0)
  })

  it('moves the taste centroids toward what was played', () => {
    const plain = tasteProfile(mixEnv(world.scorer, world.catalog, metalJazzUser(world)))
    const heard = tasteProfile(mixEnv(world.scorer, world.catalog, metalJazzUser(world), listening))
    expect(heard.centroids.map((c) => c.label)).toEqual(plain.centroids.map((c) => c.label))
    const jazz = (p: typeof plain): Float32Array =>
      p.centroids.find((c) => c.label.startsWith('Jazz'))!.direction
    const b = world.scorer.vector(REPEAT_B.key)!
    expect(dot(jazz(heard), b)).toBeGreaterThan(dot(jazz(plain), b))
  })
})

describe('listening mixes', () => {
  it('"On repeat" holds the songs played most in the last 30 days, most played first', async () => {
    const mixes = await buildMixes(ctx(listening))
    const repeat = mixes.find((m) => m.name === 'On repeat')!
    expect(repeat.tracks.map((t) => t.key)).toEqual([REPEAT_A.key, REPEAT_B.key, REPEAT_C.key])
    expect(repeat.tracks[0].why).toBe(
      'you played this 10 times, last in June · 10 of them in the last 30 days',
    )
  })

  it('"Forgotten favourites" holds songs played many times but not for a year', async () => {
    const mixes = await buildMixes(ctx(listening))
    const forgotten = mixes.find((m) => m.name === 'Forgotten favourites')!
    expect(forgotten.tracks.map((t) => t.key)).toEqual([
      FORGOT_E.key,
      FORGOT_F.key,
      FORGOT_FOLK.key,
    ])
    expect(forgotten.tracks[2].owned).toBe(false)
    expect(forgotten.tracks[0].why).toMatch(
      /^you played this 20 times, last in April 2023 · not played for 26 months$/,
    )
  })

  it('appear only with a history, and never empty', async () => {
    const names = (await buildMixes(ctx())).map((m) => m.name)
    expect(names).not.toContain('On repeat')
    expect(names).not.toContain('Forgotten favourites')
    const few: Listening = {
      ...listening,
      recent: new Map([[REPEAT_A.key, 10]]),
      facts: new Map([[REPEAT_A.key, listening.facts.get(REPEAT_A.key)!]]),
    }
    const fewNames = (await buildMixes(ctx(few))).map((m) => m.name)
    expect(fewNames).not.toContain('On repeat')
    expect(fewNames).not.toContain('Forgotten favourites')
  })
})

describe('Discover', () => {
  it('leaves out songs the history says were played', async () => {
    const discover = async (l?: Listening): Promise<string[]> =>
      (await buildMixes(ctx(l), { size: 60 }))
        .find((m) => m.kind === 'discover')!
        .tracks.map((t) => t.key)
    expect(await discover()).toContain(HEARD_NEW.key)
    expect(await discover(listening)).not.toContain(HEARD_NEW.key)
  })
})

describe('skips push songs down', () => {
  it('demoteSkipped moves mostly skipped songs behind the rest, keeping the order', () => {
    const keys = [SKIPPED.key, REPEAT_A.key, FEW_OLD.key, REPEAT_B.key]
    expect(demoteSkipped(listening, keys)).toEqual([
      REPEAT_A.key,
      FEW_OLD.key,
      REPEAT_B.key,
      SKIPPED.key,
    ])
    expect(demoteSkipped(undefined, keys)).toEqual(keys)
  })

  it('a mostly skipped song comes after every other candidate of its daily mix', async () => {
    const jazzMix = async (l?: Listening): Promise<string[]> => {
      const env = mixEnv(world.scorer, world.catalog, metalJazzUser(world), l)
      const mixes = await dailyMixes(env, tasteProfile(env).centroids, {
        seed: 3,
        n: 40,
        freshness: 0,
      })
      return mixes.find((m) => m.name.includes('Jazz'))!.tracks.map((t) => t.key)
    }
    const plain = await jazzMix()
    expect(plain.indexOf(SKIPPED.key)).toBeGreaterThanOrEqual(0)
    expect(plain.indexOf(SKIPPED.key)).toBeLessThan(plain.length - 1)
    // Behind all others: with 40 songs wanted and more candidates than that, it is left out.
    const heard = await jazzMix(listening)
    expect(heard).toHaveLength(40)
    const at = heard.indexOf(SKIPPED.key)
    expect(at === -1 || at === heard.length - 1).toBe(true)
  })
})

describe('why cites listening', () => {
  it("a daily mix's own songs cite their plays instead of the file's play count", async () => {
    const mixes = await buildMixes(ctx(listening))
    const tracks = mixes.filter((m) => m.kind === 'daily').flatMap((m) => m.tracks)
    const b = tracks.find((t) => t.key === REPEAT_B.key)!
    expect(b.why).toBe('one of your songs — you played this 6 times, last in June')
    expect(b.evidence.listening).toMatchObject({ plays: 6, skips: 0 })
    const plain = (await buildMixes(ctx())).flatMap((m) => m.tracks)
    expect(plain.find((t) => t.key === REPEAT_B.key)!.why).toBe(
      'one of your songs — played 5 times',
    )
  })
})
