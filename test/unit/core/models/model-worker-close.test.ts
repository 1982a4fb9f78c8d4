// A model's worker precomputes Similar songs with onnxruntime runs back to back: closing it meanwhile (a model swap, the app quitting) must stop it between runs — terminating it inside one aborts the whole process — and the precomputed answers are the pass's.
import { mkdtemp } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { Segue } from '../../../../src-main/core/app/segue'
import { ModelWorker, ModelWorkerClosed } from '../../../../src-main/core/models/model-worker'

const resourcesDir = join(import.meta.dirname, '../../../../resources')
let app: Segue

beforeAll(async () => {
  const dataDir = await mkdtemp(join(tmpdir(), 'segue-worker-close-'))
  app = await Segue.open({
    dataDir,
    resourcesDir,
    training: { epochs: 1, dim: 32, tagModel: 'ridge' },
  })
  const done = await app.jobs.wait(app.startTraining({ epochs: 1 }).id)
  if (done.state !== 'done') throw new Error(`training ended ${done.state}: ${done.error}`)
}, 600_000)
afterAll(() => app?.close())

describe('model worker', () => {
  it('answers one-song Similar songs from its precompute exactly as the pass does', async () => {
    for (let i = 0; i < 600 && !app.similarPrecomputed; i++)
      await new Promise((r) => setTimeout(r, 100))
    expect(app.similarPrecomputed, 'the precompute finished within a minute').toBe(true)
    for (const key of app.serving.keys().slice(0, 30)) {
      const memo = await app.serving.similar([key], 25, 8)
      // The same song twice is the same query for the pass (same direction, same mean), not a lookup.
      const pass = await app.serving.similar([key, key], 25, 8)
      expect(memo.results.map((r) => r.key)).toEqual(pass.results.map((r) => r.key))
      expect(memo.placed.map((r) => r.key)).toEqual(pass.placed.map((r) => r.key))
      memo.results.forEach((r, n) => expect(r.score).toBeCloseTo(pass.results[n].score, 5))
    }
  }, 120_000)

  it('closing it while it precomputes stops it between runs (the process lives on)', async () => {
    const record = await app.requireModel()
    for (let i = 0; i < 40; i++) {
      const worker = await ModelWorker.start(record.dir)
      const filling = worker.memoize({ learnt: 500, placed: 8 }).then(
        () => 'done' as const,
        (e: Error) => e,
      )
      await new Promise((r) => setTimeout(r, 20 + ((i * 37) % 200)))
      await worker.close()
      const outcome = await filling
      expect(outcome === 'done' || outcome instanceof ModelWorkerClosed, String(outcome)).toBe(true)
    }
  }, 300_000)
})
