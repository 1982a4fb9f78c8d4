// Level of detail for the song map: which points to draw, so that zooming stays fluid at 45k songs (ECharts lays out and draws every point of a series at each zoom step, on screen or not).

/** At most this many ordinary points in and around the view (the user's songs and the lit cluster come on top). */
export const DRAW_BUDGET = 6000
/** Share of the budget drawn everywhere (a coarse layer), so zooming out or panning never shows an empty map. */
export const BASE_SHARE = 0.25
/** The view is widened by this share of its width and height on each side before choosing points, so small pans show no gap. */
export const VIEW_MARGIN = 0.25
/** While the view keeps moving, the drawn set is swapped at most this often (ms); the last swap comes this long after it stops. */
export const SWAP_MS = 150

/** A rectangle in data units. */
export interface MapRect {
  x0: number
  x1: number
  y0: number
  y1: number
}

/** A fixed pseudo-random rank for point `i` (an integer hash): the same on every machine and every run. */
function rank(i: number): number {
  let h = (i + 0x9e3779b9) | 0
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b)
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35)
  return (h ^ (h >>> 16)) >>> 0
}

/** `view` widened by `margin` of its size on each side. */
export function widen(view: MapRect, margin = VIEW_MARGIN): MapRect {
  const dx = (view.x1 - view.x0) * margin
  const dy = (view.y1 - view.y0) * margin
  return { x0: view.x0 - dx, x1: view.x1 + dx, y0: view.y0 - dy, y1: view.y1 + dy }
}

/**
 * Chooses the map points to draw. Points are taken in one fixed pseudo-random order, so any
 * prefix of that order is a uniform sample: it keeps the map's density (dense regions stay dense)
 * and a closer view only adds points to those already drawn. For a view it draws
 * - the first `budget × BASE_SHARE` points of the order, wherever they are (the coarse layer);
 * - the first `budget` points of the order that lie in the view: every point in view when at most
 *   `budget` are, a uniform sample of them otherwise;
 * - every point marked in `always` that lies in the view (the user's songs, the lit cluster).
 */
export class MapLod {
  /** Point indices in draw order. */
  private readonly order: Uint32Array
  private readonly base: number

  constructor(
    private readonly xy: ArrayLike<number>,
    readonly budget = DRAW_BUDGET,
  ) {
    const n = xy.length >> 1
    const ranks = new Float64Array(n)
    for (let i = 0; i < n; i++) ranks[i] = rank(i)
    this.order = Uint32Array.from({ length: n }, (_, i) => i).sort(
      (a, b) => ranks[a] - ranks[b] || a - b,
    )
    this.base = Math.min(n, Math.floor(budget * BASE_SHARE))
  }

  /**
   * Indices of the points to draw (ascending) for `view` (data units; null = the whole map,
   * which draws the first `budget` of the order). `always[i]` truthy: drawn whenever in view.
   */
  select(view: MapRect | null, always?: ArrayLike<unknown>): Uint32Array {
    const { xy, order } = this
    const n = order.length
    const keep = new Uint8Array(n)
    let taken = 0
    for (let r = 0; r < n; r++) {
      const i = order[r]
      const x = xy[2 * i]
      const y = xy[2 * i + 1]
      const inView = !view || (x >= view.x0 && x <= view.x1 && y >= view.y0 && y <= view.y1)
      if (inView && always?.[i]) keep[i] = 1
      else if (inView && taken < this.budget) {
        keep[i] = 1
        taken++
      } else if (r < this.base) keep[i] = 1
    }
    let count = 0
    for (let i = 0; i < n; i++) count += keep[i]
    const out = new Uint32Array(count)
    for (let i = 0, o = 0; i < n; i++) if (keep[i]) out[o++] = i
    return out
  }
}

/** Cluster colours (they repeat past ten clusters); the map draws one series per colour, since ECharts pays for every series at each zoom step and swap. */
export const PALETTE = [
  '#5ec3a0',
  '#6c9ef8',
  '#f0a35e',
  '#d36fb4',
  '#c7d45a',
  '#58c7d6',
  '#f0787a',
  '#a48cf0',
  '#8fb27a',
  '#e0c26b',
]

/** Which palette colour cluster `c` gets (unclustered songs, c < 0, take the first). */
export function colourOf(c: number): number {
  return (c < 0 ? 0 : c) % PALETTE.length
}

/** The points to draw for one view, as flat x, y Float32Arrays (ECharts' fastest path). */
export interface MapLayers {
  /** Per palette colour: the chosen points of the clusters with that colour. */
  colours: Float32Array[]
  /** The user's songs in view (every one of them). */
  owned: Float32Array
  /** The lit cluster's songs in view (every one of them); empty when none is lit. */
  lit: Float32Array
}

/** What the song map draws for a view and a lit cluster: MapLod's choice by colour, the user's songs, the lit cluster. */
export class MapDrawing {
  readonly lod: MapLod
  private readonly members = new Map<number, number[]>()

  constructor(
    private readonly map: {
      xy: ArrayLike<number>
      cluster: ArrayLike<number>
      owned: ArrayLike<boolean>
    },
    budget = DRAW_BUDGET,
  ) {
    this.lod = new MapLod(map.xy, budget)
    for (let i = 0; i < map.cluster.length; i++) {
      const list = this.members.get(map.cluster[i])
      if (list) list.push(i)
      else this.members.set(map.cluster[i], [i])
    }
  }

  /** Every layer for `view` (data units, already widened; null = the whole map). */
  layers(view: MapRect | null, lit: number | null): MapLayers {
    const { xy, cluster, owned } = this.map
    const chosen = this.lod.select(view, owned)
    const counts = new Uint32Array(PALETTE.length)
    let mine = 0
    for (const i of chosen) {
      counts[colourOf(cluster[i])]++
      if (owned[i]) mine++
    }
    const colours = Array.from(counts, (c) => new Float32Array(2 * c))
    const ownedXy = new Float32Array(2 * mine)
    const fill = new Uint32Array(PALETTE.length)
    let o = 0
    for (const i of chosen) {
      const s = colourOf(cluster[i])
      colours[s][fill[s]++] = xy[2 * i]
      colours[s][fill[s]++] = xy[2 * i + 1]
      if (owned[i]) {
        ownedXy[o++] = xy[2 * i]
        ownedXy[o++] = xy[2 * i + 1]
      }
    }
    return { colours, owned: ownedXy, lit: this.lit(view, lit) }
  }

  /** The lit cluster's songs in `view` (all of them). */
  lit(view: MapRect | null, lit: number | null): Float32Array {
    const { xy } = this.map
    const out: number[] = []
    for (const i of lit === null ? [] : (this.members.get(lit) ?? [])) {
      const x = xy[2 * i]
      const y = xy[2 * i + 1]
      if (!view || (x >= view.x0 && x <= view.x1 && y >= view.y0 && y <= view.y1)) out.push(x, y)
    }
    return new Float32Array(out)
  }
}

/** The smallest rectangle holding every point of `xy`, padded by `pad` of its size on each side (the map's fixed axes: the drawn points change with the view, the axes must not). */
export function extentOf(xy: ArrayLike<number>, pad = 0.02): MapRect {
  let x0 = Infinity
  let x1 = -Infinity
  let y0 = Infinity
  let y1 = -Infinity
  for (let i = 0; i + 1 < xy.length; i += 2) {
    x0 = Math.min(x0, xy[i])
    x1 = Math.max(x1, xy[i])
    y0 = Math.min(y0, xy[i + 1])
    y1 = Math.max(y1, xy[i + 1])
  }
  if (!(x1 >= x0)) return { x0: -1, x1: 1, y0: -1, y1: 1 }
  return widen({ x0, x1: Math.max(x1, x0 + 1e-9), y0, y1: Math.max(y1, y0 + 1e-9) }, pad)
}

/** Calls `swap` once the view has stopped moving for `wait` ms, and at least every 2 × `wait` ms while it keeps moving. */
export class SwapThrottle {
  private timer: ReturnType<typeof setTimeout> | null = null
  private since = -1

  constructor(
    private readonly swap: () => void,
    private readonly wait = SWAP_MS,
    private readonly now: () => number = () => performance.now(),
  ) {}

  /** The view moved (a zoom or pan step). */
  moved(): void {
    const t = this.now()
    if (this.since < 0) this.since = t
    if (this.timer) clearTimeout(this.timer)
    const delay = Math.max(0, Math.min(this.wait, this.since + 2 * this.wait - t))
    this.timer = setTimeout(() => {
      this.timer = null
      this.since = -1
      this.swap()
    }, delay)
  }

  cancel(): void {
    if (this.timer) clearTimeout(this.timer)
    this.timer = null
    this.since = -1
  }
}
