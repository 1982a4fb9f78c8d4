// The "Your listening" summary of the imported histories, for the chosen period.
import { defineStore } from 'pinia'
import { ref } from 'vue'
import type { HistorySummary } from '../../src-shared/contract'
import { bridge } from '../bridge'
import type { Period } from '../listening'

export const useListeningStore = defineStore('listening', () => {
  const summary = ref<HistorySummary | null>(null)
  const period = ref<Period>('month')
  const loaded = ref(false)
  const error = ref<string | null>(null)

  async function refresh(): Promise<void> {
    error.value = null
    try {
      summary.value = await bridge().request('history.summary', { period: period.value })
    } catch (e) {
      error.value = (e as Error).message
    } finally {
      loaded.value = true
    }
  }

  function listen(): void {
    bridge().on('library.changed', () => void refresh())
  }

  async function choose(p: Period): Promise<void> {
    period.value = p
    await refresh()
  }

  return { summary, period, loaded, error, refresh, listen, choose }
})
