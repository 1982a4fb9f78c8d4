// Which playlists each song appears in, and how many playlists two songs share: the "played together" evidence.
export class PlaylistPostings<K> {
  /** Song -> indices of the playlists containing it (ascending). */
  private readonly postings = new Map<K, number[]>()

  constructor(playlists: readonly (readonly K[])[]) {
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
}
