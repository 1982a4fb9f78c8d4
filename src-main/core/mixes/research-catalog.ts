// A catalogue over research song ids (keys "0", "1", …) and a set of playlists: what mixes read when evaluated offline.
import type { SongInfo } from '../recommend/types'
import type { CatalogLike } from './types'

/** Names and tags by song id; co-occurrence counted over the given playlists only (no held-out leak). */
export class ResearchCatalog implements CatalogLike {
  private readonly postings = new Map<number, number[]>()

  constructor(
    private readonly songs: readonly SongInfo[],
    playlists: readonly (readonly number[])[],
  ) {
    playlists.forEach((p, i) => {
      for (const id of new Set(p)) {
        const list = this.postings.get(id)
        if (list) list.push(i)
        else this.postings.set(id, [i])
      }
    })
  }

  get(key: string): { key: string; artist: string; title: string; tags: string[] } | undefined {
    const s = this.songs[idOf(key)]
    return s ? { key, artist: s.artist, title: s.title, tags: [...s.tags] } : undefined
  }

  together(a: string, b: string): number {
    const pa = this.postings.get(idOf(a)) ?? []
    const pb = this.postings.get(idOf(b)) ?? []
    let i = 0
    let j = 0
    let n = 0
    while (i < pa.length && j < pb.length) {
      if (pa[i] === pb[j]) {
        n++
        i++
        j++
      } else if (pa[i] < pb[j]) i++
      else j++
    }
    return n
  }
}

function idOf(key: string): number {
  return /^\d+$/.test(key) ? Number(key) : -1
}
