// A prebuilt token/prefix index over song names: folded words → songs, ranked by relevance then popularity, in milliseconds at 45k songs.
import { topK } from '../recommend/top-k'

/** Letters NFKD does not decompose, folded by hand. */
const LETTERS: Record<string, string> = {
  ß: 'ss',
  ø: 'o',
  æ: 'ae',
  œ: 'oe',
  đ: 'd',
  ð: 'd',
  ł: 'l',
  þ: 'th',
  ı: 'i',
}

/** Words that say who else sings, not what the song is called: never indexed nor required. */
const FEATURING = new Set(['feat', 'ft', 'featuring'])

/** Case, diacritics and punctuation folded away: `"Beyoncé – Halo (feat. X)"` → `"beyonce halo feat x"`. */
export function foldText(s: string): string {
  return s
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[ßøæœđðłþı]/g, (c) => LETTERS[c])
    .replace(/['’`´]/g, '')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim()
}

/** The searchable words of `s` (folded, "feat."/"ft."/"featuring" dropped, each once). */
export function searchTokens(s: string): string[] {
  const out: string[] = []
  for (const w of foldText(s).split(' '))
    if (w && !FEATURING.has(w) && !out.includes(w)) out.push(w)
  return out
}

/** One song the index can find. */
export interface SearchEntry {
  key: string
  artist: string
  title: string
}

/** Relevance of one query word: the whole word, or a word that starts with it. */
const EXACT = 2
const PREFIX = 1
/** The query (folded, feat. dropped) is the whole artist or title, or the start of one. */
const WHOLE_NAME = 3
const NAME_START = 1
/** Relevance outranks any popularity. */
const RELEVANCE_UNIT = 2 ** 32
/** Queries of one word this short are kept (up to SHORT_KEPT songs: the most a request may ask for). */
const SHORT = 2
const SHORT_KEPT = 100

/**
 * Songs by word: every distinct word in sorted order with its songs, so a query word's matches are
 * one binary-searched range (the word itself first, then the words it begins). A query finds the
 * songs matching all its words (the last may be half typed), scores them by how (whole word,
 * prefix, whole artist or title) and ranks by that, then popularity, then name. Adding songs
 * rebuilds the word table on the next search; popularity is read once per `version`.
 */
export class SearchIndex {
  private readonly entries: SearchEntry[] = []
  private readonly names: { artist: string; title: string; both: string }[] = []
  private readonly pendingTokens: string[][] = []
  private words: string[] = []
  private postings: Int32Array[] = []
  /** −(position of the song in name order): ties of relevance and popularity go to A before Z. */
  private nameRank = new Float64Array(0)
  private built = 0
  private popularity = new Float64Array(0)
  private popularityOf: { version: string; songs: number } | null = null
  private mark = new Int32Array(0)
  private serial = 0
  private scores = new Float64Array(0)
  /** Answers of short single-word queries for `shortKey` (popularity version and song count). */
  private readonly short = new Map<string, number[]>()
  private shortKey = ''

  get size(): number {
    return this.entries.length
  }

  /** Adds a song (its row is its position in insertion order). */
  add(entry: SearchEntry): void {
    this.entries.push(entry)
    const artist = searchTokens(entry.artist).join(' ')
    const title = searchTokens(entry.title).join(' ')
    this.names.push({ artist, title, both: `${artist} ${title}` })
    this.pendingTokens.push(searchTokens(`${entry.artist} ${entry.title}`))
  }

  /**
   * Up to `limit` songs for `query`, best first. `popularity(key)` ranks equally relevant songs
   * (higher first); give a `version` (e.g. the model id) to read it once per version instead of
   * once per query.
   */
  search(
    query: string,
    limit: number,
    popularity: (key: string) => number = () => 0,
    version?: string,
  ): SearchEntry[] {
    const tokens = searchTokens(query)
    if (tokens.length === 0 || limit <= 0 || this.entries.length === 0) return []
    this.build()
    const n = this.entries.length
    // One- and two-letter words match most songs: their answers are kept per popularity version.
    const short = version !== undefined && tokens.length === 1 && tokens[0].length <= SHORT
    const cacheKey = `${version}\u0000${n}`
    if (short) {
      if (this.shortKey !== cacheKey) {
        this.shortKey = cacheKey
        this.short.clear()
        this.warm(popularity, version, cacheKey)
      }
      const hit = this.short.get(tokens[0])
      if (hit) return hit.slice(0, limit).map((s) => this.entries[s])
    }
    // Candidates: songs matching every query word; `mark` holds serial·32 + words matched so far.
    if (this.serial > 60_000_000) {
      this.mark.fill(0)
      this.serial = 0
    }
    const base = ++this.serial * 32
    const used = tokens.slice(0, 31)
    const scores = this.scores
    const candidates: number[] = []
    used.forEach((tok, i) => {
      const [lo, hi] = this.range(tok)
      const last = i === used.length - 1
      for (let w = lo; w < hi; w++) {
        const value = this.words[w] === tok ? EXACT : PREFIX
        const songs = this.postings[w]
        for (let j = 0; j < songs.length; j++) {
          const s = songs[j]
          if (i === 0) {
            if (this.mark[s] === base + 1) continue
            this.mark[s] = base + 1
            scores[s] = value
            if (last) candidates.push(s)
          } else if (this.mark[s] === base + i) {
            this.mark[s] = base + i + 1
            scores[s] += value
            if (last) candidates.push(s)
          }
        }
      }
    })
    if (candidates.length === 0) return []
    const phrase = used.join(' ')
    const pop = this.popularityFor(popularity, version)
    for (const s of candidates) {
      const name = this.names[s]
      let rel = scores[s]
      if (name.artist === phrase || name.title === phrase || name.both === phrase) rel += WHOLE_NAME
      else if (name.artist.startsWith(phrase) || name.title.startsWith(phrase)) rel += NAME_START
      scores[s] =
        rel * RELEVANCE_UNIT + (pop ? pop[s] : clampPopularity(popularity(this.entries[s].key)))
    }
    const wanted = short ? Math.max(limit, SHORT_KEPT) : limit
    const ranked = topK(scores, Math.min(wanted, n), { candidates, tieBreak: this.nameRank })
    if (short) this.short.set(tokens[0], ranked.ids)
    return ranked.ids.slice(0, limit).map((s) => this.entries[s])
  }

  /**
   * Answers every one-letter query in the background, a letter per turn of the event loop, so
   * the first one typed after a model change is already there (and no request waits on them).
   */
  private warm(popularity: (key: string) => number, version: string, cacheKey: string): void {
    const letters = [...new Set(this.words.map((w) => w[0]))]
    const next = (): void => {
      if (this.shortKey !== cacheKey) return
      const letter = letters.pop()
      if (letter === undefined) return
      if (!this.short.has(letter)) this.search(letter, SHORT_KEPT, popularity, version)
      setImmediate(next)
    }
    setImmediate(next)
  }

  /** Words `[lo, hi)` that start with `prefix` (the word itself, if indexed, is `lo`). */
  private range(prefix: string): [number, number] {
    const lo = lowerBound(this.words, prefix)
    // Every word starting with prefix sorts before prefix + U+FFFF.
    const hi = lowerBound(this.words, `${prefix}\uffff`, lo)
    return [lo, hi]
  }

  /** Indexes the songs added since the last build (a search does it when needed). */
  build(): void {
    if (this.built === this.entries.length) return
    const n = this.entries.length
    const byWord = new Map<string, number[]>()
    // Re-index from the current word table plus the songs added since.
    this.words.forEach((w, i) => byWord.set(w, Array.from(this.postings[i])))
    for (let s = this.built; s < n; s++)
      for (const w of this.pendingTokens[s]) {
        let list = byWord.get(w)
        if (!list) byWord.set(w, (list = []))
        list.push(s)
      }
    this.pendingTokens.length = n
    for (let s = this.built; s < n; s++) this.pendingTokens[s] = []
    this.words = [...byWord.keys()].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))
    this.postings = this.words.map((w) => Int32Array.from(byWord.get(w)!))
    const order = Array.from({ length: n }, (_, s) => s)
    const both = this.names.map((x) => x.both)
    order.sort((a, b) => (both[a] < both[b] ? -1 : both[a] > both[b] ? 1 : a - b))
    this.nameRank = new Float64Array(n)
    order.forEach((s, i) => (this.nameRank[s] = -i))
    const mark = new Int32Array(n)
    mark.set(this.mark.subarray(0, Math.min(this.mark.length, n)))
    this.mark = mark
    this.scores = new Float64Array(n)
    this.built = n
  }

  private popularityFor(
    popularity: (key: string) => number,
    version: string | undefined,
  ): Float64Array | undefined {
    if (version === undefined) return undefined
    const n = this.entries.length
    const cached = this.popularityOf
    if (!cached || cached.version !== version || cached.songs !== n) {
      this.popularity = Float64Array.from(this.entries, (e) => clampPopularity(popularity(e.key)))
      this.popularityOf = { version, songs: n }
    }
    return this.popularity
  }
}

/** Popularity as a tie-break below one unit of relevance (NaN and negatives count 0). */
function clampPopularity(x: number): number {
  return x > 0 ? Math.min(x, RELEVANCE_UNIT - 1) : 0
}

/** First index in sorted `words` (from `from`) whose word is ≥ `x`. */
function lowerBound(words: string[], x: string, from = 0): number {
  let lo = from
  let hi = words.length
  while (lo < hi) {
    const mid = (lo + hi) >> 1
    if (words[mid] < x) lo = mid + 1
    else hi = mid
  }
  return lo
}
