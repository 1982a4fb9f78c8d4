// Radio from one seed song on the eval's held-out playlists: nDCG@25 of the rest of the playlist from its first song alone: npx tsx bench/radio.ts [--recommender cooc,served,ranker]
import { parseArgs } from 'node:util'
import { cleanPlaylists, loadYesDataset } from '../src-main/core/catalog/yes'
import { evaluateRadio } from '../src-main/core/eval/radio'
import { splitPlaylists } from '../src-main/core/eval/split'
import { createRecommender } from '../src-main/core/recommend/registry'
import { createSharedModels } from '../src-main/core/recommend/types'
import { TEST_SPLIT } from './tune'

const { values } = parseArgs({
  options: {
    dataset: { type: 'string', default: 'resources/dataset/yes/yes_big' },
    recommender: { type: 'string', default: 'cooc,served,ranker' },
  },
})
const ds = await loadYesDataset(values.dataset)
const split = splitPlaylists(cleanPlaylists(ds), TEST_SPLIT.holdout, TEST_SPLIT.seed)
const shared = createSharedModels()
console.log('| recommender | radio nDCG@25 | hit rate | queries | fit s |\n|---|---|---|---|---|')
for (const name of values.recommender.split(',')) {
  const rec = createRecommender(name)
  const t = performance.now()
  await rec.fit(split.train, { songs: ds.songs, seed: TEST_SPLIT.seed, window: 10, shared })
  const fitSeconds = (performance.now() - t) / 1000
  const r = await evaluateRadio(rec, split.heldout)
  console.log(
    `| ${name} | ${r.ndcg.toFixed(4)} | ${r.hitRate.toFixed(3)} | ${r.queries} | ${fitSeconds.toFixed(1)} |`,
  )
  await rec.dispose?.()
}
