// A catalogue over research song ids (keys "0", "1", …) and a set of playlists: what mixes read when evaluated offline.
import { PlaylistPostings } from '../catalog/postings'
import type { SongInfo } from '../recommend/types'
import type { CatalogLike } from './types'

/** Names and tags by song id; co-occurrence counted over the given playlists only (no held-out leak). */
export class ResearchCatalog implements CatalogLike {
  private readonly postings: PlaylistPostings<number>

  constructor(
    private readonly songs: readonly SongInfo[],
    playlists: readonly (readonly number[])[],
  ) {
    this.postings = new PlaylistPostings(playlists)
  }

  get(key: string): { key: string; artist: string; title: string; tags: string[] } | undefined {
    const s = this.songs[idOf(key)]
    return s ? { key, artist: s.artist, title: s.title, tags: [...s.tags] } : undefined
  }

  together(a: string, b: string): number {
    return this.postings.together(idOf(a), idOf(b))
  }

  neighbourShares(
    context: readonly string[],
    weights: readonly number[],
    keys: readonly string[],
  ): number[] {
    return this.postings.neighbourShares(context.map(idOf), weights, keys.map(idOf))
  }
}

function idOf(key: string): number {
  return /^\d+$/.test(key) ? Number(key) : -1
}
