// Training state: the model in use, the running training job with its live loss curve, start and cancel.
import { defineStore } from 'pinia'
import { computed, ref } from 'vue'
import type { JobInfo, ModelInfo } from '../../src-shared/contract'
import { bridge } from '../bridge'

export const useTrainingStore = defineStore('training', () => {
  const model = ref<ModelInfo | null>(null)
  const job = ref<JobInfo | null>(null)
  const error = ref<string | null>(null)
  const loaded = ref(false)

  const running = computed(() => job.value?.state === 'running')

  async function refresh(): Promise<void> {
    const status = await bridge().request('model.status', {})
    model.value = status.model
    if (status.training) job.value = status.training
    else if (!job.value) {
      const last = (await bridge().request('jobs.list', {})).find((j) => j.kind === 'train')
      job.value = last ?? null
    }
    loaded.value = true
  }

  function listen(): void {
    bridge().on('job.updated', (j) => {
      if (j.kind === 'train') job.value = j
    })
    bridge().on('model.changed', (m) => (model.value = m))
  }

  async function start(epochs?: number): Promise<void> {
    error.value = null
    try {
      await bridge().request('training.start', epochs ? { epochs } : {})
    } catch (e) {
      error.value = (e as Error).message
    }
  }

  async function cancel(): Promise<void> {
    if (!job.value) return
    try {
      await bridge().request('jobs.cancel', { jobId: job.value.id })
    } catch (e) {
      error.value = (e as Error).message
    }
  }

  return { model, job, error, loaded, running, refresh, listen, start, cancel }
})
