// Pinia stores against a fake bridge: training follows job events, similar-song searches ignore stale answers.
import { createPinia, setActivePinia } from 'pinia'
import { beforeEach, describe, expect, it } from 'vitest'
import type { JobInfo } from '../../../src-shared/contract'
import { setBridge } from '../../../src-renderer/bridge'
import { fakeBridge } from '../../helpers/fake-bridge'
import { useSimilarStore } from '../../../src-renderer/stores/similar'
import { useJobsStore } from '../../../src-renderer/stores/jobs'
import { useTrainingStore } from '../../../src-renderer/stores/training'

const job = (over: Partial<JobInfo>): JobInfo => ({
  id: 'j1',
  kind: 'train',
  title: 'Training',
  state: 'running',
  progress: 0,
  message: '',
  started: '2026-01-01T00:00:00Z',
  ...over,
})

beforeEach(() => setActivePinia(createPinia()))

describe('training store', () => {
  it('follows job and model events', async () => {
    const fake = fakeBridge({ 'model.status': () => ({ model: null, training: job({}) }) })
    setBridge(fake.bridge)
    const store = useTrainingStore()
    useJobsStore().listen()
    store.listen()
    await store.refresh()
    expect(store.running).toBe(true)
    fake.emit('job.updated', job({ progress: 0.5, lossHistory: [3, 2] }))
    expect(store.job?.progress).toBe(0.5)
    fake.emit('job.updated', job({ state: 'cancelled' }))
    expect(store.running).toBe(false)
  })

  it('shows why a start was refused', async () => {
    const fake = fakeBridge({
      'training.start': () => {
        throw new Error('Training is already running')
      },
    })
    setBridge(fake.bridge)
    const store = useTrainingStore()
    await store.start(5)
    expect(store.error).toMatch(/already running/)
    expect(fake.calls).toEqual([['training.start', { epochs: 5 }]])
  })
})

describe('similar store', () => {
  it('keeps only the answer to the latest search', async () => {
    let release!: () => void
    const slow = new Promise<void>((r) => (release = r))
    const song = (title: string) => ({
      key: title,
      artist: 'A',
      title,
      tags: [],
      owned: false,
      inModel: true,
    })
    const fake = fakeBridge({
      'songs.search': async (args: { query: string }) => {
        if (args.query === 'old') await slow
        return [song(args.query)]
      },
    })
    setBridge(fake.bridge)
    const store = useSimilarStore()
    const first = store.search('old')
    await store.search('new')
    release()
    await first
    expect(store.matches.map((m) => m.title)).toEqual(['new'])
  })

  it('turns a failed lookup into a message and no stale results', async () => {
    const fake = fakeBridge({
      'similar.get': () => {
        throw new Error('The first model is still training')
      },
    })
    setBridge(fake.bridge)
    const store = useSimilarStore()
    await store.pick({ key: 'k', artist: 'A', title: 'T', tags: [], owned: false, inModel: false })
    expect(store.error).toMatch(/still training/)
    expect(store.results).toEqual([])
    expect(store.placed).toEqual([])
  })

  it('keeps learnt neighbours and songs placed by content apart', async () => {
    const song = (key: string, placedBy?: 'tags') => ({
      key,
      artist: 'A',
      title: key,
      tags: [],
      owned: false,
      inModel: true,
      score: 1,
      why: 'because',
      ...(placedBy ? { placedBy } : {}),
    })
    const fake = fakeBridge({
      'similar.get': () => ({
        song: song('q'),
        results: [song('learnt')],
        placed: [song('new', 'tags')],
        modelId: 'm',
      }),
    })
    setBridge(fake.bridge)
    const store = useSimilarStore()
    await store.pick(song('q'))
    expect(store.results.map((r) => r.key)).toEqual(['learnt'])
    expect(store.placed.map((r) => [r.key, r.placedBy])).toEqual([['new', 'tags']])
  })
})
