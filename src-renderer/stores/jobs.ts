// Every job the core runs (training, import, evaluation, clustering): live state from events, cancel.
import { defineStore } from 'pinia'
import { computed, ref } from 'vue'
import type { JobInfo } from '../../src-shared/contract'
import { bridge } from '../bridge'

export const useJobsStore = defineStore('jobs', () => {
  const byId = ref<Record<string, JobInfo>>({})
  const error = ref<string | null>(null)

  const running = computed(() => Object.values(byId.value).filter((j) => j.state === 'running'))

  /** The most recent job of a kind (running or finished). */
  function latest(kind: JobInfo['kind']): JobInfo | null {
    const jobs = Object.values(byId.value).filter((j) => j.kind === kind)
    jobs.sort((a, b) => b.started.localeCompare(a.started))
    return jobs[0] ?? null
  }

  async function refresh(): Promise<void> {
    for (const j of await bridge().request('jobs.list', {})) byId.value[j.id] = j
  }

  function listen(): void {
    bridge().on('job.updated', (j) => (byId.value[j.id] = j))
  }

  async function cancel(id: string): Promise<void> {
    try {
      await bridge().request('jobs.cancel', { jobId: id })
    } catch (e) {
      error.value = (e as Error).message
    }
  }

  /** Remembers a job right after starting it, before its first event arrives. */
  function track(job: Partial<JobInfo> & { id: string }): void {
    byId.value[job.id] ??= {
      kind: 'train',
      title: '',
      state: 'running',
      progress: 0,
      message: 'Starting…',
      started: new Date().toISOString(),
      ...job,
    }
  }

  return { byId, error, running, latest, refresh, listen, cancel, track }
})
