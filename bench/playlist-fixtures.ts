// Prints how many playlist fixtures (other projects' test data) Segue's readers read as those projects' tests assert.
// Run: npx tsx bench/playlist-fixtures.ts [--verbose]
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
