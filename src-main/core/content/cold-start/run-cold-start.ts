// `eval --cold-start`: hold songs out of training entirely, place them by content (tags, audio), score them on held-out playlists.
import { normalizeArtist } from '../../../../src-shared/song-key'
import { cleanPlaylists, loadYesDataset } from '../../catalog/yes'
import { splitPlaylists } from '../../eval/split'
import { SERVED_SONG2VEC } from '../../recommend/defaults'
import { train } from '../../song2vec/trainer'
import type { Song2VecParams } from '../../song2vec/types'
import { analyzeLibrary } from '../audio/analyze-library'
import { audioPredictor, type AudioFitOptions, type AudioFitReport } from '../audio/audio-model'
import type { WindowOptions } from '../audio/windows'
import { trainAudioModel } from '../audio/train-audio'
import { fitTagModel, tagPredictor, type TagFitOptions, type TagFitReport } from '../tags/tag-model'
import { pickColdSongs, withoutSongs } from './cold-split'
import {
  coldQueries,
  contentScorer,
  fixedScorer,
  randomScorer,
  scoreMethod,
  type ColdScores,
  type WarmSpace,
} from './score-cold'

/** Content sources a cold-start run can place songs with. */
export type ContentSource = 'tags' | 'audio'

/** Options of {@link runColdStart} (the CLI's `eval --cold-start` flags and more). */
export interface ColdStartOptions {
  /** Yes-format directory. */
  dataset: string
  /** Playlists held out (default 1000). */
  holdout?: number
  /** Seed of the playlist split (as `eval`), the cold sample and every model (default 123). */
  seed?: number
  /** Cold songs recommended per query (default 25). */
  topn?: number
  /** Context radius of the queries (default 10). */
  window?: number
  /** Songs held out of training entirely and placed by content (default 500). */
  coldSongs?: number
  /** Song2Vec parameters (default: the served model's). */
  song2vec?: Partial<Song2VecParams>
  /** Content to place with (default: tags, plus audio when `audio` is given). */
  sources?: ContentSource[]
  /** Tag model options (default: measure ridge and MLP, keep the better). */
  tags?: TagFitOptions
  /** Audio files by catalogue song id, and how to analyse and learn from them. */
  audio?: {
    files: ReadonlyMap<number, string>
    windows?: WindowOptions
    fit?: Omit<AudioFitOptions, 'signal' | 'onEpoch'>
    /** Analysis threads (default 2). */
    threads?: number
  }
  signal?: AbortSignal
  onProgress?: (message: string) => void
}

/** The report (`"cold_start"` of `eval --json`; fields as in docs/CLI.md, more added). */
export interface ColdStartReport {
  /** Cold songs placed and ranked. */
  songs: number
  /** AHR@topn over held-out playlists, counting only the cold songs' occurrences. */
  ahr: { content: number; popular: number; random: number }
  /** mAP (full ranking of the cold pool per held-out playlist) as in the NIPS 2013 paper. */
  map: { content: number; popular: number; random: number }
  /** Mean AUC of the same rankings. */
  auc: { content: number; popular: number; random: number }
  /** What "content" was: the combination of every requested source. */
  content: string
  /** Figures of each source alone, and of their combination when there are several. */
  sources: Record<string, ColdScores>
  protocol: {
    holdout: number
    seed: number
    topn: number
    window: number
    candidates: string
    popular: string
    random: string
  }
  /** Held-out playlists with at least one scored cold occurrence. */
  playlists: number
  /** Cold occurrences scored / skipped (no known neighbour in the window). */
  occurrences: number
  skippedOccurrences: number
  /** Training playlists and songs of the Song2Vec model (cold songs removed). */
  trainPlaylists: number
  modelSongs: number
  tagModel?: TagFitReport
  audioModel?: AudioFitReport
  seconds: { song2vec: number; content: number; total: number }
}

/** Runs the cold-start protocol of docs/CLI.md (`eval --cold-start`). */
export async function runColdStart(opts: ColdStartOptions): Promise<ColdStartReport> {
  const started = performance.now()
  const holdout = opts.holdout ?? 1000
  const seed = opts.seed ?? 123
  const topn = opts.topn ?? 25
  const window = opts.window ?? 10
  const coldCount = opts.coldSongs ?? 500
  const sources = opts.sources ?? (opts.audio ? ['tags', 'audio'] : ['tags'])
  const { signal } = opts
  const say = (m: string): void => opts.onProgress?.(m)
  if (sources.length === 0) throw new Error('No content source: use tags, audio or both')
  for (const s of sources)
    if (s !== 'tags' && s !== 'audio')
      throw new Error(`Unknown content source '${s}': use tags or audio`)
  if (sources.includes('audio') && !opts.audio)
    throw new Error('Audio placement needs audio files: pass audio.files (song id → path)')

  const ds = await loadYesDataset(opts.dataset)
  const split = splitPlaylists(cleanPlaylists(ds), holdout, seed)
  const tagsOf = (id: number): readonly string[] => ds.songs[id].tags
  const files = opts.audio?.files
  const eligible = (id: number): boolean =>
    (!sources.includes('tags') || tagsOf(id).length > 0) &&
    (!sources.includes('audio') || files!.has(id))
  const cold = pickColdSongs(split.heldout, eligible, coldCount, seed)
  const coldSet = new Set(cold)
  const trainLists = withoutSongs(split.train, coldSet)
  say(`${cold.length} cold songs held out of ${trainLists.length} training playlists`)

  // The collaborative space, learnt without the cold songs.
  let t0 = performance.now()
  const params = { ...SERVED_SONG2VEC, ...opts.song2vec, seed: opts.song2vec?.seed ?? seed }
  const model = await train(
    trainLists.map((p) => p.map(String)),
    params,
    { signal, onProgress: (p) => say(`Song2Vec epoch ${p.epoch}/${p.epochs}`) },
  )
  const song2vecSeconds = (performance.now() - t0) / 1000
  const dim = model.dim
  const unitRow = new Map<number, Float32Array>()
  model.vocab.forEach((key, r) =>
    unitRow.set(Number(key), unitInPlace(model.input.slice(r * dim, (r + 1) * dim))),
  )
  const warm: WarmSpace = { dim, row: (id) => unitRow.get(id) }

  // Place the cold songs with each source.
  t0 = performance.now()
  const placements = new Map<string, Float32Array>()
  const extra = new Map<string, Float32Array>()
  const report: Partial<ColdStartReport> = {}
  if (sources.includes('tags')) {
    const examples = [...unitRow]
      .filter(([id]) => tagsOf(id).length > 0)
      .map(([id, v]) => ({ tags: tagsOf(id), vector: v }))
    const kind = opts.tags?.kind ?? 'auto'
    // 'auto' fits both models, places the cold songs with each (reported as tags:ridge and tags:mlp)
    // and keeps as "tags" the one with the better validation cosine.
    const kinds = kind === 'auto' ? (['ridge', 'mlp'] as const) : [kind]
    let best: { cosine: number; vectors: Float32Array; kind: 'ridge' | 'mlp' } | undefined
    let merged: TagFitReport | undefined
    for (const k of kinds) {
      const { model: tagModel, report: r } = fitTagModel(examples, {
        seed,
        ...opts.tags,
        kind: k,
        signal,
        onProgress: say,
      })
      const predict = tagPredictor(tagModel)
      const vectors = stack(
        cold.map((id) => predict(tagsOf(id)) ?? new Float32Array(dim)),
        dim,
      )
      const cosine = (k === 'ridge' ? r.ridge?.cosine : r.mlp?.cosine) ?? -Infinity
      if (kinds.length > 1) extra.set(`tags:${k}`, vectors)
      merged = {
        ...r,
        ...(merged?.ridge ? { ridge: merged.ridge } : {}),
        ...(merged?.mlp ? { mlp: merged.mlp } : {}),
      }
      if (!best || cosine > best.cosine) best = { cosine, vectors, kind: k }
    }
    report.tagModel = { ...merged!, chosen: best!.kind }
    placements.set('tags', best!.vectors)
  }
  if (sources.includes('audio') && opts.audio && files) {
    const wanted = [...new Set([...cold, ...[...unitRow.keys()].filter((id) => files.has(id))])]
    const windowsOf = new Map<number, Float32Array[]>()
    const summary = await analyzeLibrary(
      wanted.map((id) => ({ id: String(id), path: files.get(id)! })),
      {
        windows: opts.audio.windows,
        keepWindows: true,
        threads: opts.audio.threads,
        signal,
        onTrack: (r) => windowsOf.set(Number(r.id), r.windows!),
        onProgress: (p) => say(`Analysing audio ${p.done}/${p.total}`),
      },
    )
    if (summary.failed.length > 0)
      say(
        `${summary.failed.length} audio files could not be analysed (first: ${summary.failed[0].error})`,
      )
    const examples = [...unitRow]
      .filter(([id]) => windowsOf.has(id))
      .map(([id, v]) => ({ windows: windowsOf.get(id)!, vector: v }))
    const { model: audioModel, report: audioReport } = await trainAudioModel(examples, {
      seed,
      mels: opts.audio.windows?.mels,
      ...opts.audio.fit,
      signal,
      onProgress: (e) =>
        say(`Audio model epoch ${e.epoch}/${e.epochs}: loss ${e.trainLoss.toFixed(4)}`),
    })
    report.audioModel = audioReport
    const predict = audioPredictor(audioModel)
    placements.set(
      'audio',
      stack(
        cold.map((id) => (windowsOf.has(id) ? predict(windowsOf.get(id)!) : new Float32Array(dim))),
        dim,
      ),
    )
  }
  if (placements.size > 1) {
    const combined = new Float32Array(cold.length * dim)
    for (const v of placements.values())
      for (let i = 0; i < combined.length; i++) combined[i] += v[i]
    for (let c = 0; c < cold.length; c++) unitInPlace(combined.subarray(c * dim, (c + 1) * dim))
    placements.set(sources.join('+'), combined)
  }
  const contentSeconds = (performance.now() - t0) / 1000

  // Score.
  const poolIndex = new Map(cold.map((id, i) => [id, i]))
  const queries = coldQueries(split.heldout, poolIndex, warm, window)
  const bySource: Record<string, ColdScores> = {}
  for (const [name, vectors] of [...placements, ...extra])
    bySource[name] = scoreMethod(queries, contentScorer(vectors, dim), topn)
  const contentName = sources.length > 1 ? sources.join('+') : sources[0]
  const popular = scoreMethod(
    queries,
    fixedScorer(artistPopularity(cold, ds.songs, trainLists)),
    topn,
  )
  const random = scoreMethod(queries, randomScorer(cold.length, seed), topn)
  const content = bySource[contentName]
  const occurrences = queries.occurrences.reduce((s, l) => s + l.length, 0)
  return {
    songs: cold.length,
    ahr: { content: content.ahr, popular: popular.ahr, random: random.ahr },
    map: { content: content.map, popular: popular.map, random: random.map },
    auc: { content: content.auc, popular: popular.auc, random: random.auc },
    content: contentName,
    sources: bySource,
    protocol: {
      holdout,
      seed,
      topn,
      window,
      candidates:
        'the cold songs only: each is ranked among the other cold songs (none of them is in the model)',
      popular:
        "cold songs ranked by how often their artist occurs in the training playlists (a new song's only popularity signal)",
      random: 'uniform random scores per query, seeded',
    },
    playlists: queries.occurrences.length,
    occurrences,
    skippedOccurrences: queries.skipped,
    trainPlaylists: trainLists.length,
    modelSongs: model.vocab.length,
    ...report,
    seconds: {
      song2vec: song2vecSeconds,
      content: contentSeconds,
      total: (performance.now() - started) / 1000,
    },
  }
}

/** Occurrences of each cold song's (normalised) artist in the training playlists; ties keep id order in ranking. */
function artistPopularity(
  cold: readonly number[],
  songs: readonly { artist: string }[],
  trainLists: readonly (readonly number[])[],
): Float64Array {
  const byArtist = new Map<string, number>()
  for (const p of trainLists) {
    for (const id of p) {
      const a = normalizeArtist(songs[id].artist)
      byArtist.set(a, (byArtist.get(a) ?? 0) + 1)
    }
  }
  return Float64Array.from(cold, (id) => byArtist.get(normalizeArtist(songs[id].artist)) ?? 0)
}

/** Scales `v` to unit length in place (zero stays zero); returns it. */
function unitInPlace(v: Float32Array): Float32Array {
  let ss = 0
  for (let d = 0; d < v.length; d++) ss += v[d] * v[d]
  const inv = ss > 0 ? 1 / Math.sqrt(ss) : 0
  for (let d = 0; d < v.length; d++) v[d] *= inv
  return v
}

function stack(rows: readonly Float32Array[], dim: number): Float32Array {
  const out = new Float32Array(rows.length * dim)
  rows.forEach((r, i) => out.set(r, i * dim))
  return out
}
