// Fuzzy song lookup behind the exact song-key rules: loose keys (aliases, symbols, brackets), then token similarity within one artist or one title, each hit with a confidence.
import {
  bigramSimilarity,
  looseArtist,
  looseRulesBetween,
  looseTitle,
  titleTokens,
  tokenSimilarity,
} from './loose-key'

/** One fuzzy hit. */
export interface FuzzyHit<T> {
  item: T
  /** "loose spelling" (same loose key) or "similar spelling" (token / character similarity). */
  rule: 'loose spelling' | 'similar spelling'
  /** 0–1: how sure the match is (shown in the report). */
  confidence: number
  /** True when the entry's artist and title had to be swapped. */
  swapped: boolean
  /** For loose-spelling hits: the loose rules that made the spellings meet ("artist alias", "brackets"…). */
  rules: string[]
}

/** Title similarity (Dice over words) needed within one artist. */
export const TITLE_SIMILARITY = 0.8
/** Artist similarity (Dice over character pairs) needed within one title. */
export const ARTIST_SIMILARITY = 0.8
/** Candidates looked at per block at most (an artist's songs, a title's artists). */
const BLOCK_LIMIT = 2000

interface Slot<T> {
  item: T
  artist: string
  title: string
  la: string
  lt: string
}

/** Songs indexed by loose key, loose artist and loose title. */
export class FuzzySongIndex<T> {
  private readonly byLoose = new Map<string, Slot<T>[]>()
  private readonly byArtist = new Map<string, Slot<T>[]>()
  private readonly byTitle = new Map<string, Slot<T>[]>()

  constructor(
    items: Iterable<T>,
    fields: (item: T) => { artist: string; title: string } | undefined,
  ) {
    for (const item of items) {
      const f = fields(item)
      if (!f || f.artist.trim() === '' || f.title.trim() === '') continue
      const slot: Slot<T> = {
        item,
        artist: f.artist,
        title: f.title,
        la: looseArtist(f.artist),
        lt: looseTitle(f.title),
      }
      if (slot.la === '' || slot.lt === '') continue
      push(this.byLoose, `${slot.la} — ${slot.lt}`, slot)
      push(this.byArtist, slot.la, slot)
      push(this.byTitle, slot.lt, slot)
    }
  }

  /** Hits for (artist, title), best first; the swapped reading is tried too, a little less trusted. */
  find(artist: string | undefined, title: string | undefined, limit = 5): FuzzyHit<T>[] {
    const a = (artist ?? '').trim()
    const t = (title ?? '').trim()
    if (a === '' || t === '') return []
    const hits = [...this.findOne(a, t, false), ...this.findOne(t, a, true)]
    const best = new Map<T, FuzzyHit<T>>()
    for (const h of hits) {
      const prev = best.get(h.item)
      if (!prev || prev.confidence < h.confidence) best.set(h.item, h)
    }
    return [...best.values()].sort((x, y) => y.confidence - x.confidence).slice(0, limit)
  }

  private findOne(artist: string, title: string, swapped: boolean): FuzzyHit<T>[] {
    const la = looseArtist(artist)
    const lt = looseTitle(title)
    if (la === '' || lt === '') return []
    const penalty = swapped ? 0.05 : 0
    const exact = this.byLoose.get(`${la} — ${lt}`)
    if (exact)
      return exact.map((s) => ({
        item: s.item,
        rule: 'loose spelling',
        confidence: 0.95 - penalty,
        swapped,
        rules: looseRulesBetween(artist, title, s.artist, s.title),
      }))
    const out: FuzzyHit<T>[] = []
    const tokens = titleTokens(title)
    for (const s of (this.byArtist.get(la) ?? []).slice(0, BLOCK_LIMIT)) {
      const other = titleTokens(s.title)
      if (differInNumbers(tokens, other)) continue
      const sim = Math.max(
        tokenSimilarity(tokens, other),
        tokenSimilarity(titleTokens(lt), titleTokens(s.lt)),
      )
      if (sim >= TITLE_SIMILARITY)
        out.push({
          item: s.item,
          rule: 'similar spelling',
          confidence: round(0.9 * sim - penalty),
          swapped,
          rules: [],
        })
    }
    for (const s of (this.byTitle.get(lt) ?? []).slice(0, BLOCK_LIMIT)) {
      const sim = artistSimilarity(la, s.la)
      if (sim >= ARTIST_SIMILARITY)
        out.push({
          item: s.item,
          rule: 'similar spelling',
          confidence: round(0.9 * sim - penalty),
          swapped,
          rules: [],
        })
    }
    return out
  }
}

/** Character similarity of two loose artists; one credited inside the other ("Pitbull" in "Pitbull Ne-Yo") counts 0.85. */
function artistSimilarity(a: string, b: string): number {
  const sim = bigramSimilarity(a, b)
  const [short, long] = a.length <= b.length ? [a, b] : [b, a]
  if (short.length >= 4 && long.startsWith(short)) return Math.max(sim, 0.85)
  return sim
}

/** "Part 1" and "Part 2", "No. 5" and "No. 9" are different songs however alike the rest. */
function differInNumbers(a: Set<string>, b: Set<string>): boolean {
  for (const t of a) if (/\d/.test(t) && !b.has(t)) return true
  for (const t of b) if (/\d/.test(t) && !a.has(t)) return true
  return false
}

function round(x: number): number {
  return Math.round(x * 100) / 100
}

function push<T>(m: Map<string, T[]>, k: string, v: T): void {
  const list = m.get(k)
  if (list) list.push(v)
  else m.set(k, [v])
}
