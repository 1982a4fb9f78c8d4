// Places catalogue songs into the Song2Vec space from their tags: training pairs from the model, placement of the rest.
import { songKey } from '../../../../src-shared/song-key'
import { join } from 'node:path'
import { loadYesDataset } from '../../catalog/yes'
import type { Song2VecModel } from '../../song2vec/types'
import type { PlacedSongs } from '../placed'
import {
  fitTagModel,
  tagPredictor,
  type TagExample,
  type TagFitOptions,
  type TagFitReport,
  type TagModel,
} from './tag-model'

/** A song as content placement sees it. */
export interface TaggedSong {
  /** Vocabulary key. */
  key: string
  tags: readonly string[]
}

/** Training pairs: every vocabulary row of `model` whose key has tags, with its input vector. */
export function tagExamples(
  model: Pick<Song2VecModel, 'vocab' | 'input' | 'dim'>,
  tagsByKey: ReadonlyMap<string, readonly string[]>,
): (TagExample & { key: string })[] {
  const out: (TagExample & { key: string })[] = []
  model.vocab.forEach((key, row) => {
    const tags = tagsByKey.get(key)
    if (!tags || tags.length === 0) return
    out.push({ key, tags, vector: model.input.subarray(row * model.dim, (row + 1) * model.dim) })
  })
  return out
}

/** Places each song with at least one known tag (others are left out); rows follow the input order. */
export function placeByTags(model: TagModel, songs: readonly TaggedSong[]): PlacedSongs {
  const predict = tagPredictor(model)
  const keys: string[] = []
  const rows: Float32Array[] = []
  for (const s of songs) {
    const v = predict(s.tags)
    if (!v) continue
    keys.push(s.key)
    rows.push(v)
  }
  const vectors = new Float32Array(rows.length * model.dim)
  rows.forEach((v, i) => vectors.set(v, i * model.dim))
  return { keys, vectors, dim: model.dim, placedBy: 'tags' }
}

/**
 * Tags of a Yes-format catalogue by song key (unknown and untagged songs left out; repeated keys
 * merge their tags). Read with the catalogue's own loader without playlists, so yes_complete
 * (which has no train.txt) works too and keys match the app's catalogue.
 */
export async function catalogueTags(dir: string): Promise<Map<string, string[]>> {
  const ds = await loadYesDataset(dir, { playlists: false }).catch((e: Error) => {
    throw new Error(`Cannot read the catalogue's ${dir}: ${e.message}`)
  })
  if (ds.tagNames.length === 0)
    throw new Error(`Cannot read the catalogue's ${join(dir, 'tag_hash.txt')}: no tag names`)
  const out = new Map<string, string[]>()
  for (const song of ds.songs) {
    if (!song.known || song.tags.length === 0) continue
    const key = songKey(song.artist, song.title)
    const have = out.get(key)
    out.set(key, have ? [...new Set([...have, ...song.tags])] : song.tags)
  }
  return out
}

/** Options of {@link placeCatalogueByTags}. */
export interface PlaceCatalogueOptions extends TagFitOptions {
  /** The trained model's vectors (vocabulary keys = song keys). */
  song2vec: Pick<Song2VecModel, 'vocab' | 'input' | 'dim'>
  /** Yes-format catalogue whose tagged songs are placed (e.g. resources/dataset/yes/yes_complete). */
  catalogueDir: string
  /** Also place songs the model already has (default false: only songs new to it). */
  includeKnown?: boolean
}

/**
 * Fits a tag model on the model's songs that have catalogue tags, then places every tagged
 * catalogue song the model does not know.
 */
export async function placeCatalogueByTags(
  opts: PlaceCatalogueOptions,
): Promise<{ placed: PlacedSongs; model: TagModel; report: TagFitReport }> {
  const tags = await catalogueTags(opts.catalogueDir)
  const examples = tagExamples(opts.song2vec, tags)
  if (examples.length === 0) {
    throw new Error(
      `None of the model's ${opts.song2vec.vocab.length} songs has tags in ${opts.catalogueDir}: the keys must be songKey(artist, title)`,
    )
  }
  const { model, report } = fitTagModel(examples, opts)
  const known = new Set(opts.song2vec.vocab)
  const songs = [...tags]
    .filter(([key]) => opts.includeKnown || !known.has(key))
    .map(([key, t]) => ({ key, tags: t }))
  return { placed: placeByTags(model, songs), model, report }
}
