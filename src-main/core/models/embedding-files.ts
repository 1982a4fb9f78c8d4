// Model folders of the collaborative models other than Song2Vec (ALS, autoencoder): song vectors, vocabulary and a manifest.
import { readFile, stat } from 'node:fs/promises'
import { join } from 'node:path'
import type { ModelKind } from '../../../src-shared/contract'
import {
  floatBytes,
  INPUT_FILE,
  loadModel,
  MANIFEST_FILE,
  readFloatFile,
  sha256,
  VOCAB_FILE,
  writeModelFolder,
} from '../song2vec/model-files'
import { parseVocabTsv, vocabTsv } from '../song2vec/vocab-tsv'

const EMBEDDING_FILE = 'embedding.json'

/** Song vectors learnt by any of the app's collaborative models. */
export interface SongVectors {
  kind: ModelKind
  /** 'cbow' | 'sg' (Song2Vec), 'als', 'autoencoder'. */
  algo: string
  /** Song keys, index = row. */
  vocab: string[]
  /** Occurrences of each song in the training playlists. */
  counts: Uint32Array
  dim: number
  /** The song vectors, row-major `vocab.length × dim`. */
  input: Float32Array
  /** Song2Vec's output layer (the served "output" head); absent for the other kinds. */
  output?: Float32Array
  /** Epochs (sweeps for ALS). */
  epochs: number
  lossHistory: number[]
  /** The training parameters, as the model recorded them. */
  params: Record<string, unknown>
}

interface EmbeddingManifest {
  format: 'segue-embedding'
  version: 1
  kind: Exclude<ModelKind, 'song2vec'>
  algo: string
  dim: number
  vocabSize: number
  epochs: number
  lossHistory: number[]
  params: Record<string, unknown>
  vocabSha256: string
}

/** Writes an ALS or autoencoder model folder (Song2Vec models keep `saveModel`'s format). */
export async function saveVectors(dir: string, model: SongVectors): Promise<void> {
  if (model.kind === 'song2vec') throw new Error('Song2Vec models are saved with saveModel')
  if (
    model.input.length !== model.vocab.length * model.dim ||
    model.counts.length !== model.vocab.length
  )
    throw new Error(`Cannot save the ${model.kind} model: its arrays do not match its vocabulary`)
  const vocab = Buffer.from(vocabTsv(model.vocab, model.counts), 'utf8')
  const manifest: EmbeddingManifest = {
    format: 'segue-embedding',
    version: 1,
    kind: model.kind,
    algo: model.algo,
    dim: model.dim,
    vocabSize: model.vocab.length,
    epochs: model.epochs,
    lossHistory: model.lossHistory,
    params: model.params,
    vocabSha256: sha256(vocab),
  }
  await writeModelFolder(dir, [
    [VOCAB_FILE, vocab],
    [INPUT_FILE, floatBytes(model.input)],
    [EMBEDDING_FILE, Buffer.from(JSON.stringify(manifest, null, 1) + '\n')],
  ])
}

/** Reads any model folder the app writes: Song2Vec (`model.json`) or ALS/autoencoder (`embedding.json`). */
export async function loadVectors(dir: string): Promise<SongVectors> {
  const isSong2Vec = await stat(join(dir, MANIFEST_FILE)).then(
    () => true,
    () => false,
  )
  if (isSong2Vec) {
    const m = await loadModel(dir)
    return {
      kind: 'song2vec',
      algo: m.params.algo,
      vocab: m.vocab,
      counts: m.counts,
      dim: m.dim,
      input: m.input,
      output: m.output,
      epochs: m.params.epochs,
      lossHistory: m.lossHistory,
      params: { ...m.params },
    }
  }
  const file = join(dir, EMBEDDING_FILE)
  const text = await readFile(file, 'utf8').catch(() => {
    throw new Error(`Not a model folder: neither ${MANIFEST_FILE} nor ${EMBEDDING_FILE} in ${dir}`)
  })
  const m = JSON.parse(text) as EmbeddingManifest
  if (m.format !== 'segue-embedding' || m.version !== 1 || !['als', 'autoencoder'].includes(m.kind))
    throw new Error(`${file}: not a model this app can read; retrain it`)
  if (!Number.isInteger(m.dim) || m.dim < 1 || !Number.isInteger(m.vocabSize) || m.vocabSize < 0)
    throw new Error(`${file}: dim or vocabSize is invalid; retrain it`)
  const bytes = await readFile(join(dir, VOCAB_FILE))
  if (sha256(bytes) !== m.vocabSha256)
    throw new Error(`${join(dir, VOCAB_FILE)} does not match ${EMBEDDING_FILE}: retrain the model`)
  const { words, counts } = parseVocabTsv(bytes.toString('utf8'), join(dir, VOCAB_FILE))
  if (words.length !== m.vocabSize)
    throw new Error(
      `${join(dir, VOCAB_FILE)} has ${words.length} songs, ${EMBEDDING_FILE} says ${m.vocabSize}`,
    )
  const input = await readFloatFile(
    join(dir, INPUT_FILE),
    m.vocabSize * m.dim,
    `${m.vocabSize} songs × ${m.dim} dimensions`,
  )
  return {
    kind: m.kind,
    algo: m.algo,
    vocab: words,
    counts,
    dim: m.dim,
    input,
    epochs: m.epochs,
    lossHistory: m.lossHistory,
    params: m.params,
  }
}
