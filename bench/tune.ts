// Chooses the served defaults on a validation split carved from the training playlists (never the held-out ones): npx tsx bench/tune.ts [--dataset DIR] [--stage rerank|models|all] [--threads 2]
import { parseArgs } from 'node:util'
import { pathToFileURL } from 'node:url'
import { cleanPlaylists, loadYesDataset } from '../src-main/core/catalog/yes'
import { evaluateRecommender, type Evaluation } from '../src-main/core/eval/evaluate'
import { splitPlaylists } from '../src-main/core/eval/split'
import { ServedAsRecommender } from '../src-main/core/recommend/baselines/served'
import { CandidateCache } from '../src-main/core/recommend/candidate-cache'
import type { CoocMatrix } from '../src-main/core/recommend/cooc-matrix'
import { SERVED_PARAMS, SERVED_SONG2VEC } from '../src-main/core/recommend/defaults'
import { evaluateRadio } from '../src-main/core/eval/radio'
import { PlaylistNeighbours } from '../src-main/core/recommend/playlist-neighbours'
import {
  coocOfModel,
  loadCandidates,
  rowsOfModel,
  ServedRecommender,
} from '../src-main/core/recommend/served'
import type { ServedParams } from '../src-main/core/recommend/served-params'
import { fitSong2Vec, type FittedSong2Vec } from '../src-main/core/recommend/song2vec-fit'
import {
  createSharedModels,
  type FitContext,
  type SongInfo,
} from '../src-main/core/recommend/types'
import type { Song2VecParams } from '../src-main/core/song2vec/types'

/** The evaluation's split (docs/CLI.md defaults); tuning sees only its training part. */
export const TEST_SPLIT = { holdout: 1000, seed: 123 }
/** The validation split carved from those training playlists. */
export const VALIDATION_SPLIT = { holdout: 1000, seed: 7 }

/** One row of the table. */
export interface TuneRow {
  /** Song2Vec variant. */
  model: string
  /** Re-rank variant. */
  rerank: string
  /** AHR@25 on the validation playlists. */
  ahr: number
  /** Continuation nDCG@25. */
  ndcg: number
  /** Continuation hit rate. */
  hitRate: number
  /** Radio nDCG@25 (the rest of each validation playlist from its first song). */
  radio: number
}

/** The fit / validation playlists of a dataset: the held-out evaluation playlists are dropped first. */
export async function validationSplit(
  dataset: string,
): Promise<{ fit: number[][]; val: number[][]; songs: SongInfo[] }> {
  const ds = await loadYesDataset(dataset)
  const test = splitPlaylists(cleanPlaylists(ds), TEST_SPLIT.holdout, TEST_SPLIT.seed)
  const v = splitPlaylists(test.train, VALIDATION_SPLIT.holdout, VALIDATION_SPLIT.seed)
  return { fit: v.train, val: v.heldout, songs: ds.songs }
}

/** Scores every re-rank variant of one fitted model on the validation playlists (ONNX answers cached). */
export async function rerankGrid(
  fitted: FittedSong2Vec,
  fit: readonly (readonly number[])[],
  val: readonly (readonly number[])[],
  variants: Partial<ServedParams>[],
  onRow: (rerank: string, e: Evaluation, radio: number) => void,
): Promise<void> {
  const byHeads = new Map<string, CandidateCache>()
  const byCooc = new Map<string, CoocMatrix>()
  const keys = fit.map((p) => p.map(String))
  const neighbours = PlaylistNeighbours.fromLists(
    rowsOfModel(fitted.model, keys),
    fitted.model.vocab.length,
  )
  for (const variant of variants) {
    const params: ServedParams = { ...SERVED_PARAMS, ...variant }
    const hk = JSON.stringify(params.heads)
    let candidates = byHeads.get(hk)
    if (!candidates) {
      candidates = new CandidateCache(await loadCandidates(fitted.model, params))
      byHeads.set(hk, candidates)
    }
    const ck = `${params.coocWindow}/${params.coocDistancePower}`
    let cooc = byCooc.get(ck)
    if (!cooc) {
      cooc = coocOfModel(fitted.model, keys, params)
      byCooc.set(ck, cooc)
    }
    const served = new ServedRecommender({
      candidates,
      cooc,
      neighbours,
      counts: fitted.model.counts,
      params,
    })
    const rec = ServedAsRecommender.fromParts(fitted, served)
    const e = await evaluateRecommender(rec, val, { topn: 25, window: 10 })
    onRow(describe(variant), e, (await evaluateRadio(rec, val)).ndcg)
  }
}

/** Re-rank variants: one knob at a time around the defaults, plus the embedding alone. */
export function rerankVariants(): Partial<ServedParams>[] {
  const out: Partial<ServedParams>[] = [{}, { coocFloor: 1e9 }, { embeddingWeight: 0 }]
  for (const embeddingWeight of [0.1, 0.3]) out.push({ embeddingWeight })
  for (const coocFloor of [3e-5, 3e-4]) out.push({ coocFloor })
  for (const coocRowPower of [0, 0.5, 1]) out.push({ coocRowPower })
  for (const candidates of [200, 1000]) out.push({ candidates })
  out.push(
    { coocWindow: 15 },
    { coocDistancePower: 0 },
    { coocDistancePower: 1 },
    { slotDecay: 0.5 },
  )
  const playlists = SERVED_PARAMS.playlists
  out.push({ playlists: { ...playlists, weight: 0 } })
  for (const weight of [0.8, 2]) out.push({ playlists: { ...playlists, weight } })
  for (const alpha of [1, 2]) out.push({ playlists: { ...playlists, alpha } })
  for (const neighbours of [50, 200]) out.push({ playlists: { ...playlists, neighbours } })
  for (const lengthPower of [0.3, 0.7]) out.push({ playlists: { ...playlists, lengthPower } })
  for (const weight of [0.3, 0.6]) {
    out.push({
      heads: [
        { kind: 'output', weight: 1 },
        { kind: 'cosine', weight },
      ],
    })
  }
  return out
}

/** Song2Vec variants around the served model, one knob at a time (Caselles-Dupré et al. 2018). */
export function modelVariants(): Partial<Song2VecParams>[] {
  return [
    {},
    { nsExponent: 0 },
    { nsExponent: -0.5 },
    { sample: 1e-4 },
    { epochs: 50 },
    { dim: 128 },
  ]
}

function describe(o: object): string {
  const s = JSON.stringify(o)
  return s === '{}' ? 'defaults' : s.replace(/"/g, '')
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      dataset: { type: 'string', default: 'resources/dataset/yes/yes_big' },
      stage: { type: 'string', default: 'all' },
      threads: { type: 'string', default: '2' },
    },
  })
  const stage = values.stage
  if (stage !== 'rerank' && stage !== 'models' && stage !== 'all')
    throw new Error('--stage must be rerank, models or all')
  const { fit, val, songs } = await validationSplit(values.dataset)
  console.log(
    `validation split: ${fit.length} fit playlists, ${val.length} validation playlists (seed ${VALIDATION_SPLIT.seed}), ` +
      `carved from the ${fit.length + val.length} training playlists of the eval split (seed ${TEST_SPLIT.seed})`,
  )
  const ctx: FitContext = { songs, seed: 1, window: 10, shared: createSharedModels() }
  const rows: TuneRow[] = []
  const print = (model: string, rerank: string, e: Evaluation, radio: number): void => {
    rows.push({ model, rerank, ahr: e.ahr, ndcg: e.ndcg, hitRate: e.hitRate, radio })
    console.log(
      `| ${model} | ${rerank} | ${e.ahr.toFixed(4)} | ${e.ndcg.toFixed(4)} | ${e.hitRate.toFixed(3)} | ${radio.toFixed(4)} |`,
    )
  }
  console.log(
    '| model | re-rank | AHR@25 | nDCG@25 | hit rate | radio nDCG@25 |\n|---|---|---|---|---|---|',
  )
  const threads = Number(values.threads)
  const train = async (variant: Partial<Song2VecParams>): Promise<FittedSong2Vec> =>
    fitSong2Vec(fit, { ...SERVED_SONG2VEC, threads, ...variant }, ctx)

  if (stage !== 'models') {
    const fitted = await train({})
    await rerankGrid(fitted, fit, val, rerankVariants(), (r, e, radio) =>
      print('defaults', r, e, radio),
    )
  }
  if (stage !== 'rerank') {
    for (const variant of modelVariants().slice(stage === 'all' ? 1 : 0)) {
      const fitted = await train(variant)
      await rerankGrid(fitted, fit, val, [{}, { coocFloor: 1e9 }], (r, e, radio) =>
        print(describe(variant), r, e, radio),
      )
    }
  }
  const best = rows.reduce((a, b) => (b.ahr > a.ahr ? b : a))
  console.log(
    `best on validation: model ${best.model}, re-rank ${best.rerank}: AHR@25 ${best.ahr.toFixed(4)}`,
  )
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await main()
