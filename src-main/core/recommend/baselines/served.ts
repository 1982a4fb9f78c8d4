// Recommender `served`: the app's own pipeline (its defaults, its Song2Vec model, its ONNX path) on catalogue ids.
import type { Song2VecParams } from '../../song2vec/types'
import { SERVED_PARAMS, SERVED_SONG2VEC } from '../defaults'
import { ServedRecommender } from '../served'
import type { ServedParams } from '../served-params'
import { fitSong2Vec, type FittedSong2Vec } from '../song2vec-fit'
import type { Ranked } from '../top-k'
import type { FitContext, RecommendOptions, Recommender } from '../types'
import { mapSet } from './song2vec'

/** Trains the app's model on the training playlists, exports it to ONNX and serves it as the app does. */
export class ServedAsRecommender implements Recommender {
  readonly name: string
  private fitted?: FittedSong2Vec
  private served?: ServedRecommender

  constructor(
    private readonly params: Partial<ServedParams> = SERVED_PARAMS,
    private readonly song2vec: Partial<Song2VecParams> = SERVED_SONG2VEC,
    name = 'served',
  ) {
    this.name = name
  }

  /** A `served` recommender over an already fitted model and pipeline (benches build variants this way). */
  static fromParts(
    fitted: FittedSong2Vec,
    served: ServedRecommender,
    name = 'served',
  ): ServedAsRecommender {
    const r = new ServedAsRecommender(served.params, fitted.model.params, name)
    r.fitted = fitted
    r.served = served
    return r
  }

  async fit(train: readonly (readonly number[])[], ctx: FitContext): Promise<void> {
    this.fitted = await fitSong2Vec(train, this.song2vec, ctx)
    ctx.onProgress?.(1, 'Exporting to ONNX and counting co-occurrences')
    this.served = await ServedRecommender.fromModel(
      this.fitted.model,
      train.map((p) => p.map(String)),
      {
        params: this.params,
        nameOf: (key) => songName(ctx, Number(key)),
        tagsOf: (key) => ctx.songs[Number(key)]?.tags ?? [],
        signal: ctx.signal,
      },
    )
  }

  details(): Record<string, unknown> {
    return {
      served: this.served?.params ?? this.params,
      song2vec: this.fitted?.model.params ?? this.song2vec,
      train_seconds: this.fitted?.trainSeconds,
    }
  }

  async recommend(
    context: readonly number[],
    n: number,
    options: RecommendOptions = {},
  ): Promise<Ranked> {
    const { fitted, served } = this
    if (!fitted || !served) throw new Error('ServedAsRecommender.recommend called before fit')
    const { rowOf, songOf } = fitted
    // Unknown songs become -1 (ignored by the pipeline) so slots keep their positions.
    const rows = context.map((s) => (s >= 0 && s < rowOf.length ? rowOf[s] : -1))
    const r = await served.recommend(rows, n, {
      slot: options.slot,
      exclude: options.exclude ? mapSet(options.exclude, rowOf) : undefined,
      explain: false,
    })
    return { ids: r.ids.map((row) => songOf[row]), scores: r.scores }
  }

  /** The underlying pipeline (after fit), e.g. to ask for reasons. */
  get pipeline(): ServedRecommender | undefined {
    return this.served
  }

  async dispose(): Promise<void> {
    await this.served?.dispose()
  }
}

function songName(ctx: FitContext, id: number): string {
  const s = ctx.songs[id]
  return s ? `"${s.title}" by ${s.artist}` : `song ${id}`
}
