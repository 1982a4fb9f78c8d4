// Made For You quality on the eval's held-out playlists (Continue from the first half, Radio from its last song) against co-occurrence and popularity: npx tsx bench/mix-quality.ts [--dataset DIR] [--playlists N]
import { parseArgs } from 'node:util'
import { runMixQuality } from '../src-main/core/mixes/quality'

const { values } = parseArgs({
  options: {
    dataset: { type: 'string', default: 'resources/dataset/yes/yes_big' },
    playlists: { type: 'string' },
  },
})
const started = performance.now()
const r = await runMixQuality({
  dataset: values.dataset,
  maxPlaylists: values.playlists ? Number(values.playlists) : undefined,
})
console.log(
  `${r.playlists} held-out playlists, top ${r.topn}; Song2Vec trained in ${r.trainSeconds.toFixed(0)} s`,
)
for (const part of ['continuation', 'radio'] as const) {
  console.log(
    `\n| ${part} | nDCG@${r.topn} | hit rate | distinct artists / 10 | intra-list similarity |\n|---|---|---|---|---|`,
  )
  for (const [name, q] of Object.entries(r[part]))
    console.log(
      `| ${name} | ${q.ndcg.toFixed(4)} | ${q.hitRate.toFixed(3)} | ${q.distinctArtists.toFixed(2)} | ${q.intraListSimilarity.toFixed(2)} |`,
    )
}
console.log(
  `\nreference (the held-out second halves): ${r.reference.distinctArtists.toFixed(2)} artists / 10, similarity ${r.reference.intraListSimilarity.toFixed(2)}`,
)
console.log(`${((performance.now() - started) / 1000).toFixed(0)} s in all`)
