// Content analysis of the user's music (tags and audio place songs no playlist has): its figures, and analysing as a job.
import { defineStore } from 'pinia'
import { computed, ref } from 'vue'
import type { ContentStatus, JobInfo } from '../../src-shared/contract'
import { bridge } from '../bridge'
import { useJobsStore } from './jobs'

export const useContentStore = defineStore('content', () => {
  const jobs = useJobsStore()
  const status = ref<ContentStatus | null>(null)
  const loaded = ref(false)
  const error = ref<string | null>(null)
  let listening = false

  const job = computed<JobInfo | null>(() => jobs.latest('content'))
  const running = computed(() => job.value?.state === 'running')

  async function refresh(): Promise<void> {
    try {
      status.value = await bridge().request('content.status', {})
      error.value = null
    } catch (e) {
      error.value = (e as Error).message
    } finally {
      loaded.value = true
    }
  }

  /** Keeps the figures current: after an analysis, a new model, or a change of library. */
  function listen(): void {
    if (listening) return
    listening = true
    bridge().on('job.updated', (j) => {
      if (j.kind === 'content' && j.state === 'done') void refresh()
    })
    bridge().on('model.changed', () => void refresh())
    bridge().on('library.changed', () => void refresh())
  }

  async function analyze(): Promise<void> {
    error.value = null
    try {
      const { jobId } = await bridge().request('content.analyze', {})
      jobs.track({ id: jobId, kind: 'content', title: 'Analysing your music' })
    } catch (e) {
      error.value = (e as Error).message
    }
  }

  async function cancel(): Promise<void> {
    if (job.value) await jobs.cancel(job.value.id)
  }

  return { status, loaded, error, job, running, refresh, listen, analyze, cancel }
})
