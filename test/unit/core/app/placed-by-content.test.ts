// Songs no playlist has, placed by content: catalogue songs by their tags after training, the user's tracks when their set is written.
import { mkdtemp } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { Segue } from '../../../../src-main/core/app/segue'
import { savePlaced } from '../../../../src-main/core/models/placed-files'

const resourcesDir = join(import.meta.dirname, '../../../../resources')
let app: Segue

beforeAll(async () => {
  const dataDir = await mkdtemp(join(tmpdir(), 'segue-placed-app-'))
  app = await Segue.open({
    dataDir,
    resourcesDir,
    training: { epochs: 1, dim: 32, tagModel: 'ridge' },
  })
  const job = app.startTraining({})
  await app.jobs.wait(job.id)
})
afterAll(() => app?.close())

/** A song of the full catalogue that no bundled playlist has. */
function placedKey(): string {
  const key = app.serving.keys().find((k) => app.serving.placedBy(k) === 'tags')
  if (!key) throw new Error('no song was placed by tags')
  return key
}

describe('placed by content', () => {
  it('places tens of thousands of catalogue songs by their tags, marked as such', async () => {
    const info = app.model!
    expect(info.songs).toBeGreaterThan(7000)
    expect(info.placed).toBeGreaterThan(30000)
    const key = placedKey()
    expect(app.serving.trainedVector(key)).toBeUndefined()
    expect(app.serving.vector(key)).toHaveLength(32)
    const ref = await app.handlers['songs.get']({ key })
    expect(ref).toMatchObject({ inModel: true, placedBy: 'tags' })
    const [found] = await app.handlers['songs.search']({
      query: `${ref.artist} ${ref.title}`,
      limit: 5,
    })
    expect(found.placedBy).toBe('tags')
    expect((await app.handlers['content.status']({})).placed.catalogue).toBe(info.placed)
  })

  it('similar songs: learnt ones from the served pipeline, placed ones listed apart with their reason', async () => {
    const key = placedKey()
    const answer = await app.handlers['similar.get']({ key, topn: 25 })
    expect(answer.results).toHaveLength(25)
    for (const r of answer.results) {
      expect(r.placedBy).toBeUndefined()
      expect(r.why).not.toMatch(/placed by/)
    }
    expect(answer.placed.length).toBe(8)
    expect(answer.placed.map((r) => r.key)).not.toContain(key)
    for (const r of answer.placed) {
      expect(r.placedBy).toBe('tags')
      expect(r.why).toMatch(/^placed by its tags, no playlist yet — (shares|tagged) /)
      expect(r.why).not.toMatch(/-fm\b/)
    }
    const [learnt] = await app.handlers['songs.search']({ query: 'aston martin music', limit: 1 })
    const fromLearnt = await app.handlers['similar.get']({ key: learnt.key, topn: 10 })
    expect(fromLearnt.results.every((r) => !r.placedBy)).toBe(true)
    expect(fromLearnt.placed.every((r) => r.placedBy === 'tags')).toBe(true)
    expect(fromLearnt.placed).toHaveLength(8)
  })

  it("the user's tracks placed later join the served space at once, with the stored reason", async () => {
    const record = await app.requireModel()
    const changed: string[] = []
    const off = app.onEvent((name, payload) => {
      if (name === 'model.changed') changed.push((payload as { id: string }).id)
    })
    const near = app.serving.trainedVector(app.serving.keys()[0])!
    await savePlaced(record.dir, 'library', {
      keys: ['nobody|a home recording'],
      placedBy: ['audio'],
      why: ['sounds like "First" by Someone'],
      vectors: Float32Array.from(near),
      dim: near.length,
    })
    await app.refreshServing()
    off()
    expect(changed).toEqual([record.id])
    expect(app.serving.placedBy('nobody|a home recording')).toBe('audio')
    expect(app.model!.placed).toBe(app.serving.placedCounts().catalogue + 1)
    const answer = await app.serving.similar([app.serving.keys()[1]], 200, 8)
    const mine = await app.serving.recommend(['nobody|a home recording'], 5)
    expect(mine.results).toHaveLength(5)
    expect(answer.modelId).toBe(record.id)
  })
})
