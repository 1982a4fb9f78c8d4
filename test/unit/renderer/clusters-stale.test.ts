// The clusters store: an earlier model's clusters come with a banner that follows the clustering job, and go when the new ones arrive.
import { createPinia, setActivePinia } from 'pinia'
import { beforeEach, describe, expect, it } from 'vitest'
import type { ClustersView, JobInfo } from '../../../src-shared/contract'
import { setBridge } from '../../../src-renderer/bridge'
import { staleBanner, useClustersStore } from '../../../src-renderer/stores/clusters'
import { useJobsStore } from '../../../src-renderer/stores/jobs'
import { fakeBridge } from '../../helpers/fake-bridge'

const view = (over: Partial<ClustersView>): ClustersView => ({
  modelId: 'old',
  k: 1,
  chosenK: 1,
  elbow: [],
  clusters: [
    { id: 0, size: 3, label: 'Jazz', top_tags: [], top_artists: [], owned: 0, cohesion: 0.5 },
  ],
  ...over,
})
const job = (over: Partial<JobInfo>): JobInfo => ({
  id: 'c1',
  kind: 'cluster',
  title: 'Finding clusters and drawing the map',
  state: 'running',
  progress: 0.25,
  message: '',
  started: '2026-01-01T00:00:00Z',
  ...over,
})

beforeEach(() => setActivePinia(createPinia()))

describe('staleBanner', () => {
  it('says where the clusters come from and how far the update is', () => {
    expect(staleBanner(0.426)).toBe('From the previous model — updating, 42 %')
    expect(staleBanner(null)).toMatch(/^From the previous model — find clusters/)
  })
})

describe('clusters store', () => {
  it("keeps showing the earlier model's clusters with live progress until the new ones come", async () => {
    let answer = view({ stale: true, forModel: 'new', progress: 0.1 })
    const fake = fakeBridge({ 'clusters.get': () => answer, 'map.get': () => null })
    setBridge(fake.bridge)
    const jobs = useJobsStore()
    jobs.listen()
    const store = useClustersStore()
    store.listen()
    await store.refresh()
    expect(store.clusters?.clusters).toHaveLength(1)
    // No job known to the renderer yet: the progress the server sent.
    expect(store.stale).toBe('From the previous model — updating, 10 %')
    fake.emit('job.updated', job({ progress: 0.5 }))
    expect(store.stale).toBe('From the previous model — updating, 50 %')
    answer = view({ modelId: 'new' })
    fake.emit('clusters.changed', { modelId: 'new' })
    await new Promise((r) => setTimeout(r, 0))
    expect(store.clusters?.modelId).toBe('new')
    expect(store.stale).toBeNull()
  })

  it('asks again when the model changes (the new one has no clusters yet)', async () => {
    const fake = fakeBridge({ 'clusters.get': () => view({}), 'map.get': () => null })
    setBridge(fake.bridge)
    const store = useClustersStore()
    store.listen()
    fake.emit('model.changed', {})
    await new Promise((r) => setTimeout(r, 0))
    expect(fake.calls.filter(([name]) => name === 'clusters.get')).toHaveLength(1)
  })
})
