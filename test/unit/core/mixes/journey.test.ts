// Journey: endpoints kept, steps follow the arc from A to B in order, the smoothness penalty prefers small moves.
import { describe, expect, it } from 'vitest'
import { journey, type MixContext } from '../../../../src-main/core/mixes/api'
import { slerp, slerpWeights } from '../../../../src-main/core/mixes/unit-vectors'
import { buildUserLibrary, emptyLibrary } from '../../../../src-main/core/mixes/user-library'
import { VectorScorer } from '../../../../src-main/core/mixes/vector-scorer'
import { expectMixRules } from './expect-rules'
import { FakeCatalog } from './world'

const DIM = 6
const rad = (deg: number): number => (deg * Math.PI) / 180

/** A song in the e1–e2 plane at `deg` degrees, tilted toward e3 by `tilt` degrees. */
function at(deg: number, tilt = 0): number[] {
  const v = new Array<number>(DIM).fill(0)
  v[0] = Math.cos(rad(deg)) * Math.cos(rad(tilt))
  v[1] = Math.sin(rad(deg)) * Math.cos(rad(tilt))
  v[2] = Math.sin(rad(tilt))
  return v
}

function ctxOf(songs: { key: string; v: number[] }[], owned: string[] = []): MixContext {
  const scorer = new VectorScorer({
    keys: songs.map((s) => s.key),
    data: Float32Array.from(songs.flatMap((s) => s.v)),
    dim: DIM,
  })
  const library =
    owned.length === 0
      ? emptyLibrary()
      : buildUserLibrary({
          tracks: owned.map((k, i) => ({
            id: i + 1,
            path: `/m/${i}.mp3`,
            song_key: k,
            artist: null,
            title: null,
            genre: null,
            play_count: 0,
            rating: null,
          })),
          playlists: [],
        })
  return { library, scorer, catalog: new FakeCatalog(new Map(), []), seed: 1 }
}

/** A → B over 90°, a song every 5° by its own artist, plus tilted distractors. */
const arc = [
  { key: 'start — a', v: at(0) },
  { key: 'end — b', v: at(90) },
  ...Array.from({ length: 17 }, (_, i) => ({
    key: `arc ${(i + 1) * 5} — song`,
    v: at((i + 1) * 5),
  })),
  ...Array.from({ length: 9 }, (_, i) => ({ key: `off ${i * 10} — song`, v: at(i * 10, 60) })),
]

describe('journey', () => {
  it('keeps both ends and walks the arc in order', async () => {
    const m = await journey(ctxOf(arc), 'start — a', 'end — b', 10)
    expect(m.kind).toBe('journey')
    expect(m.tracks.map((t) => t.key)).toEqual([
      'start — a',
      ...[10, 20, 30, 40, 50, 60, 70, 80].map((d) => `arc ${d} — song`),
      'end — b',
    ])
    expect(m.tracks[0].why).toBe('where the journey starts')
    expect(m.tracks[9].why).toBe('where the journey ends')
    expect(m.tracks[1].why).toMatch(/^step 1 of 9 toward "b"; close to "a" by start/)
    expectMixRules(m.tracks)
  })

  it('moves in small steps: consecutive songs stay close', async () => {
    const m = await journey(ctxOf(arc), 'start — a', 'end — b', 6)
    const vec = new Map(arc.map((s) => [s.key, s.v]))
    const angles = m.tracks.map(
      (t) => Math.atan2(vec.get(t.key)![1], vec.get(t.key)![0]) * (180 / Math.PI),
    )
    for (let i = 1; i < angles.length; i++) {
      expect(angles[i]).toBeGreaterThan(angles[i - 1])
      expect(angles[i] - angles[i - 1]).toBeLessThanOrEqual(20 + 1e-9)
    }
  })

  it('prefers a song near the previous one when the penalty is on', async () => {
    // One middle step aims at 45°: U sits on that bearing but tilted off the arc, V lies on the arc at 25°.
    const songs = [
      { key: 'start — a', v: at(0) },
      { key: 'end — b', v: at(90) },
      { key: 'u — off arc', v: at(45, 18) },
      { key: 'v — on arc', v: at(25) },
    ]
    const free = await journey(ctxOf(songs), 'start — a', 'end — b', 3, { smoothness: 0 })
    const smooth = await journey(ctxOf(songs), 'start — a', 'end — b', 3, { smoothness: 0.5 })
    expect(free.tracks[1].key).toBe('u — off arc')
    expect(smooth.tracks[1].key).toBe('v — on arc')
  })

  it("never puts B's artist right before B", async () => {
    const songs = [
      { key: 'start — a', v: at(0) },
      { key: 'end — b', v: at(90) },
      { key: 'end — b2', v: at(60) },
      { key: 'other — c', v: at(50) },
    ]
    const m = await journey(ctxOf(songs), 'start — a', 'end — b', 3)
    expect(m.tracks.map((t) => t.key)).toEqual(['start — a', 'other — c', 'end — b'])
  })

  it('uses only owned songs between the ends when playable now', async () => {
    const owned = ['arc 25 — song', 'arc 65 — song']
    const m = await journey({ ...ctxOf(arc, owned), playableNow: true }, 'start — a', 'end — b', 4)
    expect(m.tracks.map((t) => t.key)).toEqual([
      'start — a',
      'arc 25 — song',
      'arc 65 — song',
      'end — b',
    ])
  })

  it('is reproducible with freshness, and varies with the seed', async () => {
    const ctx = ctxOf(arc)
    const one = await journey(ctx, 'start — a', 'end — b', 10, { freshness: 20 })
    const same = await journey(ctx, 'start — a', 'end — b', 10, { freshness: 20 })
    const other = await journey({ ...ctx, seed: 9 }, 'start — a', 'end — b', 10, { freshness: 20 })
    expect(same.tracks.map((t) => t.key)).toEqual(one.tracks.map((t) => t.key))
    expect(other.tracks.map((t) => t.key)).not.toEqual(one.tracks.map((t) => t.key))
  })

  it('refuses impossible journeys', async () => {
    const ctx = ctxOf([...arc, { key: 'anti — a', v: at(180) }])
    await expect(journey(ctx, 'start — a', 'start — a', 5)).rejects.toThrow(/two different songs/)
    await expect(journey(ctx, 'start — a', 'nobody — x', 5)).rejects.toThrow(
      /no vector for "nobody — x"/,
    )
    await expect(journey(ctx, 'start — a', 'anti — a', 5)).rejects.toThrow(/opposite directions/)
  })
})

describe('slerp', () => {
  it('stays on the unit sphere with equal angles per step', () => {
    const a = Float32Array.from(at(0))
    const b = Float32Array.from(at(80))
    for (const t of [0, 0.25, 0.5, 1]) {
      const p = slerp(a, b, t)
      expect(Math.hypot(...p)).toBeCloseTo(1, 6)
      expect(Math.atan2(p[1], p[0]) * (180 / Math.PI)).toBeCloseTo(80 * t, 4)
      const [wa, wb] = slerpWeights(a, b, t)
      expect(wa).toBeGreaterThanOrEqual(0)
      expect(wb).toBeGreaterThanOrEqual(0)
    }
  })
})
