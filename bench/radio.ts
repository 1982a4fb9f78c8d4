// Radio from one seed song on the eval's held-out playlists: nDCG@25 of the rest of the playlist from its first song alone: npx tsx bench/radio.ts [--recommender cooc,served,ranker]
import { parseArgs } from 'node:util'
import { cleanPlaylists, loadYesDataset } from '../src-main/core/catalog/yes'
import { mean, ndcgAt } from '../src-main/core/eval/metrics'
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
  const ndcgs: number[] = []
  let hits = 0
  for (const p of split.heldout) {
    const seed = p[0]
    const relevant = new Set(p.slice(1).filter((s) => s !== seed))
    if (relevant.size === 0) continue
    const r = await rec.recommend([seed], 25, { exclude: new Set([seed]), slot: 1 })
    ndcgs.push(ndcgAt(r.ids.slice(0, 25), relevant, 25, r.scores.slice(0, 25)))
    if (r.ids.slice(0, 25).some((id) => relevant.has(id))) hits++
  }
  console.log(
    `| ${name} | ${mean(ndcgs).toFixed(4)} | ${(hits / ndcgs.length).toFixed(3)} | ${ndcgs.length} | ${fitSeconds.toFixed(1)} |`,
  )
  await rec.dispose?.()
}
