// The core end to end without a transport: first model, similar songs, cancel keeps the old model, a corrupt model falls back.
import { mkdtemp, readdir, truncate } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { Segue } from '../../../../src-main/core/app/segue'
import { ONNX_FILE } from '../../../../src-main/core/models/registry'

const resourcesDir = join(import.meta.dirname, '../../../../resources')
let dataDir: string
let app: Segue

beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'segue-app-'))
  app = await Segue.open({
    dataDir,
    resourcesDir,
    training: { epochs: 1, dim: 32, tagModel: 'ridge' },
  })
})
afterAll(() => app?.close())

async function trained(epochs: number) {
  const job = app.startTraining({ epochs })
  return app.jobs.wait(job.id)
}

describe('Segue core', () => {
  it('says clearly that there is no model yet', async () => {
    await expect(app.handlers['similar.get']({ key: 'x', topn: 5 })).rejects.toThrow(/No model yet/)
  })

  it('trains a first model, then serves similar songs with reasons', async () => {
    expect((await trained(1)).state).toBe('done')
    const [song] = await app.handlers['songs.search']({ query: 'aston martin music', limit: 1 })
    const answer = await app.handlers['similar.get']({ key: song.key, topn: 10 })
    expect(answer.results).toHaveLength(10)
    expect(answer.results.map((r) => r.key)).not.toContain(song.key)
    expect(answer.results.every((r, i) => i === 0 || r.score <= answer.results[i - 1].score)).toBe(
      true,
    )
    expect(answer.results[0].why).not.toBe('')
    expect(answer.modelId).toBe(app.model!.id)
  })

  it('a cancelled training leaves the model in use untouched', async () => {
    const before = app.model!.id
    const job = app.startTraining({ epochs: 500 })
    await new Promise((r) => setTimeout(r, 300))
    app.jobs.cancel(job.id)
    expect((await app.jobs.wait(job.id)).state).toBe('cancelled')
    expect(app.model!.id).toBe(before)
    expect(await app.models.currentId()).toBe(before)
  })

  it('a second model replaces the first; a corrupt current model falls back to the last good one', async () => {
    const first = app.model!.id
    expect((await trained(1)).state).toBe('done')
    const second = app.model!.id
    expect(second).not.toBe(first)
    await app.close()
    await truncate(join(dataDir, 'models', second, ONNX_FILE), 100)
    const warnings: string[] = []
    const original = console.warn
    console.warn = (m: string) => warnings.push(m)
    try {
      app = await Segue.open({
        dataDir,
        resourcesDir,
        training: { epochs: 1, dim: 32, tagModel: 'ridge' },
      })
    } finally {
      console.warn = original
    }
    expect(app.model!.id).toBe(first)
    expect(warnings.join('\n')).toMatch(new RegExp(`${second}.*skipped`))
    expect(await app.models.currentId()).toBe(first)
    expect((await readdir(join(dataDir, 'models'))).length).toBeGreaterThanOrEqual(2)
  })
})
