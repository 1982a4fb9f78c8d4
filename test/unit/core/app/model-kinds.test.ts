// Switching the app's model kind in settings: a kind with no model trains one; a kind with a model switches to it; everything serves from it.
import { mkdtemp } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { Segue } from '../../../../src-main/core/app/segue'

const resourcesDir = join(import.meta.dirname, '../../../../resources')
let app: Segue

beforeAll(async () => {
  const dataDir = await mkdtemp(join(tmpdir(), 'segue-kinds-'))
  app = await Segue.open({
    dataDir,
    resourcesDir,
    training: { epochs: 1, dim: 32, tagModel: 'off' },
  })
})
afterAll(() => app?.close())

async function similarTo(query: string) {
  const [song] = await app.handlers['songs.search']({ query, limit: 1 })
  return app.handlers['similar.get']({ key: song.key, topn: 10 })
}

describe('model kind setting', () => {
  it('defaults to Song2Vec and trains it first', async () => {
    expect(await app.handlers['settings.get']({})).toEqual({ modelKind: 'song2vec' })
    const job = app.startTraining({})
    expect((await app.jobs.wait(job.id)).state).toBe('done')
    expect(app.model).toMatchObject({ kind: 'song2vec', algo: 'cbow' })
  })

  it('switching to ALS trains an ALS model, which then serves similar songs', async () => {
    const first = app.model!.id
    const answer = await app.handlers['settings.set']({ modelKind: 'als' })
    expect(answer.switchedTo).toBeNull()
    expect(answer.jobId).not.toBeNull()
    await expect(app.handlers['settings.set']({ modelKind: 'autoencoder' })).rejects.toThrow(
      /training is running/,
    )
    expect((await app.jobs.wait(answer.jobId!)).state).toBe('done')
    expect(app.model).toMatchObject({ kind: 'als', algo: 'als', epochs: 1, dim: 64 })
    expect(app.model!.id).not.toBe(first)
    const similar = await similarTo('aston martin music')
    expect(similar.results).toHaveLength(10)
    expect(similar.modelId).toBe(app.model!.id)
    expect(await app.handlers['settings.get']({})).toEqual({ modelKind: 'als' })
  })

  it('switching back to Song2Vec serves its earlier model without training', async () => {
    const answer = await app.handlers['settings.set']({ modelKind: 'song2vec' })
    expect(answer.jobId).toBeNull()
    expect(answer.switchedTo).toBe(app.model!.id)
    expect(app.model!.kind).toBe('song2vec')
    expect((await similarTo('aston martin music')).results).toHaveLength(10)
  })

  it('the autoencoder trains in a worker and serves too; the next training keeps the kind', async () => {
    const answer = await app.handlers['settings.set']({ modelKind: 'autoencoder' })
    expect((await app.jobs.wait(answer.jobId!)).state).toBe('done')
    expect(app.model).toMatchObject({ kind: 'autoencoder', dim: 128 })
    expect((await similarTo('aston martin music')).results).toHaveLength(10)
    const again = app.startTraining({})
    expect(again.title).toMatch(/autoencoder/)
    expect(app.jobs.cancel(again.id)).toBe(true)
    expect((await app.jobs.wait(again.id)).state).toBe('cancelled')
    expect(app.model!.kind).toBe('autoencoder')
  })

  it('the setting survives a restart', async () => {
    const dataDir = app.options.dataDir
    await app.close()
    app = await Segue.open({ dataDir, resourcesDir, training: { epochs: 1, tagModel: 'off' } })
    expect(app.settings.modelKind).toBe('autoencoder')
    expect(app.model!.kind).toBe('autoencoder')
  })
})
