// Finds the research-catalogue song for a user's "artist + title", trying the exact key first and then careful fallbacks.
import { normalizeArtist, normalizeTitle, songKey } from '../../../src-shared/song-key'
import { describeFolds, describeLoose, foldRulesBetween } from './fold-rules'
import { FuzzySongIndex } from './fuzzy-index'

/** One song the index can match (a Yes dataset song fits as is). */
export interface CatalogIndexSong {
  /** The catalogue's own id for the song. */
  id: number
  /** Title as the catalogue spells it. */
  title: string
  /** Artist as the catalogue spells it. */
  artist: string
  /** False for the dataset's unknown songs ("-"), which never match. */
  known?: boolean
}

/** How a song key was derived from an entry's artist and title. */
export type KeyVariantReason = 'artist+title' | 'one credited artist' | 'artist and title swapped'

/** How a match was found: an exact key variant, or the fuzzy rules behind them. */
export type MatchRule = KeyVariantReason | 'loose spelling' | 'similar spelling'

/** A candidate key for an entry, in the order matching should try them. */
export interface KeyVariant {
  /** The normalised song key. */
  key: string
  /** Why this key is a candidate. */
  reason: KeyVariantReason
}

/** A successful catalogue match. */
export interface CatalogMatch {
  /** Catalogue id of the matched song (the lowest id when several songs share the key). */
  id: number
  /** The song key shared with the catalogue (the vocabulary key). */
  key: string
  /** Which variant or fuzzy rule matched. */
  reason: MatchRule
  /** The folding rules that made the two spellings meet ("feat. credit", "case"…), when the catalogue's spelling is known. */
  folds?: string[]
  /** 0–1 for fuzzy matches (exact key matches are 1). */
  confidence: number
  /** True when the entry's artist and title were swapped. */
  swapped: boolean
  /** The catalogue's own artist and title, when known. */
  artist?: string
  title?: string
}

/** The report wording of a catalogue match: rule, folds and (for fuzzy ones) the confidence. */
export function describeMatch(m: CatalogMatch): string {
  if (m.confidence >= 1) return describeFolds(m.reason, m.folds ?? [])
  return `${describeLoose(m.reason, m.folds ?? [])}, ${Math.round(m.confidence * 100)} % sure`
}

/** The catalogue as a set of song keys with ids: what import needs to link entries to research songs. */
export class CatalogIndex {
  private fuzzy: FuzzySongIndex<number> | undefined
  private readonly fuzzyMemo = new Map<string, CatalogMatch | null>()
  private readonly keyById = new Map<number, string>()

  private constructor(
    private readonly ids: Map<string, number>,
    /** id → the catalogue's own spelling (fromSongs only). */
    private readonly raw: Map<number, { artist: string; title: string }> = new Map(),
  ) {
    for (const [k, id] of ids) if (!this.keyById.has(id)) this.keyById.set(id, k)
  }

  /** Indexes songs by `songKey(artist, title)`; unknown songs are skipped; the first id of a key wins. */
  static fromSongs(songs: Iterable<CatalogIndexSong>): CatalogIndex {
    const ids = new Map<string, number>()
    const raw = new Map<number, { artist: string; title: string }>()
    for (const s of songs) {
      if (s.known === false) continue
      const key = songKey(s.artist, s.title)
      if (!isUsableKey(key) || ids.has(key)) continue
      ids.set(key, s.id)
      raw.set(s.id, { artist: s.artist, title: s.title })
    }
    return new CatalogIndex(ids, raw)
  }

  /** Indexes ready-made song keys; a key's id is its position in the iteration (or the map's value). */
  static fromKeys(keys: Iterable<string> | Map<string, number>): CatalogIndex {
    const ids = new Map<string, number>()
    if (keys instanceof Map) {
      for (const [k, id] of keys) if (!ids.has(k)) ids.set(k, id)
    } else {
      let i = 0
      for (const k of keys) if (!ids.has(k)) ids.set(k, i++)
    }
    return new CatalogIndex(ids)
  }

  /** An index that matches nothing (import without the research data). */
  static empty(): CatalogIndex {
    return new CatalogIndex(new Map())
  }

  /** Number of distinct song keys. */
  get size(): number {
    return this.ids.size
  }

  /** The catalogue id of a song key, if present. */
  idOf(key: string): number | undefined {
    return this.ids.get(key)
  }

  has(key: string): boolean {
    return this.ids.has(key)
  }

  /** The first key variant of (artist, title) found in the catalogue (exact rules only). */
  match(artist: string | undefined, title: string | undefined): CatalogMatch | undefined {
    return this.matchVariants(new KeyVariants(artist, title), artist, title)
  }

  /** The first of an entry's key variants found in the catalogue; `artist`/`title` (raw) let it name the folds. */
  matchVariants(
    variants: Iterable<KeyVariant>,
    artist?: string,
    title?: string,
  ): CatalogMatch | undefined {
    for (const v of variants) {
      const id = this.ids.get(v.key)
      if (id === undefined) continue
      const own = this.raw.get(id)
      const swapped = v.reason === 'artist and title swapped'
      const folds =
        own && artist !== undefined && title !== undefined
          ? swapped
            ? foldRulesBetween(title, artist, own.artist, own.title)
            : foldRulesBetween(artist, title, own.artist, own.title)
          : undefined
      return { id, key: v.key, reason: v.reason, confidence: 1, swapped, folds, ...own }
    }
    return undefined
  }

  /**
   * The exact rules first, then the fuzzy ones (loose spelling: aliases, symbols, brackets; then
   * similar spelling within one artist or one title), each fuzzy hit with its confidence.
   */
  find(
    artist: string | undefined,
    title: string | undefined,
    variants?: KeyVariants,
  ): CatalogMatch | undefined {
    return (
      this.matchVariants(variants ?? new KeyVariants(artist, title), artist, title) ??
      this.matchFuzzy(artist, title)
    )
  }

  /** The best fuzzy hit for (artist, title), if any. */
  matchFuzzy(artist: string | undefined, title: string | undefined): CatalogMatch | undefined {
    if (!artist || !title || this.ids.size === 0) return undefined
    // Remembered: "owned" is recomputed after every import over the whole library.
    const memoKey = `${artist}\u0000${title}`
    const memo = this.fuzzyMemo.get(memoKey)
    if (memo !== undefined) return memo ?? undefined
    if (this.fuzzyMemo.size >= 200_000) this.fuzzyMemo.clear()
    const m = this.computeFuzzy(artist, title)
    this.fuzzyMemo.set(memoKey, m ?? null)
    return m
  }

  private computeFuzzy(artist: string, title: string): CatalogMatch | undefined {
    this.fuzzy ??= new FuzzySongIndex(this.keyById.keys(), (id) => this.spelling(id))
    const hit = this.fuzzy.find(artist, title, 1)[0]
    if (!hit) return undefined
    const key = this.keyById.get(hit.item)!
    return {
      id: hit.item,
      key,
      reason: hit.rule,
      confidence: hit.confidence,
      swapped: hit.swapped,
      folds: hit.rules,
      ...this.raw.get(hit.item),
    }
  }

  /** The catalogue key of an id. */
  keyOf(id: number): string | undefined {
    return this.keyById.get(id)
  }

  private spelling(id: number): { artist: string; title: string } | undefined {
    const own = this.raw.get(id)
    if (own) return own
    const key = this.keyById.get(id)
    const sep = key?.indexOf(' — ') ?? -1
    return key && sep > 0 ? { artist: key.slice(0, sep), title: key.slice(sep + 3) } : undefined
  }
}

/**
 * Keys to try for an entry, best first: the plain key; each credited artist alone when the artist
 * field lists several ("A, B", "A & B", "A x B", "A; B", "A / B"); then artist and title swapped
 * (playlists written as "Title - Artist"). Computed lazily: most entries match on the first key.
 */
export class KeyVariants implements Iterable<KeyVariant> {
  private readonly list: KeyVariant[] = []
  private readonly seen = new Set<string>()
  private stage = 0
  private normTitle = ''
  private readonly a: string
  private readonly t: string

  constructor(artist: string | null | undefined, title: string | null | undefined) {
    this.a = (artist ?? '').trim()
    this.t = (title ?? '').trim()
    if (this.a === '' || this.t === '') this.stage = 3
  }

  /** The `i`-th variant, computing more only when needed. */
  at(i: number): KeyVariant | undefined {
    while (this.list.length <= i && this.stage < 3) this.expand()
    return this.list[i]
  }

  /** The plain key, when the entry has a usable artist and title. */
  get first(): KeyVariant | undefined {
    return this.at(0)
  }

  [Symbol.iterator](): Iterator<KeyVariant> {
    let i = 0
    return {
      next: () => {
        const value = this.at(i++)
        return value === undefined ? { value: undefined, done: true } : { value, done: false }
      },
    }
  }

  private expand(): void {
    const stage = this.stage++
    if (stage === 0) {
      this.normTitle = normalizeTitle(this.t)
      this.push(cachedArtist(this.a), this.normTitle, 'artist+title')
    } else if (stage === 1) {
      const parts = splitArtists(this.a)
      if (parts.length > 1)
        for (const p of parts) this.push(cachedArtist(p), this.normTitle, 'one credited artist')
    } else {
      this.push(normalizeArtist(this.t), normalizeTitle(this.a), 'artist and title swapped')
    }
  }

  private push(artistPart: string, titlePart: string, reason: KeyVariantReason): void {
    if (artistPart === '' || titlePart === '') return
    const key = `${artistPart} — ${titlePart}`
    if (this.seen.has(key)) return
    this.seen.add(key)
    this.list.push({ key, reason })
  }
}

/** All key variants of (artist, title) as an array (see `KeyVariants`). */
export function keyVariants(
  artist: string | null | undefined,
  title: string | null | undefined,
): KeyVariant[] {
  return [...new KeyVariants(artist, title)]
}

// Artists repeat across a library, so their normal forms are cached (bounded: cleared when full).
const artistCache = new Map<string, string>()

function cachedArtist(artist: string): string {
  let n = artistCache.get(artist)
  if (n === undefined) {
    if (artistCache.size >= 20_000) artistCache.clear()
    n = normalizeArtist(artist)
    artistCache.set(artist, n)
  }
  return n
}

/** Splits a multi-artist credit; a single artist comes back as one element. */
export function splitArtists(artist: string): string[] {
  return artist
    .split(/\s*(?:,|;|\/|\s&\s|\sx\s|\svs\.?\s)\s*/i)
    .map((p) => p.trim())
    .filter((p) => p !== '')
}

/** A key is usable when both its artist and its title part are non-empty. */
export function isUsableKey(key: string): boolean {
  const sep = key.indexOf(' — ')
  return sep > 0 && sep + 3 < key.length
}

/** The key of (artist, title), or null when either is missing or normalises to nothing. */
export function keyOrNull(
  artist: string | null | undefined,
  title: string | null | undefined,
): string | null {
  if (!artist || !title) return null
  if (normalizeArtist(artist) === '' || normalizeTitle(title) === '') return null
  return songKey(artist, title)
}
