// Other projects' playlist test data (test/fixtures/playlists, see SOURCES.md): every case reads as that project's test asserts.
import { describe, expect, it } from 'vitest'
import { fixtureCases, runCase } from '../../../fixtures/playlists/run-cases'

describe('playlist fixtures from other projects', () => {
  for (const c of fixtureCases()) {
    it(`${c.file} — ${c.from}`, async () => {
      expect((await runCase(c)).problems).toEqual([])
    })
  }
})
