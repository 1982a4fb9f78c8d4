// Serving a new model while requests are answered: every query in flight answers from one whole model (old or new), none fails, and a replaced model's worker is closed.
import { mkdtemp } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { Segue } from '../../../../src-main/core/app/segue'

const resourcesDir = join(import.meta.dirname, '../../../../resources')
let app: Segue

beforeAll(async () => {
  const dataDir = await mkdtemp(join(tmpdir(), 'segue-swap-'))
  app = await Segue.open({
    dataDir,
    resourcesDir,
    training: { epochs: 1, dim: 32, tagModel: 'ridge' },
  })
}, 600_000)
afterAll(() => app?.close())

async function train(epochs: number): Promise<string> {
  const done = await app.jobs.wait(app.startTraining({ epochs }).id)
  if (done.state !== 'done') throw new Error(`training ended ${done.state}: ${done.error}`)
  return app.model!.id
}

describe('model swap under load', () => {
  it('answers every query from one whole model while models are swapped in and out', async () => {
    const first = await train(1)
    const firstRecord = await app.requireModel()
    const second = await train(2)
    const secondRecord = await app.requireModel()
    expect(second).not.toBe(first)

    const keys = app.serving.keys().slice(0, 40)
    type Asked = { kind: 'similar' | 'recommend'; context: string[] }
    const ask = async (q: Asked) => {
      if (q.kind === 'similar') {
        const a = await app.serving.similar(q.context, 10, 4)
        return { modelId: a.modelId, keys: [...a.results, ...a.placed].map((r) => r.key) }
      }
      const a = await app.serving.recommend(q.context, 10)
      return { modelId: a.modelId, keys: a.results.map((r) => r.key) }
    }
    const answers: (Asked & { modelId: string; keys: string[] })[] = []
    let running = true
    const load = (async () => {
      for (let i = 0; running; i++) {
        const queries: Asked[] = [
          { kind: 'similar', context: [keys[i % keys.length]] },
          { kind: 'recommend', context: [keys[i % keys.length], keys[(i + 1) % keys.length]] },
        ]
        const got = await Promise.all(queries.map(ask))
        queries.forEach((q, n) => answers.push({ ...q, ...got[n] }))
        await new Promise((r) => setTimeout(r, 5))
      }
    })()
    // Back and forth: each use() loads the model whole in a new worker before switching.
    for (const record of [firstRecord, secondRecord, firstRecord, secondRecord])
      await app.serving.use(record)
    running = false
    await load

    expect(answers.length, 'queries answered while swapping').toBeGreaterThan(8)
    expect(new Set(answers.map((a) => a.modelId))).toEqual(new Set([first, second]))
    // The two models answer differently, so an answer tells which one gave it.
    const probe: Asked = { kind: 'similar', context: [keys[0]] }
    const byModel = []
    for (const record of [firstRecord, secondRecord]) {
      await app.serving.use(record)
      byModel.push((await ask(probe)).keys)
    }
    expect(byModel[0]).not.toEqual(byModel[1])
    // Each answer is exactly what its model gives when it serves alone (no rows of one model
    // read with the other's vocabulary or scores).
    for (const record of [firstRecord, secondRecord]) {
      await app.serving.use(record)
      const mine = answers.filter((x) => x.modelId === record.id)
      // Up to 30 of them, spread over the run (each is asked again).
      const step = Math.max(1, Math.floor(mine.length / 30))
      for (const a of mine.filter((_, n) => n % step === 0)) {
        const alone = await ask(a)
        expect(alone.modelId).toBe(record.id)
        expect(a.keys, `${a.kind} ${a.context.join(', ')} on ${record.id}`).toEqual(alone.keys)
      }
    }
    expect(app.model!.id).toBe(second)
    const after = await app.serving.similar([keys[0]], 10, 4)
    expect(after.modelId).toBe(second)
  }, 600_000)

  // Reading the model's folder per request cost ~0.7 ms of a 1 ms answer (async fs hops).
  it('answers Similar songs from memory, without reading the model folder', async () => {
    const read = vi.spyOn(app.models, 'read')
    try {
      for (const key of app.serving.keys().slice(0, 5)) {
        const answer = await app.similar(key, 10)
        expect(answer.results.length, `similar songs of ${key}`).toBeGreaterThan(0)
      }
      expect(read).not.toHaveBeenCalled()
    } finally {
      read.mockRestore()
    }
  }, 120_000)
})
