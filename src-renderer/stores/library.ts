// Your music: library summary, importing folders and playlist files as a job, playlists with their match reports, fixes and export.
import { defineStore } from 'pinia'
import { ref } from 'vue'
import type { PlaylistEntryView, PlaylistSummary, Result } from '../../src-shared/contract'
import { bridge } from '../bridge'
import { useJobsStore } from './jobs'

export const useLibraryStore = defineStore('library', () => {
  const jobs = useJobsStore()
  const summary = ref<Result<'library.summary'> | null>(null)
  const playlists = ref<PlaylistSummary[]>([])
  const open = ref<{ playlist: PlaylistSummary; entries: PlaylistEntryView[] } | null>(null)
  const error = ref<string | null>(null)

  async function refresh(): Promise<void> {
    try {
      ;[summary.value, playlists.value] = await Promise.all([
        bridge().request('library.summary', {}),
        bridge().request('playlists.list', {}),
      ])
      if (open.value) await show(open.value.playlist.id)
    } catch (e) {
      error.value = (e as Error).message
    }
  }

  function listen(): void {
    bridge().on('library.changed', () => void refresh())
  }

  async function importPaths(paths: string[], encoding?: string): Promise<boolean> {
    error.value = null
    try {
      const { jobId } = await bridge().request('library.import', {
        paths,
        ...(encoding ? { encoding } : {}),
      })
      jobs.track({ id: jobId, kind: 'import', title: 'Importing your music' })
      return true
    } catch (e) {
      error.value = (e as Error).message
      return false
    }
  }

  async function pick(kind: 'folders' | 'playlists'): Promise<string[]> {
    try {
      return await bridge().request('library.pickPaths', { kind })
    } catch (e) {
      error.value = (e as Error).message
      return []
    }
  }

  async function show(id: number): Promise<void> {
    try {
      open.value = await bridge().request('playlists.get', { id })
    } catch (e) {
      error.value = (e as Error).message
    }
  }

  async function fixMatch(position: number, key: string): Promise<void> {
    if (!open.value) return
    try {
      const entry = await bridge().request('playlists.fixMatch', {
        id: open.value.playlist.id,
        position,
        key,
      })
      open.value.entries = open.value.entries.map((e) => (e.position === position ? entry : e))
      playlists.value = await bridge().request('playlists.list', {})
    } catch (e) {
      error.value = (e as Error).message
    }
  }

  async function exportPlaylist(
    id: number,
    format: 'm3u8' | 'xspf',
  ): Promise<{ filename: string; content: string } | null> {
    try {
      return await bridge().request('playlists.export', { id, format })
    } catch (e) {
      error.value = (e as Error).message
      return null
    }
  }

  return {
    summary,
    playlists,
    open,
    error,
    refresh,
    listen,
    importPaths,
    pick,
    show,
    fixMatch,
    exportPlaylist,
  }
})
