// Similar songs: search the catalogue, pick a song, fetch its nearest songs from the served model.
import { defineStore } from 'pinia'
import { ref } from 'vue'
import type { Recommendation, SongRef } from '../../src-shared/contract'
import { bridge } from '../bridge'

export const useSimilarStore = defineStore('similar', () => {
  const query = ref('')
  const matches = ref<SongRef[]>([])
  /** The last finished search found nothing (shown as a hint, cleared by picking a song). */
  const noMatches = ref(false)
  const selected = ref<SongRef | null>(null)
  const results = ref<Recommendation[]>([])
  /** The nearest songs no playlist has yet (placed by their tags or sound). */
  const placed = ref<Recommendation[]>([])
  const loading = ref(false)
  const error = ref<string | null>(null)
  let searchSeq = 0

  async function search(text: string): Promise<void> {
    query.value = text
    const seq = ++searchSeq
    if (text.trim() === '') {
      matches.value = []
      noMatches.value = false
      return
    }
    try {
      const found = await bridge().request('songs.search', { query: text, limit: 12 })
      if (seq === searchSeq) {
        matches.value = found
        noMatches.value = found.length === 0
      }
    } catch (e) {
      if (seq === searchSeq) error.value = (e as Error).message
    }
  }

  async function pick(song: SongRef): Promise<void> {
    selected.value = song
    matches.value = []
    noMatches.value = false
    await load()
  }

  /** Opens a song by key (e.g. clicked on the map). */
  async function pickKey(key: string): Promise<void> {
    try {
      await pick(await bridge().request('songs.get', { key }))
    } catch (e) {
      error.value = (e as Error).message
    }
  }

  async function load(): Promise<void> {
    if (!selected.value) return
    loading.value = true
    error.value = null
    try {
      const answer = await bridge().request('similar.get', { key: selected.value.key, topn: 25 })
      results.value = answer.results
      placed.value = answer.placed
    } catch (e) {
      results.value = []
      placed.value = []
      error.value = (e as Error).message
    } finally {
      loading.value = false
    }
  }

  return {
    query,
    matches,
    noMatches,
    selected,
    results,
    placed,
    loading,
    error,
    search,
    pick,
    pickKey,
    load,
  }
})
