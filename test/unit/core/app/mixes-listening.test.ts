// The app's MixService reads the imported listening history itself: generated mixes then show "On repeat" and listening reasons; without a history they do not.
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { MixService, type MixApp } from '../../../../src-main/core/app/mixes'
import { DAY_MS } from '../../../../src-main/core/mixes/listening'
import { Db } from '../../../../src-main/core/store/db'
import { makeTempDir } from '../../../fixtures/temp-dir'
import { makeWorld, type WorldSong } from '../mixes/world'

const world = makeWorld()
const NOW = Date.UTC(2025, 5, 30, 12)
const owned = world.songs.filter(
  (s) => (s.genre === 'metal' || s.genre === 'jazz') && s.artistIndex < 4 && s.songIndex < 3,
)
const song = (genre: string, artist: number, n: number): WorldSong =>
  owned.find((s) => s.genre === genre && s.artistIndex === artist && s.songIndex === n)!
const A = song('metal', 1, 0)
const B = song('jazz', 1, 1)
const C = song('metal', 2, 1)

let tmp: ReturnType<typeof makeTempDir>
let db: Db

beforeEach(async () => {
  tmp = makeTempDir()
  db = await Db.open(join(tmp.dir, 'segue.db'))
  for (const s of owned)
    await db.run(
      `INSERT INTO tracks (path, size, mtime, title, artist, genre, song_key, added, updated, play_count)
       VALUES (?, 1, 0, ?, ?, ?, ?, '2025-01-01', '2025-01-01', 3)`,
      [`/music/${s.key}.mp3`, s.title, s.artist, s.genre, s.key],
    )
})

afterEach(async () => {
  await db.close()
  tmp.cleanup()
})

async function importHistory(): Promise<void> {
  const { lastID: id } = await db.run(
    "INSERT INTO history_sources (path, formats, imported, report) VALUES ('/h.json', 'listenbrainz', '2025-07-01', '{}')",
  )
  for (const [idx, [s, plays]] of (
    [
      [A, 10],
      [B, 6],
      [C, 4],
    ] as const
  ).entries()) {
    await db.run(
      "INSERT INTO history_songs (source_id, idx, artist, title, song_key, match) VALUES (?, ?, ?, ?, ?, 'library')",
      [id, idx, s.artist, s.title, s.key],
    )
    for (let i = 0; i < plays; i++)
      await db.run(
        'INSERT INTO listens (source_id, ts, ms_played, skipped, song_idx) VALUES (?, ?, -1, 0, ?)',
        [id, NOW - i * 2 * DAY_MS, idx],
      )
  }
}

function service(): MixService {
  const serving = {
    recommend: world.scorer.recommend.bind(world.scorer),
    has: world.scorer.has.bind(world.scorer),
    vector: world.scorer.vector.bind(world.scorer),
    placedBy: () => undefined,
  }
  const app = {
    db,
    catalog: world.catalog,
    serving,
    requireModel: async () => ({}),
    songRef: (key: string) => ({ key, artist: '', title: key }),
  } as unknown as MixApp
  return new MixService(app)
}

describe('MixService with a listening history', () => {
  it('generates "On repeat" and cites the plays once a history is imported', async () => {
    const mixes = service()
    const before = await mixes.generate(3)
    expect(before.map((m) => m.name)).not.toContain('On repeat')
    expect(before.flatMap((m) => m.tracks).some((t) => t.why.includes('you played this'))).toBe(
      false,
    )

    await importHistory()
    const after = await mixes.generate(3)
    const repeat = after.find((m) => m.name === 'On repeat')!
    expect(repeat.tracks.map((t) => t.key)).toEqual([A.key, B.key, C.key])
    expect(repeat.tracks[0].why).toMatch(
      /^you played this 10 times, last in June( 2025)? · 10 of them in the last 30 days$/,
    )
    const daily = after.filter((m) => m.name.startsWith('Daily Mix')).flatMap((m) => m.tracks)
    expect(daily.find((t) => t.key === B.key)?.why).toMatch(
      /^one of your songs — you played this 6 times, last in June( 2025)?$/,
    )
  })
})
