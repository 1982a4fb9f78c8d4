// Baseline `clusters`: the most popular songs of the context's majority cluster (spherical k-means on Song2Vec vectors).
import { clusterVectors } from '../../cluster'
import type { Song2VecParams } from '../../song2vec/types'
import { CLUSTERS_K, SERVED_SONG2VEC } from '../defaults'
import { firstAllowed, padWithPopular, popularityOrder, songCounts } from '../popularity'
import { fitSong2Vec } from '../song2vec-fit'
import type { Ranked } from '../top-k'
import type { FitContext, RecommendOptions, Recommender } from '../types'

/**
 * Clusters the input vectors of the app's Song2Vec model (the served parameters) as the Clusters
 * view does (spherical k-means, k by the elbow rule unless given). A context goes to the cluster most of its songs are in (ties: the
 * cluster that reached that count first, reading the context in order); the answer is that
 * cluster's most played songs, filled up with the most popular overall.
 */
export class ClusterRecommender implements Recommender {
  readonly name = 'clusters'
  /** Cluster of each catalogue song, -1 when unknown. */
  private clusterOf: Int32Array = new Int32Array(0)
  /** Songs of each cluster by descending popularity. */
  private members: Int32Array[] = []
  private counts: Float64Array = new Float64Array(0)
  private order: Int32Array = new Int32Array(0)
  /** Number of clusters of the last fit. */
  chosenK = 0

  constructor(
    private readonly k: number | 'auto' = CLUSTERS_K,
    private readonly params: Partial<Song2VecParams> = SERVED_SONG2VEC,
  ) {}

  async fit(train: readonly (readonly number[])[], ctx: FitContext): Promise<void> {
    const { model, songOf } = await fitSong2Vec(train, this.params, ctx)
    const size = ctx.songs.length
    const auto = this.k === 'auto'
    ctx.onProgress?.(
      0,
      auto ? 'Clustering (k by the elbow rule)' : `Clustering into ${this.k} groups`,
    )
    const fit = await clusterVectors(model.input, model.vocab.length, model.dim, {
      k: this.k === 'auto' ? 'auto' : Math.min(this.k, model.vocab.length),
      seed: ctx.seed,
      signal: ctx.signal,
      onProgress: (done, total) =>
        ctx.onProgress?.(done / total, `Clustering, fit ${done} of ${total}`),
    })
    this.chosenK = fit.k
    this.counts = songCounts(train, size)
    this.order = popularityOrder(this.counts)
    this.clusterOf = new Int32Array(size).fill(-1)
    fit.assignments.forEach((c, row) => (this.clusterOf[songOf[row]] = c))
    const lists: number[][] = Array.from({ length: fit.k }, () => [])
    for (const s of this.order) if (this.clusterOf[s] >= 0) lists[this.clusterOf[s]].push(s)
    this.members = lists.map((l) => Int32Array.from(l))
  }

  details(): Record<string, unknown> {
    return {
      k: this.chosenK,
      chosen: this.k === 'auto' ? 'elbow rule' : 'fixed',
      song2vec: this.params,
    }
  }

  /** The majority cluster of the context, or -1 when no context song has one. */
  clusterOfContext(context: readonly number[]): number {
    const votes = new Map<number, number>()
    let best = -1
    let bestVotes = 0
    for (const s of context) {
      const c = s >= 0 && s < this.clusterOf.length ? this.clusterOf[s] : -1
      if (c < 0) continue
      const v = (votes.get(c) ?? 0) + 1
      votes.set(c, v)
      if (v > bestVotes) {
        best = c
        bestVotes = v
      }
    }
    return best
  }

  async recommend(
    context: readonly number[],
    n: number,
    options: RecommendOptions = {},
  ): Promise<Ranked> {
    const c = this.clusterOfContext(context)
    if (c < 0) return firstAllowed(this.order, this.counts, n, options.exclude)
    return padWithPopular(
      firstAllowed(this.members[c], this.counts, n, options.exclude),
      this.order,
      n,
      options.exclude,
    )
  }
}
