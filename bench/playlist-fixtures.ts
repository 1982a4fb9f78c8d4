// Prints how many playlist fixtures (other projects' test data) Segue's readers read as those projects' tests assert.
// Run: npx tsx bench/playlist-fixtures.ts [--verbose] [--before <commit>]
// --before also reads today's fixtures with the readers of an older commit and prints both counts.
import { beforeCommit, runAtCommit } from './at-commit'
import { runAllCases } from '../test/fixtures/playlists/run-cases'

const verbose = process.argv.includes('--verbose')
const results = await runAllCases()
const ok = results.filter((r) => r.problems.length === 0).length
for (const r of results) {
  if (r.problems.length === 0) {
    if (verbose) console.log(`ok    ${r.case.file}`)
  } else {
    console.log(`FAIL  ${r.case.file} (${r.case.from})`)
    for (const p of r.problems) console.log(`        ${p}`)
  }
}
console.log(`playlist fixtures: ${ok} of ${results.length} cases matched`)
const before = beforeCommit()
if (before) {
  const out = runAtCommit(
    before,
    'bench/playlist-fixtures.ts',
    [],
    ['test/fixtures/playlists', 'bench/playlist-fixtures.ts', 'bench/at-commit.ts'],
  )
  const m = /(\d+) of (\d+) cases matched/.exec(out)
  console.log(
    `before → after: ${m ? m[1] : '?'} of ${m ? m[2] : '?'} (at ${before}) → ${ok} of ${results.length} (now)`,
  )
}
