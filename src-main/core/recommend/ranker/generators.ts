// The served ranker's candidate generators (the served Song2Vec pipeline, EASE, RP3beta) and the features of each candidate.
import { ServedAsRecommender } from '../baselines/served'
import { sharedEase } from '../baselines/ease'
import { RP3BETA_WINDOWED } from '../baselines/rp3beta'
import { buildCooc, normalizeRows, pairWeight, type CoocMatrix } from '../cooc-matrix'
import { CoocScores } from '../cooc-scores'
import { easeScores, type EaseModel, type EaseParams } from '../ease-fit'
import { songCounts } from '../popularity'
import { buildRp3beta } from '../rp3beta-matrix'
import { topK } from '../top-k'
import type { FitContext, SongInfo } from '../types'

/** Names of the features, in the order of each candidate's vector. */
export const FEATURES = [
  'served_recip_rank',
  'served_gap',
  'ease_recip_rank',
  'ease_norm',
  'rp3_recip_rank',
  'rp3_norm',
  'cooc_log_share',
  'adjacent_log_pairs',
  'log_popularity',
  'same_artist_share',
  'same_artist_adjacent',
  'tag_overlap',
] as const

export const FEATURE_COUNT = FEATURES.length

/** Songs each generator proposes per query. */
export const PER_GENERATOR = 100

/** Candidates of one query and their features (`ids.length × FEATURE_COUNT`, row-major). */
export interface Candidates {
  ids: number[]
  x: Float32Array
}

/** Everything fitted on one set of training playlists. */
export class RankerGenerators {
  private readonly easeBuf: Float64Array
  private readonly rp3: CoocScores
  private readonly share: CoocScores
  private readonly logCount: Float64Array
  private readonly artistId: Int32Array
  private readonly tagIds: number[][]

  private constructor(
    private readonly served: ServedAsRecommender,
    private readonly ease: EaseModel,
    rp3: CoocScores,
    private readonly pairs: CoocMatrix,
    counts: Float64Array,
    songs: readonly SongInfo[],
  ) {
    this.easeBuf = new Float64Array(ease.songs.length)
    this.rp3 = rp3
    this.share = new CoocScores(normalizeRows(pairs, 0.75))
    const max = Math.log1p(Math.max(1, ...counts))
    this.logCount = Float64Array.from(counts, (c) => Math.log1p(c) / max)
    const artists = new Map<string, number>()
    this.artistId = Int32Array.from(songs, (s) => {
      const k = s.artist.toLowerCase()
      let id = artists.get(k)
      if (id === undefined) artists.set(k, (id = artists.size))
      return id
    })
    const tags = new Map<string, number>()
    this.tagIds = songs.map((s) =>
      s.tags.map((t) => {
        let id = tags.get(t)
        if (id === undefined) tags.set(t, (id = tags.size))
        return id
      }),
    )
  }

  /** Fits every generator on `train` (the Song2Vec model and EASE through `ctx.shared`). */
  static async fit(
    train: readonly (readonly number[])[],
    ctx: FitContext,
    ease: EaseParams,
    progress: (f: number, message: string) => void = () => undefined,
  ): Promise<RankerGenerators> {
    const served = new ServedAsRecommender()
    await served.fit(train, { ...ctx, onProgress: (f, m) => progress(0.5 * f, m) })
    const model = await sharedEase(
      train,
      { ...ctx, onProgress: (f, m) => progress(0.5 + 0.4 * f, m) },
      ease,
    )
    progress(0.9, 'RP3beta and co-occurrence')
    const size = ctx.songs.length
    const rp3 = new CoocScores(
      buildRp3beta(train, size, { ...RP3BETA_WINDOWED, window: ctx.window }, ctx.signal),
    )
    const pairs = buildCooc(train, size, {
      window: ctx.window,
      distancePower: 0.5,
      signal: ctx.signal,
    })
    return new RankerGenerators(served, model, rp3, pairs, songCounts(train, size), ctx.songs)
  }

  /** The union of every generator's top {@link PER_GENERATOR} for the query, with features. */
  async candidates(
    context: readonly number[],
    slot: number | undefined,
    exclude?: ReadonlySet<number>,
  ): Promise<Candidates> {
    const served = await this.served.recommend(context, PER_GENERATOR, { slot, exclude })
    const ease = this.ease
    easeScores(ease, context, this.easeBuf)
    const easeExclude = exclude
      ? new Set([...exclude].map((s) => (s >= 0 && s < ease.index.length ? ease.index[s] : -1)))
      : undefined
    const easeTop = topK(this.easeBuf, PER_GENERATOR, { exclude: easeExclude })
    const rp3 = this.rp3.accumulate(context)
    const rp3Top = topK(rp3.scores, PER_GENERATOR, {
      candidates: rp3.touched,
      candidateCount: rp3.count,
      exclude,
    })
    const share = this.share.accumulate(context)
    let shareTotal = 0
    for (let i = 0; i < share.count; i++) shareTotal += share.scores[share.touched[i]]

    const servedRank = new Map<number, number>()
    served.ids.forEach((id, r) => servedRank.set(id, r))
    const easeRank = new Map<number, number>()
    easeTop.ids.forEach((i, r) => easeRank.set(ease.songs[i], r))
    const rp3Rank = new Map<number, number>()
    rp3Top.ids.forEach((id, r) => rp3Rank.set(id, r))
    const ids = [...new Set([...served.ids, ...easeRank.keys(), ...rp3Top.ids])]

    const easeMax = easeTop.scores[0] > 0 ? easeTop.scores[0] : 1
    const rp3Max = rp3Top.scores[0] > 0 ? rp3Top.scores[0] : 1
    const servedTop = served.scores[0] ?? 0
    const servedLast = served.scores[served.scores.length - 1] ?? 0
    const adjacent = [
      slot === undefined ? -1 : context[slot - 1],
      slot === undefined ? -1 : context[slot],
    ].filter((s) => s !== undefined && s >= 0 && s < this.pairs.size)
    const contextArtists = context
      .filter((s) => s >= 0 && s < this.artistId.length)
      .map((s) => this.artistId[s])
    const adjacentArtists = new Set(adjacent.map((s) => this.artistId[s]))
    const contextTags = new Set<number>()
    for (const s of context)
      if (s >= 0 && s < this.tagIds.length) for (const t of this.tagIds[s]) contextTags.add(t)

    const x = new Float32Array(ids.length * FEATURE_COUNT)
    ids.forEach((id, k) => {
      const o = k * FEATURE_COUNT
      const sr = servedRank.get(id)
      x[o] = sr === undefined ? 0 : 1 / (1 + sr)
      x[o + 1] = sr === undefined ? servedLast - servedTop - 1 : served.scores[sr] - servedTop
      const er = easeRank.get(id)
      const ei = ease.index[id]
      x[o + 2] = er === undefined ? 0 : 1 / (1 + er)
      x[o + 3] = ei >= 0 ? this.easeBuf[ei] / easeMax : 0
      const rr = rp3Rank.get(id)
      x[o + 4] = rr === undefined ? 0 : 1 / (1 + rr)
      x[o + 5] = rp3.scores[id] / rp3Max
      x[o + 6] = Math.log((shareTotal > 0 ? share.scores[id] / shareTotal : 0) + 1e-4)
      let adj = 0
      for (const a of adjacent) adj += pairWeight(this.pairs, a, id)
      x[o + 7] = Math.log1p(adj)
      x[o + 8] = this.logCount[id]
      const artist = this.artistId[id]
      let same = 0
      for (const a of contextArtists) if (a === artist) same++
      x[o + 9] = contextArtists.length ? same / contextArtists.length : 0
      x[o + 10] = adjacentArtists.has(artist) ? 1 : 0
      const tags = this.tagIds[id]
      let overlap = 0
      for (const t of tags) if (contextTags.has(t)) overlap++
      x[o + 11] = tags.length ? overlap / tags.length : 0
    })
    rp3.clear()
    share.clear()
    return { ids, x }
  }

  async dispose(): Promise<void> {
    await this.served.dispose()
  }
}
