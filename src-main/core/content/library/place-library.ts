// Places the user's tracks the model did not learn from playlists: by their genre tags, by their sound, or both, each with its reason.
import { setImmediate as yieldToLoop } from 'node:timers/promises'
import type { PlacedBy } from '../../../../src-shared/contract'
import { combinePlacements, type PlacedSongs } from '../placed'
import { tagPredictor } from '../tags/tag-model'
import type { EpochReport } from '../nn/fit'
import type { PlacedRows } from '../../models/placed-files'
import { loadTagModel } from '../../models/tag-model-file'
import { loadWindowBlobs, type ContentTrack } from './analysis-cache'
import { placeByAudio } from './audio-inference'
import type { AudioModelInfo } from './audio-model-file'
import { audioModelFor, chooseAudioModel, noAudioModel, type KnownTrack } from './audio-training'
import { genreTags } from './genres'
import { nearestRows } from './nearest'
import type { ContentSettings } from './settings'
import type { Db } from '../../store/db'

/** What placement needs from the app: the model in use and how songs are named. */
export interface PlacementContext {
  db: Db
  /** Folder of the model in use (its tag model, audio model and placed sets). */
  modelDir: string
  /** Dimensions of the model in use. */
  dim: number
  /** The vector the model learnt from playlists, or undefined. */
  trainedVector(key: string): Float32Array | undefined
  /** Name and tags of a song key. */
  describe(key: string): { artist: string; title: string; tags: readonly string[] }
  signal: AbortSignal
  /** Progress (0..1 of placement) with a one-line message. */
  report(progress: number, message: string): void
}

/** The placed rows and what went into them. */
export interface LibraryPlacement {
  rows: PlacedRows
  /** Songs of the library the model has not learnt from playlists. */
  unknown: number
  counts: Record<PlacedBy, number>
  audioModel: (AudioModelInfo & { reused: boolean }) | null
  /** Why no audio placement happened (null when it did). */
  audioReason: string | null
  /** Why no tag placement happened (null when it did). */
  tagReason: string | null
}

interface LibrarySong {
  key: string
  artist: string
  title: string
  genres: string[]
  /** An analysed track of the song (its windows are used), if any. */
  analysedId: number | undefined
}

/** One entry per song key of the library (tracks without artist and title have no key and are left out). */
function songsOf(tracks: readonly ContentTrack[]): LibrarySong[] {
  const byKey = new Map<string, LibrarySong>()
  for (const t of tracks) {
    if (!t.key) continue
    let s = byKey.get(t.key)
    if (!s) {
      s = {
        key: t.key,
        artist: t.artist ?? '',
        title: t.title ?? '',
        genres: [],
        analysedId: undefined,
      }
      byKey.set(t.key, s)
    }
    if (t.genre) s.genres.push(t.genre)
    if (t.state === 'analysed' && s.analysedId === undefined) s.analysedId = t.id
  }
  return [...byKey.values()]
}

/** Tags shown in a reason: the first few, one spelling each ("hip-hop", not also "hip hop"). */
function shownTags(tags: readonly string[], n = 3): string[] {
  const seen = new Set<string>()
  const out: string[] = []
  for (const t of tags) {
    const squashed = t.replace(/[\s&-]+|\band\b/g, '')
    if (seen.has(squashed)) continue
    seen.add(squashed)
    out.push(t)
    if (out.length === n) break
  }
  return out
}

function unit(v: ArrayLike<number>): Float32Array {
  const out = Float32Array.from(v)
  let ss = 0
  for (let d = 0; d < out.length; d++) ss += out[d] * out[d]
  if (ss > 0) for (let d = 0; d < out.length; d++) out[d] /= Math.sqrt(ss)
  return out
}

function stack(rows: readonly Float32Array[], dim: number): Float32Array {
  const out = new Float32Array(rows.length * dim)
  rows.forEach((r, i) => out.set(r, i * dim))
  return out
}

/**
 * Places every library song the model has not learnt: by its tags (its files' genres normalised to
 * the tag model's names, plus the catalogue's tags of the song) with the model folder's tag model,
 * and by its sound with an audio model learnt from the library songs the model does know
 * ('tags+audio' averages both). Heavy work runs in a worker (training) or in slices.
 */
export async function placeLibrary(
  ctx: PlacementContext,
  tracks: readonly ContentTrack[],
  settings: ContentSettings,
): Promise<LibraryPlacement> {
  const { signal, dim } = ctx
  const songs = songsOf(tracks)
  const known: LibrarySong[] = []
  const unknown: LibrarySong[] = []
  for (const s of songs) (ctx.trainedVector(s.key) ? known : unknown).push(s)

  // By tags.
  ctx.report(0, 'Placing your music by its tags…')
  let tagReason: string | null = null
  const tagsOf = new Map<string, string[]>()
  const tagPlaced: PlacedSongs = { keys: [], vectors: new Float32Array(0), dim, placedBy: 'tags' }
  const tagModel = unknown.length > 0 ? await loadTagModel(ctx.modelDir) : null
  if (unknown.length === 0) tagReason = 'Every song of your library is learnt from playlists'
  else if (!tagModel) tagReason = 'The model has no tag model: retrain it to place songs by tags'
  else if (tagModel.dim !== dim)
    tagReason = `The tag model has ${tagModel.dim} dimensions, the model ${dim}: retrain it`
  else {
    const names = new Set(tagModel.tagNames)
    const predict = tagPredictor(tagModel)
    const rows: Float32Array[] = []
    for (let i = 0; i < unknown.length; i++) {
      const s = unknown[i]
      const tags = [
        ...new Set([
          ...s.genres.flatMap((g) => genreTags(g, names)),
          ...ctx.describe(s.key).tags.flatMap((t) => genreTags(t, names)),
        ]),
      ]
      const v = tags.length > 0 ? predict(tags) : undefined
      if (v) {
        tagPlaced.keys.push(s.key)
        rows.push(v)
        tagsOf.set(s.key, tags)
      }
      if (i % 256 === 255) {
        await yieldToLoop()
        signal.throwIfAborted()
      }
    }
    tagPlaced.vectors = stack(rows, dim)
    if (rows.length === 0) tagReason = 'None of the songs to place has a genre the tag model knows'
  }

  // By sound.
  let audioReason: string | null = null
  let audioModel: LibraryPlacement['audioModel'] = null
  const audioPlaced: PlacedSongs = {
    keys: [],
    vectors: new Float32Array(0),
    dim,
    placedBy: 'audio',
  }
  let soundsLike: string[] = []
  const heard = unknown.filter((s) => s.analysedId !== undefined)
  const knownHeard = known
    .filter((s) => s.analysedId !== undefined)
    .sort((a, b) => (a.key < b.key ? -1 : 1))
  const choice = chooseAudioModel(knownHeard.length, settings)
  if (heard.length === 0)
    audioReason =
      unknown.length === 0
        ? 'Every song of your library is learnt from playlists'
        : 'None of the songs to place has been analysed yet'
  else if (choice.kind === null) audioReason = choice.reason
  if (audioReason !== null) await noAudioModel(ctx.modelDir, audioReason)
  else {
    const blobs = await loadWindowBlobs(
      ctx.db,
      [...knownHeard, ...heard].map((s) => s.analysedId!),
      signal,
    )
    const knownTracks: KnownTrack[] = knownHeard
      .filter((s) => blobs.has(s.analysedId!))
      .map((s) => ({
        key: s.key,
        windows: blobs.get(s.analysedId!)!,
        vector: unit(ctx.trainedVector(s.key)!),
      }))
    ctx.report(0.05, 'Learning how your music sounds…')
    const ready = await audioModelFor(ctx.modelDir, choice.kind!, knownTracks, settings, {
      signal,
      onEpoch: (e: EpochReport) =>
        ctx.report(
          0.05 + (0.8 * e.epoch) / e.epochs,
          `Learning how your music sounds: epoch ${e.epoch} of ${e.epochs} (${knownTracks.length} songs)`,
        ),
    })
    audioModel = { ...ready.info, reused: ready.reused }
    const items = heard
      .filter((s) => blobs.has(s.analysedId!))
      .map((s) => ({ key: s.key, windows: blobs.get(s.analysedId!)! }))
    ctx.report(0.86, 'Placing your music by its sound…')
    const vectors = await placeByAudio(ready.model, ready.onnx, items, {
      signal,
      onProgress: (done) =>
        ctx.report(
          0.86 + (0.08 * done) / items.length,
          `Placing your music by its sound: ${done} of ${items.length}`,
        ),
    })
    audioPlaced.keys = items.map((i) => i.key)
    audioPlaced.vectors = stack(vectors, dim)
    // "Sounds like" the nearest song the audio model learnt from.
    const nearest = await nearestRows(
      vectors,
      stack(
        knownTracks.map((k) => k.vector),
        dim,
      ),
      dim,
      signal,
    )
    const byKey = new Map(knownHeard.map((s) => [s.key, s]))
    soundsLike = [...nearest].map((c) => {
      const k = knownTracks[c].key
      const s = byKey.get(k)!
      const d = s.title && s.artist ? s : ctx.describe(k)
      return `sounds like "${d.title}" by ${d.artist}`
    })
  }

  // Both where both exist.
  ctx.report(0.95, 'Combining tags and sound…')
  const combined = combinePlacements(tagPlaced, audioPlaced)
  const inTags = new Set(tagPlaced.keys)
  const soundOf = new Map(audioPlaced.keys.map((k, i) => [k, soundsLike[i]]))
  const counts: Record<PlacedBy, number> = { tags: 0, audio: 0, 'tags+audio': 0 }
  const placedBy: PlacedBy[] = []
  const why: string[] = []
  for (const key of combined.keys) {
    const sound = soundOf.get(key)
    const tags = inTags.has(key) ? `shares tags ${shownTags(tagsOf.get(key)!).join(', ')}` : null
    const by: PlacedBy = tags && sound ? 'tags+audio' : tags ? 'tags' : 'audio'
    counts[by]++
    placedBy.push(by)
    why.push([tags, sound].filter(Boolean).join('; '))
  }
  return {
    rows: { keys: combined.keys, placedBy, why, vectors: combined.vectors, dim },
    unknown: unknown.length,
    counts,
    audioModel,
    audioReason,
    tagReason,
  }
}
