// How good Continue and Radio are: held-out playlist halves scored by nDCG / hit rate against popular and co-occurrence baselines, plus diversity.
import { cleanPlaylists, loadYesDataset } from '../catalog/yes'
import { continuationQuery } from '../eval/queries'
import { mean, ndcgAt } from '../eval/metrics'
import { splitPlaylists } from '../eval/split'
import { CoocRecommender } from '../recommend/baselines/cooc'
import { PopularRecommender } from '../recommend/baselines/popular'
import { SERVED_PARAMS, SERVED_SONG2VEC } from '../recommend/defaults'
import { fitSong2Vec } from '../recommend/song2vec-fit'
import { createSharedModels, type SongInfo } from '../recommend/types'
import type { Song2VecParams } from '../song2vec/types'
import { continuationRanking, continueMix } from './continue'
import { distinctArtistsPerWindow, intraListSimilarity } from './diversity'
import { mixEnv, type MixEnv } from './env'
import { radioMix, radioRanking } from './radio'
import { ResearchCatalog } from './research-catalog'
import type { Scorer } from './types'
import { emptyLibrary } from './user-library'
import { VectorScorer } from './vector-scorer'

/** Figures of one method on the held-out playlists. */
export interface MethodQuality {
  /** Mean nDCG@topn (binary relevance: the new songs of the playlist's second half). */
  ndcg: number
  /** Share of playlists with at least one relevant song in the list. */
  hitRate: number
  /** Mean distinct artists per 10 consecutive songs of the lists. */
  distinctArtists: number
  /** Mean intra-list similarity (cosine of the model's vectors), over lists with ≥ 2 vectors. */
  intraListSimilarity: number
  /** Lists scored. */
  lists: number
}

/** The evaluation's report. */
export interface MixQualityReport {
  protocol: { continuation: string; radio: string; diversity: string }
  topn: number
  /** Held-out playlists with a continuation query that were scored. */
  playlists: number
  /** Continue (rules applied, freshness 0 and default), the model's raw ranking, and the baselines. */
  continuation: Record<string, MethodQuality>
  /** Radio from the last song of the first half, the raw ranking, and the baselines. */
  radio: Record<string, MethodQuality>
  /** Diversity of the held-out second halves themselves (what people made). */
  reference: { distinctArtists: number; intraListSimilarity: number }
}

/** Inputs of {@link evaluateMixes}: song ids index `songs`; the scorer's keys are the ids as strings. */
export interface EvaluateMixesInput {
  train: readonly (readonly number[])[]
  heldout: readonly (readonly number[])[]
  songs: readonly SongInfo[]
  scorer: Scorer
  /** Songs per list. Default 25. */
  topn?: number
  /** Seed of the mixes and baselines. Default 123. */
  seed?: number
  /** Score at most this many held-out playlists (the first ones). Default all. */
  maxPlaylists?: number
  /** Recency exponent of Continue. Default Continue's own. */
  recency?: number
  /** Co-occurrence window of the `cooc` baseline. Default 10. */
  window?: number
  onProgress?: (fraction: number) => void
}

type Lists = Record<string, number[][]>

/**
 * For each held-out playlist with new songs in its second half: Continue gets the first half,
 * Radio its last song (the first half excluded), and the baselines the same contexts; each list
 * is scored against the second half's new songs. Mixes run with an empty library (nothing owned).
 */
export async function evaluateMixes(input: EvaluateMixesInput): Promise<MixQualityReport> {
  const topn = input.topn ?? 25
  const seed = input.seed ?? 123
  const window = input.window ?? 10
  const queries = input.heldout
    .map((p) => continuationQuery([...p]))
    .filter((q): q is NonNullable<typeof q> => q !== undefined)
    .slice(0, input.maxPlaylists ?? Infinity)
  const env = mixEnv(input.scorer, new ResearchCatalog(input.songs, input.train), emptyLibrary())
  const fit = { songs: input.songs, seed, window, shared: createSharedModels() }
  const popular = new PopularRecommender()
  const cooc = new CoocRecommender()
  await popular.fit(input.train, fit)
  await cooc.fit(input.train, fit)

  const cont: Lists = {
    continue: [],
    'continue (fresh)': [],
    'model ranking (no rules)': [],
    cooc: [],
    popular: [],
  }
  const radio: Lists = {
    radio: [],
    'model ranking (no rules)': [],
    'cooc (last song)': [],
    popular: [],
  }
  const toIds = (keys: readonly string[]): number[] => keys.map(Number)
  const opts = { seed, n: topn }
  for (const [i, q] of queries.entries()) {
    const keys = q.context.map(String)
    const last = keys[keys.length - 1]
    const exclude = new Set(q.context)
    const name = `held-out ${i}`
    cont.continue.push(
      toIds(
        await keysOf(() =>
          continueMix(env, { name, keys }, { ...opts, freshness: 0, recency: input.recency }),
        ),
      ),
    )
    cont['continue (fresh)'].push(
      toIds(
        await keysOf(() => continueMix(env, { name, keys }, { ...opts, recency: input.recency })),
      ),
    )
    const raw = await continuationRanking(env, keys, topn, new Set(), input.recency ?? 0.5)
    cont['model ranking (no rules)'].push(toIds(raw.keys))
    cont.cooc.push((await cooc.recommend(q.context, topn, { exclude })).ids)
    cont.popular.push((await popular.recommend(q.context, topn, { exclude })).ids)

    radio.radio.push(
      toIds(await keysOf(() => radioMix(env, [last], { ...opts, freshness: 0, exclude: keys }))),
    )
    radio['model ranking (no rules)'].push(toIds(await rawRadio(env, last, keys, topn)))
    radio['cooc (last song)'].push(
      (await cooc.recommend([q.context[q.context.length - 1]], topn, { exclude })).ids,
    )
    radio.popular.push((await popular.recommend([], topn, { exclude })).ids)
    input.onProgress?.((i + 1) / queries.length)
  }

  const vectorOf = (id: number) => input.scorer.vector?.(String(id))
  const artistOf = (id: number) => ({ artist: input.songs[id]?.artist ?? '' })
  const score = (lists: number[][]): MethodQuality =>
    quality(
      lists,
      queries.map((q) => q.relevant),
      topn,
      artistOf,
      vectorOf,
    )
  const halves = input.heldout
    .filter((p) => continuationQuery([...p]) !== undefined)
    .slice(0, queries.length)
    .map((p) => p.slice(Math.floor(p.length / 2)))
  return {
    protocol: {
      continuation:
        'each held-out playlist with new songs in its second half: the first ⌊length/2⌋ songs are the context (excluded from answers); nDCG@topn with binary relevance on the distinct new songs of the rest; hit rate = lists with ≥ 1 of them',
      radio:
        'as continuation, but the radio (and cooc) get only the last song of the first half as seed; the first half is excluded',
      diversity:
        'distinct artists per 10 consecutive songs; intra-list similarity = mean pairwise cosine of the model input vectors',
    },
    topn,
    playlists: queries.length,
    continuation: mapValues(cont, score),
    radio: mapValues(radio, score),
    reference: {
      distinctArtists: mean(halves.map((h) => distinctArtistsPerWindow(h.map(artistOf)))),
      intraListSimilarity: mean(
        halves
          .map((h) => intraListSimilarity(h.map(String), (k) => vectorOf(Number(k))))
          .filter((x): x is number => x !== undefined),
      ),
    },
  }
}

/** Options of {@link runMixQuality}. */
export interface MixQualityOptions {
  /** Yes-format directory (train.txt, song_hash.txt, tags.txt, tag_hash.txt). */
  dataset: string
  /** Playlists held out (default 1000, as `segue eval`). */
  holdout?: number
  /** Seed of the split, the model and the mixes (default 123). */
  seed?: number
  /** Songs per list (default 25). */
  topn?: number
  /** Score at most this many held-out playlists. */
  maxPlaylists?: number
  /** Song2Vec parameters (default: the app's, SERVED_SONG2VEC). */
  song2vec?: Partial<Song2VecParams>
  /** Recency exponent of Continue. */
  recency?: number
  onProgress?: (stage: 'train' | 'eval', fraction: number) => void
  signal?: AbortSignal
}

/**
 * The whole evaluation of docs/CLI.md's split (`segue eval`'s protocol): trains the app's
 * Song2Vec on the training playlists, serves it with the app's ONNX heads computed exactly in JS
 * (`VectorScorer`), and runs {@link evaluateMixes} on the held-out playlists.
 */
export async function runMixQuality(
  opts: MixQualityOptions,
): Promise<MixQualityReport & { trainSeconds: number }> {
  const seed = opts.seed ?? 123
  const ds = await loadYesDataset(opts.dataset)
  const split = splitPlaylists(cleanPlaylists(ds), opts.holdout ?? 1000, seed)
  const songs: SongInfo[] = ds.songs
  const fitted = await fitSong2Vec(split.train, opts.song2vec ?? SERVED_SONG2VEC, {
    songs,
    seed,
    window: 10,
    shared: createSharedModels(),
    signal: opts.signal,
    onProgress: (f) => opts.onProgress?.('train', f),
  })
  const { model } = fitted
  const scorer = new VectorScorer(
    { keys: model.vocab, data: model.input, dim: model.dim },
    { output: model.output, heads: SERVED_PARAMS.heads, modelId: 'quality-eval' },
  )
  const report = await evaluateMixes({
    train: split.train,
    heldout: split.heldout,
    songs,
    scorer,
    topn: opts.topn,
    seed,
    maxPlaylists: opts.maxPlaylists,
    recency: opts.recency,
    onProgress: (f) => opts.onProgress?.('eval', f),
  })
  return { ...report, trainSeconds: fitted.trainSeconds }
}

/** Mean figures of `lists` against the relevant sets. */
export function quality(
  lists: readonly (readonly number[])[],
  relevant: readonly ReadonlySet<number>[],
  topn: number,
  artistOf: (id: number) => { artist: string },
  vectorOf: (id: number) => ArrayLike<number> | undefined,
): MethodQuality {
  const ndcgs = lists.map((l, i) => ndcgAt(l.slice(0, topn), relevant[i], topn))
  const hits = lists.filter((l, i) => l.slice(0, topn).some((id) => relevant[i].has(id))).length
  const sims = lists
    .map((l) => intraListSimilarity(l.map(String), (k) => vectorOf(Number(k))))
    .filter((x): x is number => x !== undefined)
  return {
    ndcg: mean(ndcgs),
    hitRate: lists.length === 0 ? 0 : hits / lists.length,
    distinctArtists: mean(lists.map((l) => distinctArtistsPerWindow(l.map(artistOf)))),
    intraListSimilarity: mean(sims),
    lists: lists.length,
  }
}

async function keysOf(make: () => Promise<{ tracks: { key: string }[] }>): Promise<string[]> {
  try {
    return (await make()).tracks.map((t) => t.key)
  } catch (e) {
    // A context the model does not know scores as an empty list (as a recommender with no answer).
    if (/does not know/.test((e as Error).message)) return []
    throw e
  }
}

async function rawRadio(
  env: MixEnv,
  seedKey: string,
  exclude: readonly string[],
  k: number,
): Promise<string[]> {
  if (env.scorer.has && !env.scorer.has(seedKey)) return []
  return (await radioRanking(env, [seedKey], k, new Set([...exclude, seedKey]))).keys
}

function mapValues<T, U>(o: Record<string, T>, f: (v: T) => U): Record<string, U> {
  return Object.fromEntries(Object.entries(o).map(([k, v]) => [k, f(v)]))
}
