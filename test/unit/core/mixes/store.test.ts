// Mixes and thumbs in the database: the library read from SQLite, saved mixes survive regeneration, continue by playlist id.
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { continuePlaylist, regenerateMixes } from '../../../../src-main/core/mixes/api'
import {
  deleteMix,
  getMix,
  listFeedback,
  listMixes,
  saveMix,
  setFeedback,
  setMixSaved,
} from '../../../../src-main/core/mixes/store'
import { loadUserLibrary, songWeight } from '../../../../src-main/core/mixes/user-library'
import { Db } from '../../../../src-main/core/store/db'
import { makeTempDir } from '../../../fixtures/temp-dir'
import { makeWorld, type WorldSong } from './world'

const world = makeWorld()
let tmp: ReturnType<typeof makeTempDir>
let db: Db

async function addTrack(
  s: WorldSong,
  plays: number,
  rating: number | null = null,
): Promise<number> {
  const now = '2024-01-01T00:00:00.000Z'
  const r = await db.run(
    `INSERT INTO tracks (path, size, mtime, title, artist, genre, song_key, added, updated, play_count, rating)
     VALUES (?, 1, 0, ?, ?, ?, ?, ?, ?, ?, ?)`,
    [`/music/${s.key}.mp3`, s.title, s.artist, s.genre, s.key, now, now, plays, rating],
  )
  return r.lastID
}

async function addPlaylist(
  name: string,
  songs: WorldSong[],
  trackIds: Map<string, number>,
): Promise<number> {
  const now = '2024-01-01T00:00:00.000Z'
  const p = await db.run(
    'INSERT INTO playlists (name, source_path, format, imported, updated) VALUES (?, ?, ?, ?, ?)',
    [name, `/lists/${name}.m3u`, 'm3u', now, now],
  )
  for (const [i, s] of songs.entries()) {
    const track = trackIds.get(s.key) ?? null
    await db.run(
      `INSERT INTO playlist_items (playlist_id, position, track_id, artist, title, song_key, match, match_reason)
       VALUES (?, ?, ?, ?, ?, ?, ?, 'test')`,
      [p.lastID, i, track, s.artist, s.title, s.key, track === null ? 'catalog' : 'library'],
    )
  }
  return p.lastID
}

const metal = world.songs.filter((s) => s.genre === 'metal' && s.songIndex < 3 && s.artistIndex < 4)
const jazz = world.songs.filter((s) => s.genre === 'jazz' && s.songIndex < 3 && s.artistIndex < 4)
const ids = new Map<string, number>()
let playlistId = 0

beforeEach(async () => {
  tmp = makeTempDir()
  db = await Db.open(join(tmp.dir, 'segue.db'))
  ids.clear()
  for (const s of metal) ids.set(s.key, await addTrack(s, 20))
  for (const s of jazz) ids.set(s.key, await addTrack(s, 5, s === jazz[0] ? 100 : null))
  const listed = world.songs.filter((s) => s.genre === 'metal' && s.songIndex === 4).slice(0, 2)
  playlistId = await addPlaylist('Heavy', [...metal.slice(0, 3), ...listed], ids)
})

afterEach(async () => {
  await db.close()
  tmp.cleanup()
})

const ctx = (seed: number) => ({ db, scorer: world.scorer, catalog: world.catalog, seed })

describe('loadUserLibrary', () => {
  it('reads owned files, playlist songs, play counts, ratings and thumbs', async () => {
    await setFeedback(db, metal[1].key, 'down')
    await setFeedback(db, jazz[1].key, 'up')
    const lib = await loadUserLibrary(db)
    expect(lib.owned.size).toBe(24)
    expect(lib.owned.get(metal[0].key)).toMatchObject({
      trackId: ids.get(metal[0].key),
      playCount: 20,
      artist: metal[0].artist,
    })
    expect(lib.playlistKeys.size).toBe(5)
    expect(lib.taste).toHaveLength(24 + 2 - 1)
    expect(lib.taste.some((s) => s.key === metal[1].key)).toBe(false)
    const weight = (k: string) => lib.taste.find((s) => s.key === k)!.weight
    expect(weight(metal[0].key)).toBeCloseTo(songWeight(20, 1, null, false), 12)
    expect(weight(jazz[0].key)).toBeCloseTo(songWeight(5, 0, 100, false), 12)
    expect(weight(jazz[1].key)).toBeCloseTo(songWeight(5, 0, null, true), 12)
    expect(weight(jazz[0].key)).toBeGreaterThan(weight(jazz[2].key))
  })
})

describe('stored mixes', () => {
  it('replaces unsaved mixes on regeneration and keeps saved ones', async () => {
    const first = await regenerateMixes(ctx(1), { size: 10 })
    expect(first.map((m) => m.kind)).toEqual(['daily', 'daily', 'discover'])
    expect((await listMixes(db)).map((m) => m.id)).toEqual(first.map((m) => m.id))
    const kept = await saveMix(db, first[0], 'My metal')
    expect(kept).toMatchObject({ saved: true, name: 'My metal' })

    const second = await regenerateMixes(ctx(2), { size: 10 })
    const stored = await listMixes(db)
    expect(stored.map((m) => m.id)).toEqual([kept.id, ...second.map((m) => m.id)])
    expect(stored[0]).toEqual(kept)
    expect(await listMixes(db, { saved: true })).toEqual([kept])
    expect((await listMixes(db, { saved: false })).map((m) => m.id)).toEqual(
      second.map((m) => m.id),
    )
    for (const old of first.slice(1)) expect(await getMix(db, old.id)).toBeUndefined()
  })

  it('stores a mix intact and can unsave and delete it', async () => {
    const [mix] = await regenerateMixes(ctx(1), { size: 10 })
    expect(await getMix(db, mix.id)).toEqual(mix)
    expect(await setMixSaved(db, mix.id, true)).toBe(true)
    expect((await getMix(db, mix.id))?.saved).toBe(true)
    expect(await setMixSaved(db, mix.id, false)).toBe(true)
    await regenerateMixes(ctx(3), { size: 10 })
    expect(await getMix(db, mix.id)).toBeUndefined()
    const [again] = await regenerateMixes(ctx(1), { size: 10 })
    expect(await deleteMix(db, again.id)).toBe(true)
    expect(await deleteMix(db, again.id)).toBe(false)
    expect(await setMixSaved(db, 'daily-nothing', true)).toBe(false)
  })

  it('records, changes and clears thumbs', async () => {
    await setFeedback(db, 'a — b', 'up')
    await setFeedback(db, 'c — d', 'down')
    await setFeedback(db, 'a — b', 'down')
    expect(await listFeedback(db)).toEqual([
      { key: 'a — b', thumb: 'down' },
      { key: 'c — d', thumb: 'down' },
    ])
    await setFeedback(db, 'c — d', 'none')
    expect(await listFeedback(db)).toEqual([{ key: 'a — b', thumb: 'down' }])
    await expect(setFeedback(db, 'a — b', 'sideways' as 'up')).rejects.toThrow(
      /'up', 'down' or 'none'/,
    )
    await expect(setFeedback(db, ' ', 'up')).rejects.toThrow(/song key/)
  })

  it('keeps thumbed-down songs out of regenerated mixes', async () => {
    const first = await regenerateMixes(ctx(1), { size: 10 })
    const down = first[0].tracks.filter((t) => !t.owned)[0].key
    await setFeedback(db, down, 'down')
    for (const m of await regenerateMixes(ctx(1), { size: 10 }))
      expect(m.tracks.map((t) => t.key)).not.toContain(down)
  })
})

describe('continuePlaylist by id', () => {
  it('continues an imported playlist and refuses an unknown id', async () => {
    const m = await continuePlaylist(ctx(1), playlistId, 6)
    expect(m.name).toBe('Heavy — continued')
    expect(m.tracks).toHaveLength(6)
    const listed = await db.all<{ song_key: string }>('SELECT song_key FROM playlist_items')
    for (const t of m.tracks) expect(listed.map((r) => r.song_key)).not.toContain(t.key)
    await expect(continuePlaylist(ctx(1), 999, 5)).rejects.toThrow(/No playlist with id 999/)
  })
})
