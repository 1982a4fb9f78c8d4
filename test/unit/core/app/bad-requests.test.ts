// Issue 15 items 9, 10: requests the schema lets through but the app cannot honour are a
// 'bad-request' naming the field (never a 500), and saving a generated mix under a name renames it.
import { mkdtemp } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { dispatch } from '../../../../src-shared/dispatch'
import { Segue } from '../../../../src-main/core/app/segue'
import { replaceGeneratedMixes } from '../../../../src-main/core/mixes'

const resourcesDir = join(import.meta.dirname, '../../../../resources')
let app: Segue
let known: string[]

beforeAll(async () => {
  app = await Segue.open({
    dataDir: await mkdtemp(join(tmpdir(), 'segue-badreq-')),
    resourcesDir,
    training: { epochs: 1, dim: 32, tagModel: 'ridge' },
  })
  const job = app.startTraining({ epochs: 1 })
  expect((await app.jobs.wait(job.id)).state).toBe('done')
  known = app.serving.keys().slice(0, 3)
})
afterAll(() => app?.close())

const call = (name: string, args: unknown) => dispatch(app.handlers, name, args)

describe('bad requests name the field', () => {
  it('mixes.radio with songs the model does not know', async () => {
    const r = await call('mixes.radio', { keys: [known[0], 'nobody — nothing at all'] })
    expect(r).toMatchObject({ ok: false, error: { code: 'bad-request' } })
    expect(!r.ok && r.error.message).toMatch(/^keys: .*nobody — nothing at all/)
    expect((await call('mixes.radio', { keys: [known[0]], n: 5 })).ok).toBe(true)
  })

  it('mixes.journey from a song to itself', async () => {
    const r = await call('mixes.journey', { from: known[0], to: known[0] })
    expect(r).toMatchObject({ ok: false, error: { code: 'bad-request' } })
    expect(!r.ok && r.error.message).toMatch(/^to: /)
    const unknown = await call('mixes.journey', { from: 'x — y', to: known[0] })
    expect(unknown).toMatchObject({ ok: false, error: { code: 'bad-request' } })
    expect(!unknown.ok && unknown.error.message).toMatch(/^from: /)
  })

  it('feedback.set on a key that is no song', async () => {
    const r = await call('feedback.set', { key: 'not — a song at all', thumb: 'up' })
    expect(r).toMatchObject({ ok: false, error: { code: 'bad-request' } })
    expect(!r.ok && r.error.message).toMatch(/^key: /)
    expect(await app.db.all('SELECT * FROM feedback')).toEqual([])
    expect(await call('feedback.set', { key: known[1], thumb: 'up' })).toMatchObject({ ok: true })
    // Clearing works on any key (a song may have left the catalogue since).
    expect((await call('feedback.set', { key: 'gone — song', thumb: 'none' })).ok).toBe(true)
  })
})

describe('mixes.save of a generated mix', () => {
  it('takes the new name', async () => {
    const song = app.catalog.get(known[2])!
    await replaceGeneratedMixes(app.db, [
      {
        id: 'daily-test',
        name: 'Daily Mix 1',
        kind: 'daily',
        description: '',
        seed: 1,
        created: new Date().toISOString(),
        saved: false,
        params: {},
        tracks: [
          {
            key: known[2],
            artist: song.artist,
            title: song.title,
            owned: false,
            why: 'A test track.',
            evidence: { nearest: [], tags: [], seed: false },
          },
        ],
      },
    ])
    const r = await call('mixes.save', { id: 'daily-test', saved: true, name: 'Sunday morning' })
    expect(r).toMatchObject({ ok: true, result: { name: 'Sunday morning', saved: true } })
    const listed = await call('mixes.list', {})
    expect(
      listed.ok &&
        (listed.result as { id: string; name: string }[]).find((m) => m.id === 'daily-test')?.name,
    ).toBe('Sunday morning')
  })
})
