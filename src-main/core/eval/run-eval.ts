// `segue eval`: loads a Yes-format directory, splits it, fits every requested recommender and reports its quality.
import type { TagFitOptions } from '../content/tags/tag-model'
import { cleanPlaylists, loadYesDataset } from '../catalog/yes'
import { createRecommender, DEFAULT_RECOMMENDERS, RECOMMENDER_NAMES } from '../recommend/registry'
import { createSharedModels, type Recommender, type SongInfo } from '../recommend/types'
import { runColdStart, type ColdStartReport } from '../content'
import { evaluateRadio } from './radio'
import { evaluateRecommender } from './evaluate'
import { splitPlaylists } from './split'

/** Options of {@link runEval} (the CLI's flags). */
export interface EvalOptions {
  /** Yes-format directory (train.txt, song_hash.txt, tags.txt, tag_hash.txt). */
  dataset: string
  /** Playlists held out (default 1000). */
  holdout?: number
  /** Seed of the split and of every recommender's random draws (default 123). */
  seed?: number
  /** Songs recommended per query (default 25). */
  topn?: number
  /** Context radius of the leave-one-out queries, and the co-occurrence window of `cooc` (default 10). */
  window?: number
  /** Recommender names (default: {@link DEFAULT_RECOMMENDERS}); an unknown name throws. */
  recommenders?: string[]
  /** Adds the content (cold-start) evaluation withholding `songs` songs (default 500) from training. */
  coldStart?: { songs?: number; tags?: TagFitOptions }
  /** Makes a recommender by name (default: the registry); benches pass variants. */
  create?: (name: string) => Recommender
  /** Progress of the whole run. */
  onProgress?: (p: EvalProgress) => void
  /** Aborting rejects with an AbortError (native sessions are released first). */
  signal?: AbortSignal
}

/** One progress report. */
export interface EvalProgress {
  /** Recommender being fitted or evaluated. */
  recommender: string
  /** What it is doing. */
  stage: 'fit' | 'eval' | 'cold-start'
  /** Fraction of this recommender's stage done (0..1). */
  fraction: number
  /**
   * Fraction of the recommenders' part of the run done (0..1), each recommender's fit and eval as
   * equal halves; the cold-start stage that may follow reports 1 here and its own `fraction`.
   */
  overall: number
  /** One line for a progress display. */
  message: string
}

/** Seconds a recommender took. */
export interface RecommenderSeconds {
  /** `fit`, including any shared model it was the first to train. */
  train: number
  /** The leave-one-out (AHR) queries. */
  eval: number
  /** The continuation queries. */
  continuation: number
}

/** The report `segue eval --json` prints (fields as in docs/CLI.md; more may be added). */
export interface EvalReport {
  /** The options used and a one-line statement of each part of the protocol. */
  protocol: {
    dataset: string
    holdout: number
    seed: number
    topn: number
    window: number
    cleaning: string
    split: string
    ahr: string
    continuation: string
    radio: string
  }
  /** Usable playlists after cleaning. */
  playlists: number
  /** Held-out playlists. */
  heldout: number
  /** Training playlists. */
  train_playlists: number
  /** Song occurrences in the training playlists. */
  train_occurrences: number
  /** Song occurrences in the held-out playlists (leave-one-out queries). */
  heldout_occurrences: number
  /** Catalogue size (every song of song_hash.txt). */
  songs: number
  /** AHR@topn per recommender. */
  ahr: Record<string, number>
  /** Continuation nDCG@topn per recommender. */
  ndcg: Record<string, number>
  /** Continuation hit rate (playlists with ≥ 1 hit) per recommender. */
  hit_rate: Record<string, number>
  /** Radio nDCG@topn (the rest of each held-out playlist from its first song alone) per recommender. */
  radio: Record<string, number>
  /** Held-out playlists with a continuation query. */
  continuation_playlists: number
  /** Wall time per recommender. */
  seconds: Record<string, RecommenderSeconds>
  /** What each recommender reports about itself once fitted (parameters, chosen k, …). */
  details: Record<string, Record<string, unknown>>
  /** With `coldStart`: the content evaluation (docs/CLI.md `--cold-start`). */
  cold_start?: ColdStartReport
}

/** Runs the evaluation of docs/CLI.md (`eval`) and returns its report. */
export async function runEval(opts: EvalOptions): Promise<EvalReport> {
  const holdout = opts.holdout ?? 1000
  const seed = opts.seed ?? 123
  const topn = opts.topn ?? 25
  const window = opts.window ?? 10
  const names = opts.recommenders ?? [...DEFAULT_RECOMMENDERS]
  const create = opts.create ?? createRecommender
  positiveInt('topn', topn)
  positiveInt('window', window)
  if (names.length === 0)
    throw new Error(`No recommender given: use one or more of ${RECOMMENDER_NAMES.join(', ')}`)
  const recommenders = names.map((n) => create(n))
  const { signal } = opts

  const ds = await loadYesDataset(opts.dataset)
  const playlists = cleanPlaylists(ds)
  const split = splitPlaylists(playlists, holdout, seed)
  const songs: SongInfo[] = ds.songs
  const shared = createSharedModels()
  const report: EvalReport = {
    protocol: {
      dataset: opts.dataset,
      holdout,
      seed,
      topn,
      window,
      cleaning: 'songs with title or artist "-" dropped, then playlists with fewer than 2 songs',
      split:
        'playlist indices shuffled exactly as Python random.Random(seed).shuffle (MT19937, as gensim_anchor.py); the first `holdout` are held out, the rest train',
      ahr: 'each song of a held-out playlist recommended from its ±window neighbours (nothing excluded); AHR = mean over playlists of hits / length',
      continuation:
        'the first ⌊length/2⌋ songs (excluded from the answer) rank the distinct new songs of the rest; nDCG@topn with binary relevance (ties averaged); hit rate = playlists with ≥ 1 hit',
      radio:
        "each held-out playlist's first song alone (excluded from the answer) ranks the distinct other songs of the playlist; nDCG@topn as for continuation",
    },
    playlists: playlists.length,
    heldout: split.heldout.length,
    train_playlists: split.train.length,
    train_occurrences: split.train.reduce((s, p) => s + p.length, 0),
    heldout_occurrences: split.heldout.reduce((s, p) => s + p.length, 0),
    songs: songs.length,
    ahr: {},
    ndcg: {},
    hit_rate: {},
    radio: {},
    continuation_playlists: 0,
    seconds: {},
    details: {},
  }

  const report_ = (
    i: number,
    stage: EvalProgress['stage'],
    fraction: number,
    message: string,
  ): void => {
    const overall = (2 * i + (stage === 'eval' ? 1 : 0) + fraction) / (2 * recommenders.length)
    opts.onProgress?.({ recommender: recommenders[i].name, stage, fraction, overall, message })
  }
  try {
    for (const [i, rec] of recommenders.entries()) {
      signal?.throwIfAborted()
      report_(i, 'fit', 0, `Fitting ${rec.name}`)
      let started = performance.now()
      await rec.fit(split.train, {
        songs,
        seed,
        window,
        shared,
        signal,
        onProgress: (f, message) => report_(i, 'fit', f, `${rec.name}: ${message}`),
      })
      const train = (performance.now() - started) / 1000
      report_(i, 'eval', 0, `Evaluating ${rec.name}`)
      started = performance.now()
      const e = await evaluateRecommender(rec, split.heldout, {
        topn,
        window,
        signal,
        onProgress: (f) => report_(i, 'eval', f, `Evaluating ${rec.name}`),
      })
      report.ahr[rec.name] = e.ahr
      report.ndcg[rec.name] = e.ndcg
      report.hit_rate[rec.name] = e.hitRate
      signal?.throwIfAborted()
      report.radio[rec.name] = (await evaluateRadio(rec, split.heldout, topn)).ndcg
      report.continuation_playlists = e.continuationPlaylists
      report.seconds[rec.name] = { train, eval: e.ahrSeconds, continuation: e.continuationSeconds }
      const details = rec.details?.()
      if (details) report.details[rec.name] = details
      await rec.dispose?.()
    }
    if (opts.coldStart) {
      // Same split and protocol; songs withheld from training are placed by content (src-main/core/content).
      report.cold_start = await runColdStart({
        dataset: opts.dataset,
        holdout,
        seed,
        topn,
        window,
        coldSongs: opts.coldStart.songs ?? 500,
        tags: opts.coldStart.tags,
        signal,
        onProgress: (message) =>
          opts.onProgress?.({
            recommender: 'content',
            stage: 'cold-start',
            fraction: 0,
            overall: 1,
            message,
          }),
      })
    }
  } finally {
    await Promise.all(recommenders.map((r) => r.dispose?.().catch(() => undefined)))
  }
  return report
}

function positiveInt(name: string, v: number): void {
  if (!Number.isInteger(v) || v < 1)
    throw new Error(`--${name} must be a positive whole number, got ${v}`)
}
