// App-wide facts: version, data folder, catalogue size and the dataset attribution.
import { defineStore } from 'pinia'
import { ref } from 'vue'
import type { Result } from '../../src-shared/contract'
import { bridge } from '../bridge'

export const useAppStore = defineStore('app', () => {
  const info = ref<Result<'app.info'> | null>(null)
  const error = ref<string | null>(null)

  async function load(): Promise<void> {
    try {
      info.value = await bridge().request('app.info', {})
      error.value = null
    } catch (e) {
      error.value = (e as Error).message
    }
  }

  return { info, error, load }
})
