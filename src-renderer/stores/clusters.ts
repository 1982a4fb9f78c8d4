// Clusters of the model's songs (elbow curve, labels) and the 2-D map; recomputing runs as a job.
import { defineStore } from 'pinia'
import { computed, ref } from 'vue'
import type { ClustersView, MapView, SongRef } from '../../src-shared/contract'
import { bridge } from '../bridge'
import { useJobsStore } from './jobs'

/** The banner over an earlier model's clusters and map (`progress` 0..1 of the job computing new ones, null when none runs). */
export function staleBanner(progress: number | null): string {
  return progress === null
    ? 'From the previous model — find clusters to update them'
    : `From the previous model — updating, ${Math.floor(progress * 100)} %`
}

export const useClustersStore = defineStore('clusters', () => {
  const jobs = useJobsStore()
  const clusters = ref<ClustersView | null>(null)
  const map = ref<MapView | null>(null)
  const songs = ref<{ id: number; songs: SongRef[] } | null>(null)
  const loaded = ref(false)
  const error = ref<string | null>(null)

  async function refresh(): Promise<void> {
    try {
      ;[clusters.value, map.value] = await Promise.all([
        bridge().request('clusters.get', {}),
        bridge().request('map.get', {}),
      ])
    } catch (e) {
      error.value = (e as Error).message
    } finally {
      loaded.value = true
    }
  }

  /** Set while an earlier model's clusters or map are shown: the banner to show over them. */
  const stale = computed<string | null>(() => {
    if (!clusters.value?.stale && !map.value?.stale) return null
    const job = jobs.latest('cluster')
    if (job?.state === 'running') return staleBanner(job.progress)
    if (job) return staleBanner(null)
    return staleBanner(clusters.value?.progress ?? map.value?.progress ?? null)
  })

  function listen(): void {
    bridge().on('clusters.changed', () => void refresh())
    // A new model: its clusters are not computed yet, so the earlier ones come back marked stale.
    bridge().on('model.changed', () => void refresh())
  }

  async function run(args: { k?: number; kMin?: number; kMax?: number } = {}): Promise<void> {
    error.value = null
    try {
      const { jobId } = await bridge().request('clusters.run', args)
      jobs.track({ id: jobId, kind: 'cluster', title: 'Finding clusters' })
    } catch (e) {
      error.value = (e as Error).message
    }
  }

  async function open(id: number): Promise<void> {
    try {
      songs.value = { id, songs: await bridge().request('clusters.songs', { id, limit: 100 }) }
    } catch (e) {
      error.value = (e as Error).message
    }
  }

  return { clusters, map, songs, loaded, error, stale, refresh, listen, run, open }
})
