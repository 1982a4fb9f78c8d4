// Tunes the item models (RP3beta, EASE) on the validation split of bench/tune.ts (never the held-out eval playlists): npx tsx bench/tune-item-models.ts [--model rp3beta|ease|all]
import { parseArgs } from 'node:util'
import { pathToFileURL } from 'node:url'
import { evaluateRecommender } from '../src-main/core/eval/evaluate'
import { EaseRecommender } from '../src-main/core/recommend/baselines/ease'
import type { EaseParams } from '../src-main/core/recommend/ease-fit'
import { Rp3betaRecommender } from '../src-main/core/recommend/baselines/rp3beta'
import type { Rp3betaParams } from '../src-main/core/recommend/rp3beta-matrix'
import {
  createSharedModels,
  type Recommender,
  type SongInfo,
} from '../src-main/core/recommend/types'
import { validationSplit } from './tune'

/** One grid point of a model, scored on the validation playlists. */
export async function scoreOnValidation(
  rec: Recommender,
  fit: readonly (readonly number[])[],
  val: readonly (readonly number[])[],
  songs: readonly SongInfo[],
): Promise<{ ahr: number; ndcg: number; fitSeconds: number }> {
  const started = performance.now()
  await rec.fit(fit, { songs, seed: 1, window: 10, shared: createSharedModels() })
  const fitSeconds = (performance.now() - started) / 1000
  const e = await evaluateRecommender(rec, val, { topn: 25, window: 10 })
  await rec.dispose?.()
  return { ahr: e.ahr, ndcg: e.ndcg, fitSeconds }
}

/** EASE grid: the windowed Gram variants at λ 80, then λ around the best (each fit is minutes). */
export const EASE_GRID: (Omit<EaseParams, 'window'> & { window?: null })[] = [
  { lambda: 80, gram: 'pairs' },
  { lambda: 80, gram: 'pairs-degree' },
  { lambda: 80, gram: 'windows' },
]

/** RP3beta grid: α × β for whole playlists and windowed pairs (each popularity measure). */
export function rp3betaGrid(): { windowed: boolean; params: Omit<Rp3betaParams, 'window'> }[] {
  const out: { windowed: boolean; params: Omit<Rp3betaParams, 'window'> }[] = []
  for (const alpha of [0.5, 0.75, 1])
    for (const beta of [0.1, 0.2, 0.3, 0.4]) {
      out.push({ windowed: false, params: { alpha, beta } })
      out.push({ windowed: true, params: { alpha, beta, windowGraph: 'windows' } })
      out.push({ windowed: true, params: { alpha, beta, windowGraph: 'pairs' } })
    }
  return out
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      dataset: { type: 'string', default: 'resources/dataset/yes/yes_big' },
      model: { type: 'string', default: 'all' },
      /** EASE grid points as JSON, e.g. '[{"lambda":80,"gram":"pairs"}]' (window 10 unless "window":null). */
      ease: { type: 'string', default: JSON.stringify(EASE_GRID) },
    },
  })
  const { fit, val, songs } = await validationSplit(values.dataset)
  console.log(`validation split: ${fit.length} fit playlists, ${val.length} validation playlists`)
  console.log('| model | params | AHR@25 | nDCG@25 | fit s |\n|---|---|---|---|---|')
  const row = (
    model: string,
    params: object,
    r: { ahr: number; ndcg: number; fitSeconds: number },
  ): void =>
    console.log(
      `| ${model} | ${JSON.stringify(params).replace(/"/g, '')} | ${r.ahr.toFixed(4)} | ${r.ndcg.toFixed(4)} | ${r.fitSeconds.toFixed(1)} |`,
    )
  if (values.model === 'rp3beta' || values.model === 'all') {
    for (const { windowed, params } of rp3betaGrid()) {
      const r = await scoreOnValidation(new Rp3betaRecommender(windowed, params), fit, val, songs)
      row(windowed ? 'rp3beta' : 'rp3beta-playlist', params, r)
    }
  }
  if (values.model === 'ease' || values.model === 'all') {
    for (const p of JSON.parse(values.ease) as (Omit<EaseParams, 'window'> & { window?: null })[]) {
      const windowed = p.window !== null
      const rec = new EaseRecommender(
        p.lambda,
        windowed,
        windowed ? 'ease' : 'ease-playlist',
        p.gram,
        p.distancePower ?? 0,
      )
      row(windowed ? 'ease' : 'ease-playlist', p, await scoreOnValidation(rec, fit, val, songs))
    }
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await main()
