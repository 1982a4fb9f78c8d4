// The settings store against a fake bridge: loading the model kind, switching (to a trained model or by training), refusals.
import { createPinia, setActivePinia } from 'pinia'
import { beforeEach, describe, expect, it } from 'vitest'
import type { JobInfo, ModelInfo } from '../../../src-shared/contract'
import { setBridge } from '../../../src-renderer/bridge'
import { describeModel } from '../../../src-renderer/model-kinds'
import { useJobsStore } from '../../../src-renderer/stores/jobs'
import {
  createdOfModelId,
  modelDate,
  useSettingsStore,
} from '../../../src-renderer/stores/settings'
import { useTrainingStore } from '../../../src-renderer/stores/training'
import { fakeBridge } from '../../helpers/fake-bridge'

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

const model = (over: Partial<ModelInfo>): ModelInfo => ({
  id: '20260301102200-ab12cd',
  created: '2026-03-01T10:22:00.000Z',
  kind: 'song2vec',
  algo: 'cbow',
  dim: 256,
  epochs: 100,
  songs: 1000,
  placed: 0,
  playlists: 500,
  lossHistory: [],
  ...over,
})

beforeEach(() => setActivePinia(createPinia()))

describe('settings store', () => {
  it('loads the model kind in settings', async () => {
    const fake = fakeBridge({ 'settings.get': () => ({ modelKind: 'als' }) })
    setBridge(fake.bridge)
    const store = useSettingsStore()
    expect(store.kind).toBeNull()
    await store.load()
    expect(store.kind).toBe('als')
    expect(store.loaded).toBe(true)
    expect(store.error).toBeNull()
  })

  it('says which trained model it switched to, and from when', async () => {
    const als = model({ id: '20260301102200-ab12cd', kind: 'als', algo: 'als' })
    const fake = fakeBridge({
      'settings.set': (args: { modelKind: string }) => ({
        settings: { modelKind: args.modelKind },
        switchedTo: als.id,
        jobId: null,
      }),
      'model.status': () => ({ model: als, training: null }),
    })
    setBridge(fake.bridge)
    const store = useSettingsStore()
    await store.choose('als')
    expect(fake.calls[0]).toEqual(['settings.set', { modelKind: 'als' }])
    expect(store.kind).toBe('als')
    expect(store.notice).toBe(`Switched to your ALS model from ${modelDate(als.created)}`)
    expect(store.busy).toBe(false)
  })

  it('reads the date from the model id when the core reports another model', async () => {
    const fake = fakeBridge({
      'settings.set': () => ({
        settings: { modelKind: 'autoencoder' },
        switchedTo: '20250102030405-ffffff',
        jobId: null,
      }),
      'model.status': () => ({ model: model({}), training: null }),
    })
    setBridge(fake.bridge)
    const store = useSettingsStore()
    await store.choose('autoencoder')
    expect(store.notice).toBe(
      `Switched to your Autoencoder model from ${modelDate('2025-01-02T03:04:05Z')}`,
    )
  })

  it('starts a training when no model of the kind exists, and follows it to the end', async () => {
    const fake = fakeBridge({
      'settings.set': () => ({ settings: { modelKind: 'als' }, switchedTo: null, jobId: 'j7' }),
    })
    setBridge(fake.bridge)
    const jobs = useJobsStore()
    jobs.listen()
    const store = useSettingsStore()
    await store.choose('als')
    expect(jobs.byId.j7).toMatchObject({ kind: 'train', state: 'running', title: 'Training ALS' })
    expect(store.training).toBe(true)
    expect(store.notice).toBe(
      'Training an ALS model — the current model keeps serving until it is ready',
    )
    fake.emit('job.updated', job({ id: 'j7', state: 'done', progress: 1 }))
    expect(store.training).toBe(false)
    expect(store.notice).toBe('Your new ALS model is ready and in use')
    fake.emit('job.updated', job({ id: 'j7', state: 'failed', error: 'Out of memory' }))
    expect(store.notice).toBe(
      'Training the ALS model failed: Out of memory — the previous model keeps serving',
    )
  })

  it('shows a refusal in words and keeps the setting', async () => {
    const fake = fakeBridge({
      'settings.get': () => ({ modelKind: 'song2vec' }),
      'settings.set': () => {
        throw new Error('A training is running: wait for it or cancel it')
      },
    })
    setBridge(fake.bridge)
    const store = useSettingsStore()
    await store.load()
    await store.choose('autoencoder')
    expect(store.error).toBe('A training is running: wait for it or cancel it')
    expect(store.kind).toBe('song2vec')
    expect(store.notice).toBeNull()
    expect(store.busy).toBe(false)
  })

  it('surfaces a failed load', async () => {
    setBridge(fakeBridge({}).bridge)
    const store = useSettingsStore()
    await store.load()
    expect(store.error).toBe('settings.get not faked')
    expect(store.loaded).toBe(true)
  })

  it('knows a training runs from the jobs', async () => {
    setBridge(fakeBridge({}).bridge)
    const store = useSettingsStore()
    expect(store.training).toBe(false)
    useJobsStore().track({ id: 't', kind: 'train' })
    expect(store.training).toBe(true)
  })
})

describe('training in the kind of the settings', () => {
  it('starts without a kind (the core uses the setting) and names the kind', async () => {
    const fake = fakeBridge({
      'settings.get': () => ({ modelKind: 'autoencoder' }),
      'training.start': () => ({ jobId: 'j2' }),
    })
    setBridge(fake.bridge)
    await useSettingsStore().load()
    await useTrainingStore().start()
    expect(fake.calls[1]).toEqual(['training.start', {}])
    expect(useJobsStore().byId.j2.title).toBe('Training Autoencoder')
  })
})

describe('model descriptions', () => {
  it('describes each kind with its own units', () => {
    expect(describeModel(model({}))).toBe('Song2Vec (CBOW), 256 dimensions, 100 epochs')
    expect(describeModel(model({ kind: 'als', algo: 'als', dim: 64, epochs: 15 }))).toBe(
      'ALS, 64 factors, 15 sweeps',
    )
    expect(
      describeModel(model({ kind: 'autoencoder', algo: 'autoencoder', dim: 128, epochs: 10 })),
    ).toBe('Autoencoder, 128-d bottleneck, 10 epochs')
  })

  it('reads a model id as its creation time', () => {
    expect(createdOfModelId('20260301102200-ab12cd')).toBe('2026-03-01T10:22:00Z')
    expect(createdOfModelId('not-an-id')).toBeNull()
  })
})
