// Training state: the model in use, the latest training job with its live loss curve, start (the kind in settings) and cancel.
import { defineStore } from 'pinia'
import { computed, ref } from 'vue'
import type { JobInfo, ModelInfo } from '../../src-shared/contract'
import { bridge } from '../bridge'
import { MODEL_KINDS } from '../model-kinds'
import { useJobsStore } from './jobs'
import { useSettingsStore } from './settings'

export const useTrainingStore = defineStore('training', () => {
  const jobs = useJobsStore()
  const settings = useSettingsStore()
  const model = ref<ModelInfo | null>(null)
  const error = ref<string | null>(null)
  const loaded = ref(false)

  const job = computed<JobInfo | null>(() => jobs.latest('train'))
  const running = computed(() => job.value?.state === 'running')

  async function refresh(): Promise<void> {
    const status = await bridge().request('model.status', {})
    model.value = status.model
    if (status.training) jobs.track(status.training)
    loaded.value = true
  }

  function listen(): void {
    bridge().on('model.changed', (m) => (model.value = m))
  }

  /** Trains a model of the kind in settings (the core's default when no kind is given). */
  async function start(epochs?: number): Promise<void> {
    error.value = null
    try {
      const { jobId } = await bridge().request('training.start', epochs ? { epochs } : {})
      const kind = settings.kind ?? 'song2vec'
      jobs.track({ id: jobId, kind: 'train', title: `Training ${MODEL_KINDS[kind].label}` })
    } catch (e) {
      error.value = (e as Error).message
    }
  }

  async function cancel(): Promise<void> {
    if (job.value) await jobs.cancel(job.value.id)
  }

  return { model, job, error, loaded, running, refresh, listen, start, cancel }
})
