// The map's level of detail: a bounded, density-keeping sample when zoomed out, every point when zoomed in, the user's songs and the lit cluster always, and throttled swaps.
import { afterEach, describe, expect, it, vi } from 'vitest'
import {
  BASE_SHARE,
  DRAW_BUDGET,
  MapDrawing,
  MapLod,
  PALETTE,
  SwapThrottle,
  colourOf,
  extentOf,
  widen,
  type MapRect,
} from '../../../src-renderer/map-lod'

/** 45,000 points like the app's map: a dense blob (40k) and a sparse field (5k) beside it, 78 clusters, every 20th song the user's. */
function fixture(n = 45_000) {
  let s = 7
  const rnd = () => (s = (s * 16807) % 2147483647) / 2147483647
  const xy = new Float64Array(2 * n)
  const cluster = new Int32Array(n)
  const owned: boolean[] = []
  for (let i = 0; i < n; i++) {
    const dense = i % 9 !== 0
    xy[2 * i] = dense ? rnd() * 4 : 10 + rnd() * 4
    xy[2 * i + 1] = rnd() * 4
    cluster[i] = i % 78
    owned.push(i % 20 === 0)
  }
  return { xy, cluster: Array.from(cluster), owned }
}
const inRect = (xy: ArrayLike<number>, i: number, r: MapRect) =>
  xy[2 * i] >= r.x0 && xy[2 * i] <= r.x1 && xy[2 * i + 1] >= r.y0 && xy[2 * i + 1] <= r.y1
const map = fixture()
const n = map.cluster.length
const whole = extentOf(map.xy)

describe('MapLod', () => {
  const lod = new MapLod(map.xy)

  it('draws a bounded sample of the whole map, not every point', () => {
    const all = lod.select(whole)
    expect(all.length).toBe(DRAW_BUDGET)
    expect(lod.select(null).length).toBe(DRAW_BUDGET)
    expect(DRAW_BUDGET).toBeLessThan(n / 4)
  })

  it('keeps the density: dense and sparse regions lose the same share', () => {
    const chosen = lod.select(whole)
    const dense = Array.from(chosen).filter((i) => map.xy[2 * i] < 5).length
    const sparse = chosen.length - dense
    // 8 of 9 points are in the dense blob.
    expect(dense / chosen.length).toBeGreaterThan(0.85)
    expect(dense / chosen.length).toBeLessThan(0.93)
    expect(sparse).toBeGreaterThan(0)
  })

  it('draws every point in view once the view holds fewer than the budget, plus the coarse layer', () => {
    const view: MapRect = { x0: 11, x1: 12, y0: 1, y1: 2 }
    const inView = Array.from({ length: n }, (_, i) => i).filter((i) => inRect(map.xy, i, view))
    expect(inView.length).toBeGreaterThan(100)
    expect(inView.length).toBeLessThan(DRAW_BUDGET)
    const chosen = new Set(lod.select(view))
    for (const i of inView) expect(chosen.has(i)).toBe(true)
    // Outside the view only the coarse layer (a fixed share of the budget) is drawn.
    const outside = [...chosen].filter((i) => !inRect(map.xy, i, view)).length
    expect(outside).toBeLessThanOrEqual(Math.floor(DRAW_BUDGET * BASE_SHARE))
    expect(chosen.size).toBeLessThanOrEqual(inView.length + DRAW_BUDGET * BASE_SHARE)
  })

  it('samples a crowded view within the budget, and a closer view keeps the points already drawn', () => {
    const wide: MapRect = { x0: 0, x1: 4, y0: 0, y1: 4 }
    const close: MapRect = { x0: 1, x1: 2, y0: 1, y1: 2 }
    const a = lod.select(wide)
    const inWide = Array.from(a).filter((i) => inRect(map.xy, i, wide)).length
    expect(inWide).toBe(DRAW_BUDGET)
    const b = new Set(lod.select(close))
    for (const i of a) if (inRect(map.xy, i, close)) expect(b.has(i)).toBe(true)
  })

  it('always draws the marked points in view (the user songs), over the budget', () => {
    const chosen = new Set(lod.select(whole, map.owned))
    let mine = 0
    for (let i = 0; i < n; i++)
      if (map.owned[i]) {
        mine++
        expect(chosen.has(i)).toBe(true)
      }
    expect(chosen.size).toBe(DRAW_BUDGET + mine)
  })

  it('is the same on every run (a fixed order, no Math.random)', () => {
    const again = new MapLod(map.xy)
    const view = { x0: 0.5, x1: 3, y0: 0.5, y1: 2 }
    expect(Array.from(again.select(view, map.owned))).toEqual(
      Array.from(lod.select(view, map.owned)),
    )
  })
})

describe('MapDrawing', () => {
  const drawing = new MapDrawing(map)
  const count = (a: Float32Array) => a.length / 2

  it('splits the sample by colour and draws every user song and the whole lit cluster', () => {
    const layers = drawing.layers(null, 5)
    expect(layers.colours).toHaveLength(PALETTE.length)
    const mine = map.owned.filter(Boolean).length
    const drawn = layers.colours.reduce((a, c) => a + count(c), 0)
    expect(drawn).toBe(DRAW_BUDGET + mine)
    expect(count(layers.owned)).toBe(mine)
    expect(count(layers.lit)).toBe(map.cluster.filter((c) => c === 5).length)
    expect(count(drawing.layers(null, null).lit)).toBe(0)
    // A colour's series holds only points of clusters with that colour.
    const key = (x: number, y: number) => `${Math.fround(x)},${Math.fround(y)}`
    const colourSix = new Set<string>()
    for (let i = 0; i < n; i++)
      if (colourOf(map.cluster[i]) === 6) colourSix.add(key(map.xy[2 * i], map.xy[2 * i + 1]))
    const six = layers.colours[6]
    expect(six.length).toBeGreaterThan(0)
    for (let j = 0; j < six.length; j += 2)
      expect(colourSix.has(key(six[j], six[j + 1]))).toBe(true)
  })

  it('draws only the lit cluster in view when zoomed in', () => {
    const view = widen({ x0: 1, x1: 1.5, y0: 1, y1: 1.5 })
    let expected = 0
    for (let i = 0; i < n; i++) if (map.cluster[i] === 3 && inRect(map.xy, i, view)) expected++
    expect(count(drawing.lit(view, 3))).toBe(expected)
  })
})

describe('extentOf and widen', () => {
  it('pads the extent of the points', () => {
    expect(extentOf([0, 0, 10, 20], 0.1)).toEqual({ x0: -1, x1: 11, y0: -2, y1: 22 })
    expect(widen({ x0: 0, x1: 4, y0: 0, y1: 2 }, 0.25)).toEqual({
      x0: -1,
      x1: 5,
      y0: -0.5,
      y1: 2.5,
    })
  })
})

describe('SwapThrottle', () => {
  afterEach(() => vi.useRealTimers())

  it('swaps once after the view stops, and at least every two waits while it keeps moving', () => {
    vi.useFakeTimers()
    let now = 0
    const swaps: number[] = []
    const t = new SwapThrottle(
      () => swaps.push(now),
      100,
      () => now,
    )
    // Moves every 16 ms for 500 ms.
    for (; now < 500; now += 16) {
      t.moved()
      vi.advanceTimersByTime(16)
    }
    expect(swaps.length).toBeGreaterThanOrEqual(2)
    expect(swaps.length).toBeLessThanOrEqual(3)
    const before = swaps.length
    vi.advanceTimersByTime(100)
    expect(swaps.length).toBe(before + 1)
    vi.advanceTimersByTime(1000)
    expect(swaps.length).toBe(before + 1)
    t.moved()
    t.cancel()
    vi.advanceTimersByTime(1000)
    expect(swaps.length).toBe(before + 1)
  })
})
