// Made For You: the user's mixes, ad-hoc mixes (radio, continue, journey, cluster), thumbs, saving, export, and playing them.
import { defineStore } from 'pinia'
import { ref, watch } from 'vue'
import type { MixTrackView, MixView } from '../../src-shared/contract'
import { bridge } from '../bridge'
import { usePlayerStore } from './player'

/** Songs fetched per radio batch. */
export const RADIO_BATCH = 20
/** Ad-hoc mixes shown above the Made For You mixes, newest first. */
const ADHOC_KEPT = 8
/** Largest seed the core accepts. */
const MAX_SEED = 2 ** 31

/** A fresh random seed for a new draw of the mixes. */
export function randomSeed(random: () => number = Math.random): number {
  return Math.floor(random() * MAX_SEED)
}

export const useMixesStore = defineStore('mixes', () => {
  const player = usePlayerStore()
  /** Stored mixes (generated and saved), as `mixes.list` orders them. */
  const mixes = ref<MixView[]>([])
  /** Radio, continue, journey and cluster mixes of this session, newest first. */
  const adhoc = ref<MixView[]>([])
  /** The user's thumbs of this session, by song key. */
  const thumbs = ref<Record<string, 'up' | 'down'>>({})
  /** Generated mixes keep at least 80 % of the user's own files. */
  const playableNow = ref(false)
  const loaded = ref(false)
  /** A request that builds mixes is on its way (buttons wait). */
  const busy = ref(false)
  const error = ref<string | null>(null)
  let listening = false

  async function refresh(): Promise<void> {
    try {
      mixes.value = withoutThumbsDown(await bridge().request('mixes.list', {}))
    } catch (e) {
      error.value = (e as Error).message
    } finally {
      loaded.value = true
    }
  }

  function listen(): void {
    if (listening) return
    listening = true
    bridge().on('mixes.changed', () => void refresh())
  }

  /**
   * "Playable now" applies at once: the generated mixes are drawn again with the same seed (so the
   * same tastes, now mostly the user's own files); saved mixes are kept as they are.
   */
  watch(playableNow, () => {
    const generated = mixes.value.find((m) => !m.saved)
    if (generated) void generate(generated.seed)
  })

  /** Builds the daily mixes and Discover afresh with a new random seed. */
  async function generate(seed = randomSeed()): Promise<void> {
    await run(async () => {
      const args = playableNow.value ? { seed, playableNow: true } : { seed }
      mixes.value = withoutThumbsDown(await bridge().request('mixes.generate', args))
    })
  }

  /**
   * Starts an endless radio from `keys` and plays it: whenever 3 songs or fewer are left in the
   * player's queue, the next batch is fetched, excluding every song the station already brought.
   * The radio favours the user's own files ("playable now"), since only those can play.
   */
  async function startRadio(keys: string[], name?: string): Promise<MixView | null> {
    if (keys.length === 0) {
      error.value = 'Pick at least one song to start a radio from.'
      return null
    }
    const seeds = [...new Set(keys)]
    const seen = new Set<string>(seeds)
    const ask = (seed: number) =>
      bridge().request('mixes.radio', {
        keys: seeds,
        n: RADIO_BATCH,
        exclude: [...seen],
        seed,
        playableNow: true,
      })
    const mix = await run(async () => ask(randomSeed()))
    if (!mix) return null
    for (const t of mix.tracks) seen.add(t.key)
    const shown = keep({ ...mix, name: name ?? mix.name, tracks: visible(mix.tracks) })
    const refill = async (): Promise<MixTrackView[]> => {
      const more = await ask(randomSeed())
      const fresh = visible(more.tracks).filter((t) => !seen.has(t.key))
      for (const t of more.tracks) seen.add(t.key)
      const current = adhoc.value.find((m) => m.id === shown.id)
      if (current) current.tracks = [...current.tracks, ...fresh]
      return fresh
    }
    player.playTracks(shown.tracks, undefined, { label: shown.name, refill })
    return shown
  }

  /** More songs in the spirit of one of the user's playlists. */
  async function continuePlaylist(playlistId: number, n = 20): Promise<MixView | null> {
    return adhocMix(() => bridge().request('mixes.continue', { playlistId, n }))
  }

  /** A path of `n` songs that moves smoothly from one song to another. */
  async function journey(from: string, to: string, n = 15): Promise<MixView | null> {
    return adhocMix(() => bridge().request('mixes.journey', { from, to, n }))
  }

  /** A playlist from one cluster of the map. */
  async function clusterMix(clusterId: number, n = 30): Promise<MixView | null> {
    return adhocMix(() => bridge().request('mixes.cluster', { clusterId, n }))
  }

  /** Saves (keeps across regeneration) or un-saves a mix, optionally renamed. */
  async function setSaved(id: string, saved: boolean, name?: string): Promise<void> {
    error.value = null
    try {
      const mix = await bridge().request('mixes.save', name ? { id, saved, name } : { id, saved })
      const shown = { ...mix, tracks: visible(mix.tracks) }
      if (adhoc.value.some((m) => m.id === id) && saved) {
        adhoc.value = adhoc.value.filter((m) => m.id !== id)
        mixes.value = [shown, ...mixes.value.filter((m) => m.id !== id)]
      } else {
        replace(shown)
      }
    } catch (e) {
      error.value = (e as Error).message
    }
  }

  /** The mix as an M3U8 or XSPF file (owned songs point at their files). */
  async function exportMix(
    id: string,
    format: 'm3u8' | 'xspf',
  ): Promise<{ filename: string; content: string } | null> {
    error.value = null
    try {
      return await bridge().request('mixes.export', { id, format })
    } catch (e) {
      error.value = (e as Error).message
      return null
    }
  }

  /** Thumbs a song up or down (or clears it); a thumbs-down takes it out of every mix shown and the queue. */
  async function thumb(key: string, value: 'up' | 'down' | 'none'): Promise<void> {
    error.value = null
    try {
      await bridge().request('feedback.set', { key, thumb: value })
    } catch (e) {
      error.value = (e as Error).message
      return
    }
    const next = { ...thumbs.value }
    if (value === 'none') delete next[key]
    else next[key] = value
    thumbs.value = next
    if (value === 'down') {
      const drop = (m: MixView) => ({ ...m, tracks: m.tracks.filter((t) => t.key !== key) })
      mixes.value = mixes.value.map(drop)
      adhoc.value = adhoc.value.map(drop)
      player.remove(key)
    }
  }

  /** Plays a mix's own songs from `startKey` (or the first); the others are skipped. */
  function play(mix: MixView, startKey?: string): boolean {
    return player.playTracks(visible(mix.tracks), startKey, { label: mix.name })
  }

  async function adhocMix(get: () => Promise<MixView>): Promise<MixView | null> {
    const mix = await run(get)
    return mix ? keep({ ...mix, tracks: visible(mix.tracks) }) : null
  }

  function keep(mix: MixView): MixView {
    adhoc.value = [mix, ...adhoc.value.filter((m) => m.id !== mix.id)].slice(0, ADHOC_KEPT)
    return adhoc.value[0]
  }

  function replace(mix: MixView): void {
    mixes.value = mixes.value.map((m) => (m.id === mix.id ? mix : m))
    adhoc.value = adhoc.value.map((m) => (m.id === mix.id ? mix : m))
  }

  function visible(tracks: readonly MixTrackView[]): MixTrackView[] {
    return tracks.filter((t) => thumbs.value[t.key] !== 'down')
  }

  function withoutThumbsDown(list: MixView[]): MixView[] {
    return list.map((m) => ({ ...m, tracks: visible(m.tracks) }))
  }

  async function run<T>(work: () => Promise<T>): Promise<T | null> {
    busy.value = true
    error.value = null
    try {
      return await work()
    } catch (e) {
      error.value = (e as Error).message
      return null
    } finally {
      busy.value = false
    }
  }

  return {
    mixes,
    adhoc,
    thumbs,
    playableNow,
    loaded,
    busy,
    error,
    refresh,
    listen,
    generate,
    startRadio,
    continuePlaylist,
    journey,
    clusterMix,
    setSaved,
    exportMix,
    thumb,
    play,
  }
})
