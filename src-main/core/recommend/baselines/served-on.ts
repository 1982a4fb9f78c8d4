// Recommenders `served-als` and `served-autoencoder`: the app's served pipeline (ONNX cosine candidates + co-occurrence re-rank) on those models' vectors — what the app serves when the user picks that kind.
import { AlsRecommender } from '../../als/recommender'
import { AutoencoderRecommender } from '../../autoencoder/recommender'
import { servedHeadsOf, SERVED_PARAMS } from '../defaults'
import { songCounts } from '../popularity'
import { ServedRecommender } from '../served'
import { vocabMapping, type FittedSong2Vec } from '../song2vec-fit'
import type { Ranked } from '../top-k'
import type { FitContext, RecommendOptions, Recommender } from '../types'
import { ServedAsRecommender } from './served'

/** The collaborative models other than Song2Vec the app can serve. */
export type OtherKind = 'als' | 'autoencoder'

/**
 * Fits the kind's own recommender (so `segue eval` trains its model once, shared with `als` or
 * `autoencoder`), keeps the vectors of the songs played in training, and serves them exactly as the
 * app does.
 */
export class ServedOnRecommender implements Recommender {
  readonly name: string
  private inner?: ServedAsRecommender

  constructor(private readonly kind: OtherKind) {
    this.name = `served-${kind}`
  }

  async fit(train: readonly (readonly number[])[], ctx: FitContext): Promise<void> {
    const source = this.kind === 'als' ? new AlsRecommender() : new AutoencoderRecommender()
    await source.fit(train, ctx)
    const model = source.trained
    if (!model) throw new Error(`The ${this.kind} model did not train`)
    const counts = songCounts(train, ctx.songs.length)
    const played: number[] = []
    counts.forEach((c, id) => c > 0 && played.push(id))
    const dim = model.dim
    const input = new Float32Array(played.length * dim)
    played.forEach((id, row) =>
      input.set(model.input.subarray(id * dim, (id + 1) * dim), row * dim),
    )
    const vocab = played.map(String)
    const fitted: FittedSong2Vec = {
      model: {
        vocab,
        counts: Uint32Array.from(played, (id) => counts[id]),
        dim,
        input,
        output: input,
        params: model.params as never,
        lossHistory: model.lossHistory,
      },
      ...vocabMapping(vocab, ctx.songs.length),
      trainSeconds: 0,
    }
    const params = { ...SERVED_PARAMS, heads: servedHeadsOf(this.kind) }
    const served = await ServedRecommender.fromModel(
      fitted.model,
      train.map((p) => p.map(String)),
      {
        params,
        signal: ctx.signal,
      },
    )
    this.inner = ServedAsRecommender.fromParts(fitted, served, this.name)
  }

  details(): Record<string, unknown> {
    return { served: { ...SERVED_PARAMS, heads: servedHeadsOf(this.kind) }, model: this.kind }
  }

  recommend(context: readonly number[], n: number, options?: RecommendOptions): Promise<Ranked> {
    if (!this.inner) throw new Error(`${this.name}.recommend called before fit`)
    return this.inner.recommend(context, n, options)
  }

  async dispose(): Promise<void> {
    await this.inner?.dispose()
  }
}
