// The content store against a fake bridge: figures, analysing as a job, refreshing when it ends or the model changes, errors.
import { createPinia, setActivePinia } from 'pinia'
import { beforeEach, describe, expect, it } from 'vitest'
import type { ContentStatus, JobInfo } from '../../../src-shared/contract'
import { setBridge } from '../../../src-renderer/bridge'
import { placedText } from '../../../src-renderer/placed'
import { useContentStore } from '../../../src-renderer/stores/content'
import { useJobsStore } from '../../../src-renderer/stores/jobs'
import { fakeBridge } from '../../helpers/fake-bridge'

const status = (analysed: number): ContentStatus => ({
  tracks: 40,
  analysed,
  failed: 1,
  failures: [{ path: '/music/broken.mp3', reason: 'not an audio file' }],
  placed: { catalogue: 1200, library: analysed },
  audioModel: null,
})

const job = (over: Partial<JobInfo>): JobInfo => ({
  id: 'c1',
  kind: 'content',
  title: 'Analysing your music',
  state: 'running',
  progress: 0,
  message: '',
  started: '2026-01-01T00:00:00Z',
  ...over,
})

/** Lets the refreshes started by events (with `void`) settle. */
const settle = () => new Promise((r) => setTimeout(r, 0))

beforeEach(() => setActivePinia(createPinia()))

describe('content store', () => {
  it('reads the figures', async () => {
    setBridge(fakeBridge({ 'content.status': () => status(12) }).bridge)
    const store = useContentStore()
    await store.refresh()
    expect(store.status).toEqual(status(12))
    expect(store.loaded).toBe(true)
  })

  it('analyses as a job that the job strip can show and cancel', async () => {
    const fake = fakeBridge({
      'content.analyze': () => ({ jobId: 'c1' }),
      'jobs.cancel': () => ({ cancelled: true }),
    })
    setBridge(fake.bridge)
    const store = useContentStore()
    await store.analyze()
    expect(useJobsStore().running.map((j) => [j.id, j.kind])).toEqual([['c1', 'content']])
    expect(store.running).toBe(true)
    await store.cancel()
    expect(fake.calls.at(-1)).toEqual(['jobs.cancel', { jobId: 'c1' }])
  })

  it('refreshes when the analysis is done and when the model changes, not on progress', async () => {
    let analysed = 0
    const fake = fakeBridge({ 'content.status': () => status(analysed) })
    setBridge(fake.bridge)
    useJobsStore().listen()
    const store = useContentStore()
    store.listen()
    store.listen()
    await store.refresh()
    analysed = 30
    fake.emit('job.updated', job({ progress: 0.5 }))
    fake.emit('job.updated', job({ kind: 'train', state: 'done' }))
    await settle()
    expect(store.status?.analysed).toBe(0)
    fake.emit('job.updated', job({ state: 'done', progress: 1 }))
    await settle()
    expect(store.status?.analysed).toBe(30)
    expect(store.running).toBe(false)
    analysed = 31
    fake.emit('model.changed', {})
    await settle()
    expect(store.status?.analysed).toBe(31)
    // One listener set despite two listen() calls: 3 refreshes in all.
    expect(fake.calls.filter(([n]) => n === 'content.status')).toHaveLength(3)
  })

  it('shows why an analysis could not start', async () => {
    setBridge(
      fakeBridge({
        'content.analyze': () => {
          throw new Error('An analysis is already running')
        },
      }).bridge,
    )
    const store = useContentStore()
    await store.analyze()
    expect(store.error).toBe('An analysis is already running')
    expect(useJobsStore().running).toEqual([])
  })

  it('shows why the figures could not be read, and clears it once they can', async () => {
    let fail = true
    setBridge(
      fakeBridge({
        'content.status': () => {
          if (fail) throw new Error('The library database is locked')
          return status(1)
        },
      }).bridge,
    )
    const store = useContentStore()
    await store.refresh()
    expect(store.error).toBe('The library database is locked')
    expect(store.status).toBeNull()
    fail = false
    await store.refresh()
    expect(store.error).toBeNull()
    expect(store.status?.analysed).toBe(1)
  })
})

describe('placed-by-content badge', () => {
  it('says what placed the song', () => {
    expect(placedText('tags')).toEqual({
      label: 'by tags',
      title: 'Placed by content: no playlist has it yet, so its place comes from its tags',
    })
    expect(placedText('audio').label).toBe('by sound')
    expect(placedText('tags+audio')).toEqual({
      label: 'by tags + sound',
      title:
        'Placed by content: no playlist has it yet, so its place comes from its tags and audio',
    })
    expect(placedText('content').label).toBe('by content')
  })
})
