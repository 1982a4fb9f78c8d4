// The player's queue and transport state (the <audio> element in Player.vue follows it); only the user's own files play.
import { defineStore } from 'pinia'
import { computed, ref } from 'vue'
import type { MixTrackView, PlacedBy } from '../../src-shared/contract'

/** A song the player can play: one of the user's files. */
export interface QueueTrack {
  /** Catalogue key of the song (unique within a queue). */
  key: string
  /** Artist shown in the bar. */
  artist: string
  /** Title shown in the bar. */
  title: string
  /** The library track the audio comes from. */
  trackId: number
  /** Set when the song's place comes from its content (no playlist has it yet). */
  placedBy?: PlacedBy
}

/** Fetches the next songs of an endless queue (radio); an empty answer means there is nothing more. */
export type Refill = () => Promise<MixTrackView[]>

/** What to play: a label for the bar and, for an endless queue, how to get more songs. */
export interface QueueOptions {
  /** Where the songs come from, e.g. the mix name ("Radio: Aston Martin Music"). */
  label?: string
  /** Called when 3 songs or fewer are left after the current one. */
  refill?: Refill
}

/** When this many songs or fewer are left after the current one, an endless queue asks for more. */
export const REFILL_AT = 3
/** "Previous" restarts the current song once it has played this many seconds. */
const RESTART_AFTER = 3

/** The songs of a mix the player can play (owned, with a library track), in order, each key once. */
export function playable(tracks: readonly MixTrackView[]): QueueTrack[] {
  const seen = new Set<string>()
  const out: QueueTrack[] = []
  for (const t of tracks) {
    if (!t.owned || t.trackId === undefined || seen.has(t.key)) continue
    seen.add(t.key)
    const track = { key: t.key, artist: t.artist, title: t.title, trackId: t.trackId }
    out.push(t.placedBy ? { ...track, placedBy: t.placedBy } : track)
  }
  return out
}

export const usePlayerStore = defineStore('player', () => {
  const queue = ref<QueueTrack[]>([])
  /** Position of the current song in the queue, -1 when nothing is loaded. */
  const index = ref(-1)
  /** Whether the user wants sound (the audio element follows). */
  const playing = ref(false)
  /** Seconds into the current song, as reported by the audio element. */
  const position = ref(0)
  /** Length of the current song in seconds (0 until known). */
  const duration = ref(0)
  /** A seek the audio element has yet to apply. */
  const seekTo = ref<number | null>(null)
  const label = ref('')
  const error = ref<string | null>(null)
  const refilling = ref(false)
  let refill: Refill | null = null
  /** The queue ran out while a refill was on its way: play its first song when it arrives. */
  let waiting = false
  /** Bumped by every new queue so an old refill's late answer is dropped. */
  let generation = 0

  const current = computed<QueueTrack | null>(() => queue.value[index.value] ?? null)
  const remaining = computed(() =>
    index.value < 0 ? queue.value.length : queue.value.length - index.value - 1,
  )
  const hasNext = computed(() => remaining.value > 0)
  const hasPrevious = computed(() => index.value > 0)
  /** The queue asks for more songs when it runs low (an endless radio). */
  const endless = ref(false)

  /**
   * Replaces the queue by the playable songs of `tracks`, starting at `startKey` (or the first one),
   * and plays. Returns false with a message when none of the songs is one of the user's files.
   */
  function playTracks(
    tracks: readonly MixTrackView[],
    startKey?: string,
    options: QueueOptions = {},
  ): boolean {
    const list = playable(tracks)
    generation++
    waiting = false
    refill = options.refill ?? null
    endless.value = refill !== null
    refilling.value = false
    label.value = options.label ?? ''
    if (list.length === 0 && !refill) {
      error.value =
        'None of these songs is one of your files — import them in Your music to play them here.'
      return false
    }
    error.value = null
    queue.value = list
    const start = startKey === undefined ? 0 : list.findIndex((t) => t.key === startKey)
    load(list.length ? Math.max(0, start) : -1)
    playing.value = index.value >= 0
    void topUp()
    return true
  }

  /** Adds songs at the end of the queue (songs already queued are skipped); returns how many were added. */
  function enqueue(tracks: readonly MixTrackView[]): number {
    const have = new Set(queue.value.map((t) => t.key))
    const fresh = playable(tracks).filter((t) => !have.has(t.key))
    const atEnd = index.value === queue.value.length - 1
    queue.value = [...queue.value, ...fresh]
    if (fresh.length && (index.value < 0 || (waiting && atEnd))) {
      load(index.value + 1)
      playing.value = true
    }
    waiting = false
    return fresh.length
  }

  /** Takes songs out of the upcoming queue (the current song keeps playing). */
  function remove(key: string): void {
    const at = queue.value.findIndex((t) => t.key === key)
    if (at < 0 || at === index.value) return
    queue.value = queue.value.filter((_, i) => i !== at)
    if (at < index.value) index.value--
  }

  function load(i: number): void {
    index.value = i
    position.value = 0
    duration.value = 0
    seekTo.value = null
  }

  function toggle(): void {
    if (!current.value) return
    playing.value = !playing.value
  }

  function next(): void {
    if (hasNext.value) {
      load(index.value + 1)
    } else {
      playing.value = false
      seekTo.value = 0
      waiting = endless.value
    }
    void topUp()
  }

  function previous(): void {
    if (position.value > RESTART_AFTER || !hasPrevious.value) seekTo.value = 0
    else load(index.value - 1)
  }

  /** Plays the queued song with `key`. */
  function jump(key: string): void {
    const at = queue.value.findIndex((t) => t.key === key)
    if (at < 0) return
    load(at)
    playing.value = true
    void topUp()
  }

  function seek(seconds: number): void {
    if (!current.value || !Number.isFinite(seconds)) return
    seekTo.value = Math.max(0, duration.value ? Math.min(seconds, duration.value) : seconds)
  }

  /** The audio element moved (timeupdate / durationchange). */
  function report(at: number, length: number): void {
    position.value = Number.isFinite(at) ? at : 0
    duration.value = Number.isFinite(length) ? length : 0
  }

  /** The current song could not be played: say so and go on with the next one. */
  function failed(message: string): void {
    const song = current.value
    error.value = song ? `Could not play “${song.title}”: ${message}` : message
    next()
  }

  /** The browser refused to start sound (e.g. no click yet): show the play button again. */
  function blocked(): void {
    playing.value = false
  }

  function clear(): void {
    generation++
    waiting = false
    refill = null
    endless.value = false
    queue.value = []
    load(-1)
    playing.value = false
    label.value = ''
  }

  /**
   * Asks an endless queue for more songs while 3 or fewer are left after the current one. Stops
   * asking (and the queue simply ends) once a refill brings no new playable song.
   */
  async function topUp(): Promise<void> {
    const gen = generation
    while (refill && !refilling.value && remaining.value <= REFILL_AT) {
      refilling.value = true
      let more: MixTrackView[]
      try {
        more = await refill()
      } catch (e) {
        // Keep the station: the next song change tries again.
        if (gen === generation) {
          error.value = (e as Error).message
          refilling.value = false
          waiting = false
        }
        return
      }
      if (gen !== generation) return
      refilling.value = false
      if (enqueue(more) === 0) {
        refill = null
        endless.value = false
      }
    }
  }

  return {
    queue,
    index,
    playing,
    position,
    duration,
    seekTo,
    label,
    error,
    refilling,
    endless,
    current,
    remaining,
    hasNext,
    hasPrevious,
    playTracks,
    enqueue,
    remove,
    toggle,
    next,
    previous,
    jump,
    seek,
    report,
    failed,
    blocked,
    clear,
  }
})
