// "Recent favourites": songs played a lot in the history's last 90 days that are not on repeat, from a generated history in a temp database.
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { buildMixes, type MixContext } from '../../../../src-main/core/mixes/api'
import { DAY_MS, loadListening, type Listening } from '../../../../src-main/core/mixes/listening'
import { Db } from '../../../../src-main/core/store/db'
import { makeTempDir } from '../../../fixtures/temp-dir'
import { makeWorld, metalJazzUser, type WorldSong } from './world'

const world = makeWorld()
const NOW = Date.UTC(2025, 5, 30, 12)
const TODAY = Date.UTC(2025, 10, 15)

const song = (genre: string, artist: number, n: number): WorldSong =>
  world.songs.find((s) => s.genre === genre && s.artistIndex === artist && s.songIndex === n)!

const FAV_A = song('metal', 0, 1) // 9 plays 31–79 days back
const FAV_B = song('jazz', 1, 0) // 6 plays 40–85 days back + 2 this month (not on repeat)
const FAV_C = song('folk', 2, 0) // not owned: 5 plays 35–75 days back
const REPEAT = song('metal', 1, 1) // 10 plays in the last 10 days: on repeat instead
const REPEAT_2 = song('metal', 3, 0) // 5 plays in the last 10 days: on repeat instead
const REPEAT_3 = song('jazz', 0, 0) // 4 plays in the last 20 days: on repeat
const FEW = song('jazz', 2, 1) // 4 plays 40–70 days back: too few
const OLD = song('metal', 2, 2) // 20 plays 100–195 days back: not recent
const SKIPPER = song('jazz', 3, 1) // 6 plays and 10 skips 40–80 days back: mostly skipped

/** `n` plays from `fromDays` back, `stepDays` apart (skipped when `skip`). */
const listens = (n: number, fromDays: number, stepDays: number, skip = 0): [number, number][] =>
  Array.from({ length: n }, (_, i) => [NOW - (fromDays + i * stepDays) * DAY_MS, skip])

function history(): [WorldSong, [number, number][]][] {
  return [
    [FAV_A, listens(9, 31, 6)],
    [FAV_B, [...listens(6, 40, 9), ...listens(2, 3, 10)]],
    [FAV_C, listens(5, 35, 10)],
    [REPEAT, listens(10, 0, 1)],
    [REPEAT_2, listens(5, 1, 2)],
    [REPEAT_3, listens(4, 2, 5)],
    [FEW, listens(4, 40, 10)],
    [OLD, listens(20, 100, 5)],
    [SKIPPER, [...listens(6, 40, 8), ...listens(10, 41, 4, 1)]],
  ]
}

let tmp: ReturnType<typeof makeTempDir>
let db: Db
let listening: Listening

beforeEach(async () => {
  tmp = makeTempDir()
  db = await Db.open(join(tmp.dir, 'segue.db'))
  const { lastID: id } = await db.run(
    "INSERT INTO history_sources (path, formats, imported, report) VALUES ('/h.json', 'listenbrainz', '2025-07-01', '{}')",
  )
  for (const [idx, [s, ls]] of history().entries()) {
    await db.run(
      "INSERT INTO history_songs (source_id, idx, artist, title, song_key, match) VALUES (?, ?, ?, ?, ?, 'library')",
      [id, idx, s.artist, s.title, s.key],
    )
    for (const [ts, skipped] of ls)
      await db.run(
        'INSERT INTO listens (source_id, ts, ms_played, skipped, song_idx) VALUES (?, ?, ?, ?, ?)',
        [id, ts, skipped ? 5000 : -1, skipped, idx],
      )
  }
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

describe('Recent favourites', () => {
  it("loadListening counts each song's plays of the last 90 days", () => {
    expect(listening.lately?.get(FAV_A.key)).toBe(9)
    expect(listening.lately?.get(FAV_B.key)).toBe(8)
    expect(listening.lately?.get(OLD.key)).toBeUndefined()
    expect(listening.lately?.get(SKIPPER.key)).toBe(6)
  })

  it('holds songs with 5+ plays in the last 90 days, most played first, not on repeat, not mostly skipped', async () => {
    const mixes = await buildMixes(ctx(listening))
    const fav = mixes.find((m) => m.name === 'Recent favourites')!
    expect(fav.tracks.map((t) => t.key)).toEqual([FAV_A.key, FAV_B.key, FAV_C.key])
    expect(fav.tracks[2].owned).toBe(false)
    expect(fav.tracks[0].why).toBe(
      'you played this 9 times, last in May · 9 of them in the last 90 days',
    )
    expect(fav.tracks[1].why).toBe(
      'you played this 8 times, last in June · 8 of them in the last 90 days',
    )
    const repeat = mixes.find((m) => m.name === 'On repeat')!
    expect(repeat.tracks.map((t) => t.key)).toEqual([REPEAT.key, REPEAT_2.key, REPEAT_3.key])
    const names = mixes.map((m) => m.name)
    expect(names.indexOf('Recent favourites')).toBe(names.indexOf('On repeat') + 1)
  })

  it('appears only with a history, and not with fewer than 3 songs', async () => {
    expect((await buildMixes(ctx())).map((m) => m.name)).not.toContain('Recent favourites')
    const few: Listening = { ...listening, lately: new Map([[FAV_A.key, 9]]) }
    expect((await buildMixes(ctx(few))).map((m) => m.name)).not.toContain('Recent favourites')
  })
})
