// Evidence from whole playlists like the context (session kNN): the training playlists sharing the most context songs vote for their other songs.
import { TouchedScores } from './touched-scores'

/** How the neighbouring playlists are chosen and weighed. */
export interface NeighbourParams {
  /** Playlists kept per query, most similar first (0: every playlist sharing a context song). */
  neighbours: number
  /** A playlist's similarity is `Σ shared context weights / (its distinct songs)^lengthPower`. */
  lengthPower: number
  /** Each kept playlist adds `similarity^alpha` to every song in it. */
  alpha: number
}

/** Training playlists as rows, indexed both ways; the scores are the votes of the last context. */
export class PlaylistNeighbours extends TouchedScores {
  private readonly songStart: Uint32Array
  private readonly songLists: Uint32Array
  private readonly listStart: Uint32Array
  private readonly listSongs: Int32Array
  private readonly sim: Float64Array
  private readonly hitLists: Uint32Array

  /**
   * `rows[starts[p] .. starts[p+1])` are playlist p's songs (rows of a catalogue of `size`); rows
   * outside `0 .. size-1` are skipped and a song listed twice in one playlist counts once.
   */
  constructor(
    rows: Int32Array,
    starts: Uint32Array,
    readonly size: number,
  ) {
    super(size)
    const lists = Math.max(0, starts.length - 1)
    const seen = new Int32Array(size).fill(-1)
    const listStart = new Uint32Array(lists + 1)
    const listSongs = new Int32Array(rows.length)
    const perSong = new Uint32Array(size + 1)
    let at = 0
    for (let p = 0; p < lists; p++) {
      for (let i = starts[p]; i < starts[p + 1]; i++) {
        const s = rows[i]
        if (!(s >= 0 && s < size) || seen[s] === p) continue
        seen[s] = p
        listSongs[at++] = s
        perSong[s + 1]++
      }
      listStart[p + 1] = at
    }
    for (let s = 0; s < size; s++) perSong[s + 1] += perSong[s]
    const songLists = new Uint32Array(at)
    const fill = perSong.slice(0, size)
    for (let p = 0; p < lists; p++)
      for (let i = listStart[p]; i < listStart[p + 1]; i++) songLists[fill[listSongs[i]]++] = p
    this.songStart = perSong
    this.songLists = songLists
    this.listStart = listStart
    this.listSongs = listSongs.slice(0, at)
    this.sim = new Float64Array(lists)
    this.hitLists = new Uint32Array(lists)
  }

  /** The index of playlists given as lists of rows of a catalogue of `size`. */
  static fromLists(playlists: readonly (readonly number[])[], size: number): PlaylistNeighbours {
    let total = 0
    for (const p of playlists) total += p.length
    const rows = new Int32Array(total)
    const starts = new Uint32Array(playlists.length + 1)
    let at = 0
    playlists.forEach((p, i) => {
      for (const r of p) rows[at++] = r
      starts[i + 1] = at
    })
    return new PlaylistNeighbours(rows, starts, size)
  }

  /** Playlists indexed. */
  get playlists(): number {
    return this.listStart.length - 1
  }

  /**
   * Replaces the scores by the votes of the playlists most like the context: each playlist sharing
   * context songs gets `Σ weight(c) / distinct^lengthPower`, the best `neighbours` of them add
   * `similarity^alpha` to each of their songs. Context songs outside the catalogue and
   * non-positive weights are skipped; `contextWeights[i]` defaults to 1.
   */
  accumulate(
    context: readonly number[],
    params: NeighbourParams,
    contextWeights?: readonly number[],
  ): this {
    this.clear()
    const { songStart, songLists, listStart, listSongs, sim, hitLists, scores, touched } = this
    let hits = 0
    for (let i = 0; i < context.length; i++) {
      const a = context[i]
      if (!(a >= 0 && a < this.size)) continue
      const w = contextWeights ? contextWeights[i] : 1
      if (!(w > 0)) continue
      for (let e = songStart[a]; e < songStart[a + 1]; e++) {
        const p = songLists[e]
        if (sim[p] === 0) hitLists[hits++] = p
        sim[p] += w
      }
    }
    for (let h = 0; h < hits; h++) {
      const p = hitLists[h]
      sim[p] /= Math.pow(listStart[p + 1] - listStart[p], params.lengthPower)
    }
    const kept = params.neighbours > 0 && hits > params.neighbours ? params.neighbours : hits
    if (kept < hits) selectBest(hitLists, hits, kept, sim)
    for (let h = 0; h < kept; h++) {
      const p = hitLists[h]
      const vote = Math.pow(sim[p], params.alpha)
      for (let i = listStart[p]; i < listStart[p + 1]; i++) {
        const s = listSongs[i]
        if (scores[s] === 0) touched[this.count++] = s
        scores[s] += vote
      }
    }
    for (let h = 0; h < hits; h++) sim[hitLists[h]] = 0
    return this
  }
}

/**
 * Reorders `ids[0 .. n)` so that its first `k` are those of highest `key`, equal keys going to
 * the lower id (so the kept playlists do not depend on the order they were met in); quickselect.
 */
function selectBest(ids: Uint32Array, n: number, k: number, key: Float64Array): void {
  const before = (a: number, b: number): boolean => key[a] > key[b] || (key[a] === key[b] && a < b)
  let lo = 0
  let hi = n - 1
  while (lo < hi) {
    const pivot = ids[(lo + hi) >>> 1]
    let i = lo
    let j = hi
    while (i <= j) {
      while (before(ids[i], pivot)) i++
      while (before(pivot, ids[j])) j--
      if (i <= j) {
        const t = ids[i]
        ids[i] = ids[j]
        ids[j] = t
        i++
        j--
      }
    }
    if (k - 1 <= j) hi = j
    else if (k - 1 >= i) lo = i
    else return
  }
}
