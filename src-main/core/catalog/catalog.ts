// The research catalogue keyed by normalised song key: metadata lookup, search, and the research playlists as key sequences.
import { songKey } from '../../../src-shared/song-key'
import { PlaylistPostings } from './postings'
import { SearchIndex } from './search-index'
import { cleanPlaylists, type YesDataset } from './yes'

/** Last.fm tags that are radio stations' call signs ("wjlb-fm") say nothing about a song's style. */
export function isStationTag(tag: string): boolean {
  return /^[kw][a-z]{2,3}-(fm|am)$/i.test(tag)
}

export interface CatalogSong {
  key: string
  artist: string
  title: string
  tags: string[]
}

export class Catalog {
  /** Song key -> metadata (songs that normalise to the same key are one song). */
  readonly songs = new Map<string, CatalogSong>()
  /** Cleaned research playlists as song keys. */
  readonly playlists: string[][]
  private readonly index = new SearchIndex()
  private readonly postings: PlaylistPostings<string>

  constructor(ds: YesDataset) {
    const keyOf: string[] = []
    for (const s of ds.songs) {
      if (!s.known) continue
      keyOf[s.id] = this.add(s.artist, s.title, s.tags)
    }
    this.playlists = cleanPlaylists(ds).map((p) => p.map((id) => keyOf[id]))
    this.postings = new PlaylistPostings(this.playlists)
    this.index.build()
  }

  /**
   * Adds songs known from elsewhere (the full research catalogue, the user's files) so they can be
   * found and described; a song already here only gains tags. Returns how many were new.
   */
  addSongs(songs: readonly { artist: string; title: string; tags: readonly string[] }[]): number {
    const before = this.songs.size
    for (const s of songs) if (s.artist && s.title) this.add(s.artist, s.title, s.tags)
    this.index.build()
    return this.songs.size - before
  }

  private add(artist: string, title: string, rawTags: readonly string[]): string {
    const key = songKey(artist, title)
    const existing = this.songs.get(key)
    const tags = rawTags.filter((t) => !isStationTag(t))
    if (existing) {
      for (const t of tags) if (!existing.tags.includes(t)) existing.tags.push(t)
    } else {
      this.songs.set(key, { key, artist, title, tags })
      this.index.add({ key, artist, title })
    }
    return key
  }

  /** Number of research playlists that contain both songs. */
  together(a: string, b: string): number {
    return this.postings.together(a, b)
  }

  /** The votes of the research playlists most like `context` for `keys` (see `PlaylistPostings.neighbourShares`). */
  neighbourShares(
    context: readonly string[],
    weights: readonly number[],
    keys: readonly string[],
  ): number[] {
    return this.postings.neighbourShares(context, weights, keys)
  }

  /** A short reason why `b` is recommended for `a`: shared playlists, then shared tags. */
  why(a: string, b: string): string {
    const n = this.together(a, b)
    const tagsA = new Set(this.get(a)?.tags ?? [])
    const shared = (this.get(b)?.tags ?? []).filter((t) => tagsA.has(t)).slice(0, 3)
    const parts: string[] = []
    if (n > 0) parts.push(`in ${n} radio playlist${n === 1 ? '' : 's'} together`)
    if (shared.length) parts.push(`shares tags ${shared.join(', ')}`)
    return parts.length
      ? parts.join('; ')
      : 'close in the space learned from playlist neighbourhoods'
  }

  get(key: string): CatalogSong | undefined {
    return this.songs.get(key)
  }

  /**
   * Songs matching every word of the query (the last may be half typed; case, accents, punctuation
   * and "feat." ignored), by relevance, then `rank` (higher first), then name. Pass `rankVersion`
   * (e.g. the model id) so `rank` is read once per version rather than per query.
   */
  search(
    query: string,
    limit: number,
    rank: (key: string) => number = () => 0,
    rankVersion?: string,
  ): CatalogSong[] {
    return this.index.search(query, limit, rank, rankVersion).map((e) => this.songs.get(e.key)!)
  }
}
