// Which model kind the app serves by default: each kind through the served pipeline, on the validation split (never the held-out playlists).
// npx tsx bench/model-kinds.ts [--dataset DIR]
import { parseArgs } from 'node:util'
import { evaluateRecommender } from '../src-main/core/eval/evaluate'
import { createRecommender } from '../src-main/core/recommend/registry'
import { createSharedModels, type FitContext } from '../src-main/core/recommend/types'
import { validationSplit } from './tune'

const { values } = parseArgs({
  options: { dataset: { type: 'string', default: 'resources/dataset/yes/yes_big' } },
})
const { fit, val, songs } = await validationSplit(values.dataset!)
console.log(`validation split: ${fit.length} fit playlists, ${val.length} validation playlists`)
const ctx: FitContext = { songs, seed: 1, window: 10, shared: createSharedModels() }
console.log('| recommender | AHR@25 | nDCG@25 | fit + eval s |\n|---|---|---|---|')
for (const name of ['served', 'served-als', 'served-autoencoder', 'als', 'autoencoder']) {
  const started = performance.now()
  const rec = createRecommender(name)
  await rec.fit(fit, ctx)
  const e = await evaluateRecommender(rec, val, { topn: 25, window: 10 })
  await rec.dispose?.()
  const secs = (performance.now() - started) / 1000
  console.log(`| ${name} | ${e.ahr.toFixed(4)} | ${e.ndcg.toFixed(4)} | ${secs.toFixed(1)} |`)
}
