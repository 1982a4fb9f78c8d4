// The recommendation report card: the latest evaluation and running a new one as a job.
import { defineStore } from 'pinia'
import { ref } from 'vue'
import type { EvalReport } from '../../src-shared/contract'
import { bridge } from '../bridge'
import { useJobsStore } from './jobs'

export const useQualityStore = defineStore('quality', () => {
  const jobs = useJobsStore()
  const report = ref<EvalReport | null>(null)
  const loaded = ref(false)
  const error = ref<string | null>(null)

  async function refresh(): Promise<void> {
    try {
      report.value = await bridge().request('quality.report', {})
    } catch (e) {
      error.value = (e as Error).message
    } finally {
      loaded.value = true
    }
  }

  function listen(): void {
    bridge().on('quality.changed', (r) => (report.value = r))
  }

  async function run(): Promise<void> {
    error.value = null
    try {
      const { jobId } = await bridge().request('quality.run', {})
      jobs.track({ id: jobId, kind: 'eval', title: 'Measuring recommendation quality' })
    } catch (e) {
      error.value = (e as Error).message
    }
  }

  return { report, loaded, error, refresh, listen, run }
})
