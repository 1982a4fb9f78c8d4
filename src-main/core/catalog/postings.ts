// Which playlists each song appears in, how many playlists two songs share (the "played together" evidence), and the votes of playlists like a context.
import { SERVED_PARAMS } from '../recommend/defaults'
import { PlaylistNeighbours, type NeighbourParams } from '../recommend/playlist-neighbours'

export class PlaylistPostings<K> {
  /** Song -> indices of the playlists containing it (ascending). */
  private readonly postings = new Map<K, number[]>()
  private neighbourIndex?: { rows: Map<K, number>; neighbours: PlaylistNeighbours }

  constructor(private readonly playlists: readonly (readonly K[])[]) {
    playlists.forEach((p, i) => {
      for (const song of new Set(p)) {
        const list = this.postings.get(song)
        if (list) list.push(i)
        else this.postings.set(song, [i])
      }
    })
  }

  /** Number of playlists that contain both songs (a merge of two sorted lists). */
  together(a: K, b: K): number {
    const pa = this.postings.get(a) ?? []
    const pb = this.postings.get(b) ?? []
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

  /**
   * The votes of the playlists most like `context` (see `PlaylistNeighbours`) for each of `keys`,
   * as a share of the best vote of any song (0 .. 1; all 0 when no playlist holds a context song).
   * `params` default to the served pipeline's.
   */
  neighbourShares(
    context: readonly K[],
    weights: readonly number[],
    keys: readonly K[],
    params: NeighbourParams = SERVED_PARAMS.playlists,
  ): number[] {
    const { rows, neighbours } = this.neighbourIndexOf()
    const rowOf = (k: K): number => rows.get(k) ?? -1
    neighbours.accumulate(context.map(rowOf), params, weights)
    const best = neighbours.max()
    const shares = keys.map((k) => {
      const r = rowOf(k)
      return best > 0 && r >= 0 ? neighbours.scores[r] / best : 0
    })
    neighbours.clear()
    return shares
  }

  /** Built on first use: the rows of every song in the playlists, and the neighbour index over them. */
  private neighbourIndexOf(): { rows: Map<K, number>; neighbours: PlaylistNeighbours } {
    if (this.neighbourIndex) return this.neighbourIndex
    const rows = new Map<K, number>()
    for (const song of this.postings.keys()) rows.set(song, rows.size)
    const lists = this.playlists.map((p) => p.map((k) => rows.get(k) ?? -1))
    this.neighbourIndex = { rows, neighbours: PlaylistNeighbours.fromLists(lists, rows.size) }
    return this.neighbourIndex
  }
}
