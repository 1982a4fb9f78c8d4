// Issue 15 item 6: random bytes written inside model.onnx (same size, so nothing else notices) are
// caught by the per-file checksum on load; the last good model is served, with a message, and every
// score on the wire is finite.
import { mkdtemp, open, stat } from 'node:fs/promises'
import { randomBytes } from 'node:crypto'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { Segue } from '../../../../src-main/core/app/segue'
import { verifyChecksums } from '../../../../src-main/core/models/checksums'
import { ONNX_FILE } from '../../../../src-main/core/models/registry'

const resourcesDir = join(import.meta.dirname, '../../../../resources')
const training = { epochs: 1, dim: 32, tagModel: 'ridge' as const }
let app: Segue | undefined
afterAll(() => app?.close())

async function scribble(file: string): Promise<void> {
  const { size } = await stat(file)
  const fh = await open(file, 'r+')
  await fh.write(randomBytes(4096), 0, 4096, Math.floor(size / 2))
  await fh.close()
}

describe('model checksums', () => {
  it('a model whose bytes changed is refused; the last good one is served with finite scores', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'segue-sum-'))
    app = await Segue.open({ dataDir, resourcesDir, training })
    for (let i = 0; i < 2; i++) {
      const job = app.startTraining({ epochs: 1 })
      expect((await app.jobs.wait(job.id)).state).toBe('done')
      if (i === 0) await new Promise((r) => setTimeout(r, 1100)) // distinct, ordered model ids
    }
    const [good, bad] = (await app.models.list()).map((m) => m.id).reverse()
    expect(app.model!.id).toBe(bad)
    await app.close()
    const onnx = join(dataDir, 'models', bad, ONNX_FILE)
    await scribble(onnx)
    await expect(verifyChecksums(join(dataDir, 'models', bad))).rejects.toThrow(
      /model\.onnx does not match its checksum/,
    )
    const warnings: string[] = []
    const original = console.warn
    console.warn = (m: string) => warnings.push(m)
    try {
      app = await Segue.open({ dataDir, resourcesDir, training })
    } finally {
      console.warn = original
    }
    expect(app.model!.id).toBe(good)
    expect(warnings.join('\n')).toMatch(new RegExp(`${bad}.*skipped.*checksum`))
    // The UI is told too (app.info carries the notice the shell shows as a banner).
    const info = (await app.handlers['app.info']({})) as { notices: string[] }
    expect(info.notices.join('\n')).toMatch(new RegExp(`${bad}.*skipped.*checksum`))
    const [song] = await app.handlers['songs.search']({ query: 'aston martin music', limit: 1 })
    const answer = await app.handlers['similar.get']({ key: song.key, topn: 10 })
    expect(answer.results.length).toBeGreaterThan(0)
    expect(answer.results.every((r) => Number.isFinite(r.score))).toBe(true)
  }, 240_000) // two trainings and three model loads: minutes on a loaded 2-core machine
})
