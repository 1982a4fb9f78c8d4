// What the app serves: ONNX candidates from the Song2Vec model, re-ranked with co-occurrence evidence, each with a reason.
import { exportOnnx, writeOnnx } from '../onnx/export'
import { hashVocab } from '../onnx/metadata'
import type { ScoreQuery, ScoreResult } from '../onnx/query'
import { OnnxScorer, type ScorerOptions } from '../onnx/scorer'
import type { PlaylistCorpus, Song2VecModel } from '../song2vec/types'
import { buildCooc, normalizeRows, type CoocMatrix } from './cooc-matrix'
import { CoocScores } from './cooc-scores'
import { SERVED_PARAMS } from './defaults'
import { PlaylistNeighbours } from './playlist-neighbours'
import { firstAllowed, popularityOrder } from './popularity'
import type { ServedParams } from './served-params'
import { buildTagIndex, type TagIndex } from './tag-index'
import { topK } from './top-k'
import type { RecommendOptions } from './types'
import { unitRowsOf, dotRows } from './vector-math'
import { explain, type Why } from './why'

/** Anything that answers ONNX top-k queries: an `OnnxScorer`, or a loaded model's worker. */
export interface CandidateSource {
  query(q: ScoreQuery): Promise<ScoreResult>
}

/** A served answer: model rows best first, their final scores, and a reason for each. */
export interface ServedResult {
  /** Model rows, best first. */
  ids: number[]
  /** Final (re-ranked) score of each. */
  scores: number[]
  /** One reason per id (empty when asked without explanations). */
  why: Why[]
}

/** Options of one served query. */
export interface ServedQueryOptions extends RecommendOptions {
  /** Compute the reasons (default true; the evaluation turns them off). */
  explain?: boolean
}

/** The parts of a {@link ServedRecommender}; all ids are rows of one model's vocabulary. */
export interface ServedParts {
  /** The ONNX graph of the model (exported with `params.heads`). */
  candidates: CandidateSource
  /** Co-occurrence of the training playlists (window and distance power of `params`). */
  cooc: CoocMatrix
  /** The training playlists as rows, for the evidence of playlists like the context (`params.playlists`). */
  neighbours?: PlaylistNeighbours
  /** Occurrences of each row in training: the fallback when no context song is known. */
  counts: ArrayLike<number>
  /** The knobs of the pipeline. */
  params: ServedParams
  /** Display name of a row for the reasons, e.g. `"Yellow" by Coldplay` (default: the row number). */
  nameOf?: (row: number) => string
  /** Tags by row, for "shares tags" reasons. */
  tags?: TagIndex
  /** Unit input vectors (`rows × dim`), for "close to" reasons. */
  unit?: { data: Float32Array; dim: number }
  /** `dispose()` releases `candidates` (true when `fromModel` made the session). */
  ownsCandidates?: boolean
}

/** Options of {@link ServedRecommender.fromModel}. */
export interface FromModelOptions {
  /** Overrides of the served defaults (`SERVED_PARAMS`). */
  params?: Partial<ServedParams>
  /** Identifier stored in the ONNX file (default: `served-` + the vocabulary hash). */
  modelId?: string
  /** Write the ONNX graph here and load it from the file (default: load from memory). */
  onnxPath?: string
  /** onnxruntime session settings. */
  scorer?: ScorerOptions
  /** Display name of a vocabulary key (default: the key). */
  nameOf?: (key: string) => string
  /** Tags of a vocabulary key, for "shares tags" reasons. */
  tagsOf?: (key: string) => readonly string[]
  /** Aborting stops the co-occurrence count. */
  signal?: AbortSignal
}

/**
 * The served pipeline (one per model: build a new one when the model changes). A query asks the ONNX graph for `params.candidates` songs (the context
 * itself and `exclude` left out), then re-ranks them in JS by
 * `log(cooc share + coocFloor) + embeddingWeight · ONNX score`, and explains each answer.
 */
export class ServedRecommender {
  private readonly acc: CoocScores
  private readonly order: Int32Array
  private readonly finalScores: Float64Array

  constructor(private readonly parts: ServedParts) {
    this.acc = new CoocScores(normalizeRows(parts.cooc, parts.params.coocRowPower))
    this.order = popularityOrder(parts.counts)
    this.finalScores = new Float64Array(parts.cooc.size)
  }

  /** The served parameters in use. */
  get params(): ServedParams {
    return this.parts.params
  }

  /**
   * Exports `model` to ONNX with the served heads, loads it in onnxruntime, and counts the
   * co-occurrences of `playlists` (song keys; keys outside the vocabulary are skipped).
   */
  static async fromModel(
    model: Song2VecModel,
    playlists: PlaylistCorpus,
    opts: FromModelOptions = {},
  ): Promise<ServedRecommender> {
    const params: ServedParams = { ...SERVED_PARAMS, ...opts.params }
    const candidates = await loadCandidates(model, params, opts)
    const rows = rowsOfModel(model, playlists)
    const cooc = buildCooc(rows, model.vocab.length, {
      window: params.coocWindow,
      distancePower: params.coocDistancePower,
      signal: opts.signal,
    })
    const neighbours = PlaylistNeighbours.fromLists(rows, model.vocab.length)
    const nameOf = opts.nameOf
    const tagsOf = opts.tagsOf
    return new ServedRecommender({
      candidates,
      cooc,
      neighbours,
      counts: model.counts,
      params,
      nameOf: nameOf ? (row) => nameOf(model.vocab[row]) : (row) => model.vocab[row],
      tags: tagsOf
        ? buildTagIndex(model.vocab.map((k) => ({ title: '', artist: '', tags: tagsOf(k) })))
        : undefined,
      unit: { data: unitRowsOf(model.input, model.vocab.length, model.dim), dim: model.dim },
      ownsCandidates: true,
    })
  }

  /** Up to `n` rows for the context (rows; unknown ones are ignored), best first, each with a reason. */
  async recommend(
    context: readonly number[],
    n: number,
    options: ServedQueryOptions = {},
  ): Promise<ServedResult> {
    const { params, cooc } = this.parts
    const known: number[] = []
    const weights: number[] = []
    context.forEach((row, i) => {
      if (!(Number.isInteger(row) && row >= 0 && row < cooc.size)) return
      known.push(row)
      weights.push(slotWeight(i, options.slot, params.slotDecay))
    })
    const exclude = options.exclude
    if (known.length === 0 || n <= 0) {
      const ranked = firstAllowed(this.order, this.parts.counts, Math.max(0, n), exclude)
      const why: Why[] = ranked.ids.map((id) => ({
        kind: 'popular',
        text:
          this.parts.counts[id] > 0
            ? `played ${this.parts.counts[id]} times in the radio playlists`
            : 'often played in these playlists',
      }))
      return { ...ranked, why: options.explain === false ? [] : why }
    }

    const pool = await this.parts.candidates.query({
      context: known,
      weights,
      exclude: exclude
        ? [...exclude].filter((r) => Number.isInteger(r) && r >= 0 && r < cooc.size)
        : [],
      k: Math.max(n, params.candidates),
    })
    return this.rerankKnown(context, known, weights, pool, n, options)
  }

  /** How many candidates the re-rank of `n` songs wants from the scoring pass. */
  poolSize(n: number): number {
    return Math.max(n, this.parts.params.candidates)
  }

  /**
   * The same answer as {@link recommend} from a candidate pool scored elsewhere (the similar-songs
   * worker): `pool` must be the best `poolSize(n)` rows for `context`, `exclude` already left out.
   */
  rerank(
    context: readonly number[],
    pool: ScoreResult,
    n: number,
    options: ServedQueryOptions = {},
  ): ServedResult {
    const { params, cooc } = this.parts
    const known: number[] = []
    const weights: number[] = []
    context.forEach((row, i) => {
      if (!(Number.isInteger(row) && row >= 0 && row < cooc.size)) return
      known.push(row)
      weights.push(slotWeight(i, options.slot, params.slotDecay))
    })
    if (known.length === 0 || n <= 0) return { ids: [], scores: [], why: [] }
    return this.rerankKnown(context, known, weights, pool, n, options)
  }

  private rerankKnown(
    context: readonly number[],
    known: number[],
    weights: number[],
    pool: ScoreResult,
    n: number,
    options: ServedQueryOptions,
  ): ServedResult {
    const { params } = this.parts
    const acc = this.acc.accumulate(known, weights)
    let total = 0
    for (let i = 0; i < acc.count; i++) total += acc.scores[acc.touched[i]]
    const final = this.finalScores
    const ids = pool.indices
    for (let i = 0; i < ids.length; i++) {
      const share = total > 0 ? acc.scores[ids[i]] / total : 0
      final[ids[i]] = Math.log(share + params.coocFloor) + params.embeddingWeight * pool.scores[i]
    }
    const nb = this.parts.neighbours
    const pw = params.playlists.weight
    if (nb && pw > 0) {
      nb.accumulate(known, params.playlists, weights)
      const best = nb.max()
      if (best > 0)
        for (let i = 0; i < ids.length; i++)
          final[ids[i]] += pw * Math.log(nb.scores[ids[i]] / best + params.playlists.floor)
      nb.clear()
    }
    const ranked = topK(final, n, { candidates: ids, tieBreak: this.parts.counts })
    acc.clear()
    const why =
      options.explain === false
        ? []
        : ranked.ids.map((id) => this.reason(id, context, options.slot))
    return { ids: ranked.ids, scores: ranked.scores, why }
  }

  /** The reason for recommending `row` after `context` (rows; unknown ones are passed over). */
  reason(row: number, context: readonly number[], slot?: number): Why {
    const { cooc, tags, unit, nameOf, counts } = this.parts
    return explain(
      row,
      context,
      {
        nameOf: nameOf ?? String,
        cooc,
        tags,
        similarity: unit
          ? (a, b) =>
              this.isRow(a) && this.isRow(b)
                ? dotRows(unit.data, a, unit.data, b, unit.dim)
                : -Infinity
          : undefined,
        plays: (id) => (this.isRow(id) ? counts[id] : 0),
      },
      { slot },
    )
  }

  private isRow(r: number): boolean {
    return Number.isInteger(r) && r >= 0 && r < this.parts.cooc.size
  }

  /** Releases the ONNX session when this recommender made it (see {@link ServedParts.ownsCandidates}). */
  async dispose(): Promise<void> {
    const c = this.parts.candidates
    if (this.parts.ownsCandidates && c instanceof OnnxScorer) await c.release()
  }
}

/** Exports `model` with the heads of `params` and loads the graph in onnxruntime. */
export async function loadCandidates(
  model: Song2VecModel,
  params: Pick<ServedParams, 'heads'>,
  opts: Pick<FromModelOptions, 'modelId' | 'onnxPath' | 'scorer'> = {},
): Promise<OnnxScorer> {
  const vocabHash = hashVocab(model.vocab)
  const bytes = exportOnnx(
    { ...model, id: opts.modelId ?? `served-${vocabHash}`, vocabHash },
    { heads: params.heads },
  )
  if (!opts.onnxPath) return OnnxScorer.fromBytes(bytes, opts.scorer)
  writeOnnx(opts.onnxPath, bytes)
  return OnnxScorer.load(opts.onnxPath, opts.scorer)
}

/** Co-occurrence of `playlists` (song keys) over the rows of `model`; keys outside its vocabulary are skipped. */
export function coocOfModel(
  model: Pick<Song2VecModel, 'vocab'>,
  playlists: PlaylistCorpus,
  params: Pick<ServedParams, 'coocWindow' | 'coocDistancePower'>,
  signal?: AbortSignal,
): CoocMatrix {
  return buildCooc(rowsOfModel(model, playlists), model.vocab.length, {
    window: params.coocWindow,
    distancePower: params.coocDistancePower,
    signal,
  })
}

/** `playlists` (song keys) as rows of `model`; keys outside its vocabulary are left out. */
export function rowsOfModel(
  model: Pick<Song2VecModel, 'vocab'>,
  playlists: PlaylistCorpus,
): number[][] {
  const index = new Map(model.vocab.map((k, row) => [k, row]))
  return playlists.map((p) => p.map((k) => index.get(k) ?? -1).filter((r) => r >= 0))
}

/**
 * The playlists as rows of `index` (songs it does not know left out), flattened for a worker
 * thread; yields to the event loop every `sliceMs` so requests keep being answered meanwhile.
 */
export async function corpusRowsOf(
  index: ReadonlyMap<string, number>,
  playlists: PlaylistCorpus,
  sliceMs = 8,
): Promise<{ rows: Int32Array; starts: Uint32Array }> {
  let total = 0
  for (const p of playlists) total += p.length
  const rows = new Int32Array(total)
  const starts = new Uint32Array(playlists.length + 1)
  let at = 0
  let sliceStart = performance.now()
  for (let p = 0; p < playlists.length; p++) {
    for (const key of playlists[p]) {
      const row = index.get(key)
      if (row !== undefined) rows[at++] = row
    }
    starts[p + 1] = at
    if ((p & 255) === 255 && performance.now() - sliceStart > sliceMs) {
      await new Promise((resolve) => setImmediate(resolve))
      sliceStart = performance.now()
    }
  }
  return { rows: rows.slice(0, at), starts }
}

/** Weight of context position `i` given the slot: `1 / d^decay`, d = distance to the slot (1 = adjacent). */
export function slotWeight(i: number, slot: number | undefined, decay: number): number {
  if (slot === undefined || decay === 0) return 1
  const d = i < slot ? slot - i : i - slot + 1
  return 1 / Math.pow(d, decay)
}
