// Prints what the clean-tag rule keeps and drops on the bundled catalogue (figures for issue 19).
import { join } from 'node:path'
import { learnTagRule } from '../src-main/core/catalog/clean-tags'
import { loadYesDataset } from '../src-main/core/catalog/yes'

const dir = process.argv[2] ?? join(process.cwd(), 'resources', 'dataset', 'yes', 'yes_big')
const d = await loadYesDataset(dir, { playlists: false })
const rule = learnTagRule(d.songs.map((s) => s.tags))
const count = new Map<string, number>()
for (const s of d.songs) for (const t of new Set(s.tags)) count.set(t, (count.get(t) ?? 0) + 1)
let kept = 0
let all = 0
for (const [t, n] of count) {
  all += n
  if (rule.kind(t)) kept += n
}
const tags = [...count.keys()]
console.log(
  `tags ${tags.length}, clean ${tags.filter((t) => rule.kind(t)).length}, occurrences kept ${((100 * kept) / all).toFixed(1)} %`,
)
console.log(
  'admitted by co-occurrence:',
  rule.admitted
    .map(
      (a) =>
        `${a.tag} (${a.songs} songs, ${(100 * a.withGenre).toFixed(0)} % with a genre, lift ${a.lift.toFixed(1)} for ${a.genre})`,
    )
    .join('; '),
)
console.log(
  'kept:',
  tags
    .filter((t) => rule.kind(t))
    .sort()
    .join(' | '),
)
console.log(
  'dropped:',
  tags
    .filter((t) => !rule.kind(t))
    .sort((a, b) => (count.get(b) as number) - (count.get(a) as number))
    .join(' | '),
)
