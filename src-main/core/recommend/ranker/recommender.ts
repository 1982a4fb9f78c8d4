// Recommender `ranker`: candidates from several generators re-ranked by a logistic scorer learnt on a validation split carved from the training playlists.
import { leaveOneOutQueries } from '../../eval/queries'
import { splitPlaylists } from '../../eval/split'
import { EASE_DISTANCE_POWER, EASE_GRAM, EASE_LAMBDA } from '../baselines/ease'
import type { EaseParams } from '../ease-fit'
import { topK, type Ranked } from '../top-k'
import {
  createSharedModels,
  type FitContext,
  type RecommendOptions,
  type Recommender,
} from '../types'
import { FEATURE_COUNT, FEATURES, RankerGenerators } from './generators'
import { fitLogistic, logit, type LogisticModel } from './logistic'

/** The validation split of bench/tune.ts: 1,000 of the training playlists, seed 7. */
export const RANKER_VALIDATION = { holdout: 1000, seed: 7 }
/**
 * How the scorer learns (chosen by bench/ranker-variants.ts on the validation split): `point` =
 * target vs negatives as 1/0 rows; `pair` = one row per (target, negative) pair on the feature
 * difference (a linear RankNet). Negatives: the `hard` best-ranked by the served pipeline, plus
 * `random` others among the candidates (seeded).
 */
export const RANKER_RECIPE: { mode: 'point' | 'pair'; hard: number; random: number } = {
  mode: 'point',
  hard: 0,
  random: 30,
}
/** Validation playlists whose queries train the scorer; the rest measure it. */
const TRAIN_SHARE = 0.7

/** What the fit learnt and measured, for `details()`. */
export interface RankerReport {
  features: readonly string[]
  weights: number[]
  /** AHR@25 on the validation playlists not used to train the scorer: the ranker vs the served pipeline alone. */
  validationAhr: { ranker: number; served: number; playlists: number }
  /** Fraction of validation queries whose target is among the candidates. */
  recall: number
  trainingRows: number
  seconds: { validationStage: number; finalStage: number }
}

/**
 * Fit: carves {@link RANKER_VALIDATION} from `train`, fits the generators on the rest, builds one
 * row per candidate of every leave-one-out query of the validation playlists (the target positive,
 * {@link NEGATIVES} others negative), learns the scorer, then refits the generators on all of
 * `train`. Query: the candidates' features, scored, best first.
 */
export class RankerRecommender implements Recommender {
  readonly name = 'ranker'
  private generators?: RankerGenerators
  private model?: LogisticModel
  private report?: RankerReport

  constructor(
    private readonly ease: Omit<EaseParams, 'window'> = {
      lambda: EASE_LAMBDA,
      gram: EASE_GRAM,
      distancePower: EASE_DISTANCE_POWER,
    },
    private readonly validation: { holdout: number; seed: number } = RANKER_VALIDATION,
  ) {}

  async fit(train: readonly (readonly number[])[], ctx: FitContext): Promise<void> {
    const t0 = performance.now()
    const split = splitPlaylists(train, this.validation.holdout, this.validation.seed)
    const easeParams: EaseParams = { ...this.ease, window: ctx.window }
    // The validation stage shares nothing with the caller's models (they are fitted on all of train).
    const valCtx: FitContext = { ...ctx, shared: createSharedModels() }
    const gens = await RankerGenerators.fit(split.train, valCtx, easeParams, (f, m) =>
      ctx.onProgress?.(0.4 * f, `validation stage: ${m}`),
    )
    const cut = Math.round(split.heldout.length * TRAIN_SHARE)
    const rowsX: number[] = []
    const rowsY: number[] = []
    let queries = 0
    let found = 0
    let rng = ctx.seed >>> 0 || 1
    const rand = (): number => {
      rng ^= rng << 13
      rng ^= rng >>> 17
      rng ^= rng << 5
      return (rng >>> 0) / 4294967296
    }
    const held: { target: number; ids: number[]; x: Float32Array; servedHit: boolean }[][] = []
    for (const [pi, p] of split.heldout.entries()) {
      const perPlaylist: (typeof held)[number] = []
      for (const q of leaveOneOutQueries(p, ctx.window)) {
        ctx.signal?.throwIfAborted()
        const c = await gens.candidates(q.context, q.slot)
        queries++
        const pos = c.ids.indexOf(q.target)
        if (pos >= 0) found++
        if (pi >= cut) {
          perPlaylist.push({
            target: q.target,
            ids: c.ids,
            x: c.x,
            servedHit: servedTop25(c, q.target),
          })
          continue
        }
        if (pos < 0) continue
        addRows(rowsX, rowsY, c.x, c.ids.length, pos, negativesOf(c, pos, rand))
      }
      if (pi >= cut) held.push(perPlaylist)
      ctx.onProgress?.(0.4 + (0.2 * (pi + 1)) / split.heldout.length, 'scoring validation queries')
    }
    const x = Float32Array.from(rowsX)
    const y = Uint8Array.from(rowsY)
    const measured = fitLogistic(x, y, FEATURE_COUNT)
    // Honest validation figure: the scorer above never saw these playlists.
    let ahrRanker = 0
    let ahrServed = 0
    for (const pl of held) {
      let hr = 0
      let hs = 0
      for (const q of pl) {
        if (rankTop(measured, q.ids, q.x, 25).includes(q.target)) hr++
        if (q.servedHit) hs++
      }
      ahrRanker += hr / Math.max(1, pl.length)
      ahrServed += hs / Math.max(1, pl.length)
    }
    // The scorer kept is the one measured: trained on the first 70 % of the validation playlists.
    const tv = performance.now()
    await gens.dispose()
    this.model = measured
    this.report = {
      features: FEATURES,
      weights: [...measured.weights].map((w, d) => w / measured.std[d]),
      validationAhr: {
        ranker: ahrRanker / Math.max(1, held.length),
        served: ahrServed / Math.max(1, held.length),
        playlists: held.length,
      },
      recall: found / Math.max(1, queries),
      trainingRows: y.length,
      seconds: { validationStage: (tv - t0) / 1000, finalStage: 0 },
    }
    this.generators = await RankerGenerators.fit(train, ctx, easeParams, (f, m) =>
      ctx.onProgress?.(0.6 + 0.4 * f, `final stage: ${m}`),
    )
    this.report.seconds.finalStage = (performance.now() - tv) / 1000
  }

  details(): Record<string, unknown> {
    return { ease: this.ease, ...this.report }
  }

  async recommend(
    context: readonly number[],
    n: number,
    options: RecommendOptions = {},
  ): Promise<Ranked> {
    const { generators, model } = this
    if (!generators || !model) throw new Error('RankerRecommender.recommend called before fit')
    const c = await generators.candidates(context, options.slot, options.exclude)
    const scores = c.ids.map((_, k) => logit(model, c.x, k * FEATURE_COUNT))
    const order = topK(scores, n)
    return { ids: order.ids.map((k) => c.ids[k]), scores: order.scores }
  }

  async dispose(): Promise<void> {
    await this.generators?.dispose()
    this.generators = undefined
  }
}

function negativesOf(
  c: { ids: number[]; x: Float32Array },
  pos: number,
  rand: () => number,
): number[] {
  const { hard, random } = RANKER_RECIPE
  const out = new Set<number>()
  if (hard > 0) {
    const byServed = c.ids.map((_, k) => k)
    byServed.sort((a, b) => c.x[b * FEATURE_COUNT] - c.x[a * FEATURE_COUNT] || a - b)
    for (const k of byServed) {
      if (out.size >= hard) break
      if (k !== pos) out.add(k)
    }
  }
  const want = Math.min(hard + random, c.ids.length - 1)
  while (out.size < want) {
    const k = Math.floor(rand() * c.ids.length)
    if (k !== pos) out.add(k)
  }
  return [...out]
}

function addRows(
  xs: number[],
  ys: number[],
  x: Float32Array,
  _count: number,
  pos: number,
  negatives: readonly number[],
): void {
  const F = FEATURE_COUNT
  if (RANKER_RECIPE.mode === 'point') {
    for (let d = 0; d < F; d++) xs.push(x[pos * F + d])
    ys.push(1)
    for (const k of negatives) {
      for (let d = 0; d < F; d++) xs.push(x[k * F + d])
      ys.push(0)
    }
    return
  }
  negatives.forEach((k, i) => {
    const sign = i % 2 === 0 ? 1 : -1
    for (let d = 0; d < F; d++) xs.push(sign * (x[pos * F + d] - x[k * F + d]))
    ys.push(sign > 0 ? 1 : 0)
  })
}

/** Whether the served pipeline alone (its rank, feature 0) has the target in its top 25. */
function servedTop25(c: { ids: number[]; x: Float32Array }, target: number): boolean {
  const k = c.ids.indexOf(target)
  return k >= 0 && c.x[k * FEATURE_COUNT] >= 1 / 25
}

function rankTop(model: LogisticModel, ids: number[], x: Float32Array, n: number): number[] {
  const scores = ids.map((_, k) => logit(model, x, k * FEATURE_COUNT))
  return topK(scores, n).ids.map((k) => ids[k])
}
