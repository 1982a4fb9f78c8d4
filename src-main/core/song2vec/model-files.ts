// Saves and loads a trained model as a versioned folder, written so a killed process never leaves half a model.
import { createHash } from 'node:crypto'
import { mkdir, open, readFile, rename, rm, stat } from 'node:fs/promises'
import { endianness } from 'node:os'
import { basename, dirname, join } from 'node:path'
import { resolveParams } from './params'
import type { Song2VecModel, Song2VecParams } from './types'
import { parseVocabTsv, vocabTsv } from './vocab-tsv'

/** What `model.json` holds. */
export interface ModelManifest {
  format: typeof FORMAT
  version: typeof VERSION
  params: Song2VecParams
  dim: number
  vocabSize: number
  lossHistory: number[]
  /** When the model was saved (ISO 8601). */
  created: string
  /** sha256 (hex) of vocab.tsv's bytes. */
  vocabSha256: string
}

export const FORMAT = 'segue-song2vec'
export const VERSION = 1
export const MANIFEST_FILE = 'model.json'
export const VOCAB_FILE = 'vocab.tsv'
export const INPUT_FILE = 'input.f32'
export const OUTPUT_FILE = 'output.f32'

/**
 * Writes `model` to the folder `dir` (model.json, vocab.tsv, input.f32, output.f32 as raw
 * little-endian float32). Everything goes to a sibling temporary folder first, which then replaces
 * `dir` by rename.
 */
export async function saveModel(dir: string, model: Song2VecModel): Promise<void> {
  checkModel(model)
  const vocab = Buffer.from(vocabTsv(model.vocab, model.counts), 'utf8')
  const manifest: ModelManifest = {
    format: FORMAT,
    version: VERSION,
    params: model.params,
    dim: model.dim,
    vocabSize: model.vocab.length,
    lossHistory: model.lossHistory,
    created: new Date().toISOString(),
    vocabSha256: sha256(vocab),
  }
  await writeModelFolder(dir, [
    [VOCAB_FILE, vocab],
    [INPUT_FILE, floatBytes(model.input)],
    [OUTPUT_FILE, floatBytes(model.output)],
    [MANIFEST_FILE, Buffer.from(JSON.stringify(manifest, null, 1) + '\n')],
  ])
}

/**
 * Writes `files` (name, bytes; the manifest last) into a sibling temporary folder, synced, which
 * then replaces `dir` by rename: a killed process leaves the old folder or the new, never half.
 */
export async function writeModelFolder(
  dir: string,
  files: readonly (readonly [string, Uint8Array])[],
): Promise<void> {
  await mkdir(dirname(dir), { recursive: true })
  const tmp = join(dirname(dir), `.${basename(dir)}.${process.pid}.${Date.now()}.tmp`)
  await rm(tmp, { recursive: true, force: true })
  await mkdir(tmp)
  try {
    for (const [name, bytes] of files) await writeSynced(join(tmp, name), bytes)
    await replaceDir(tmp, dir)
  } catch (e) {
    await rm(tmp, { recursive: true, force: true })
    throw e
  }
}

/** Reads a model folder written by `saveModel`; any inconsistency is an error naming the file. */
export async function loadModel(dir: string): Promise<Song2VecModel> {
  const manifest = await readManifest(dir)
  const { words, counts } = await readVocab(dir, manifest)
  const size = manifest.vocabSize * manifest.dim
  const what = `${manifest.vocabSize} songs × ${manifest.dim} dimensions`
  const input = await readFloatFile(join(dir, INPUT_FILE), size, what)
  const output = await readFloatFile(join(dir, OUTPUT_FILE), size, what)
  return {
    vocab: words,
    counts,
    dim: manifest.dim,
    input,
    output,
    params: manifest.params,
    lossHistory: manifest.lossHistory,
  }
}

/** Only a model folder's vocabulary (checked against its manifest): cheap, no vectors read. */
export async function loadVocab(dir: string): Promise<{ words: string[]; counts: Uint32Array }> {
  return readVocab(dir, await readManifest(dir))
}

/** Only a model folder's manifest. */
export async function readManifest(dir: string): Promise<ModelManifest> {
  const file = join(dir, MANIFEST_FILE)
  let text: string
  try {
    text = await readFile(file, 'utf8')
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') {
      throw new Error(`Not a Song2Vec model folder: ${file} is missing`)
    }
    throw e
  }
  let m: Partial<ModelManifest>
  try {
    m = JSON.parse(text) as Partial<ModelManifest>
  } catch (e) {
    throw new Error(
      `${file} is not valid JSON (${(e as Error).message}): the model is damaged; retrain it`,
    )
  }
  if (m.format !== FORMAT)
    throw new Error(`${file}: not a Song2Vec model (format ${JSON.stringify(m.format)})`)
  if (m.version !== VERSION) {
    throw new Error(
      `${file}: model format version ${m.version} is not supported (this app reads ${VERSION}); retrain it`,
    )
  }
  const whole = (v: unknown, min: number): boolean =>
    typeof v === 'number' && Number.isInteger(v) && v >= min
  if (!whole(m.dim, 1) || !whole(m.vocabSize, 0) || typeof m.vocabSha256 !== 'string') {
    throw new Error(`${file}: dim, vocabSize or vocabSha256 is missing or invalid`)
  }
  if (!Array.isArray(m.lossHistory) || m.lossHistory.some((x) => typeof x !== 'number')) {
    throw new Error(`${file}: lossHistory must be an array of numbers`)
  }
  let params: Song2VecParams
  try {
    params = resolveParams(m.params ?? {})
  } catch (e) {
    throw new Error(`${file}: ${(e as Error).message}`)
  }
  if (params.dim !== m.dim)
    throw new Error(`${file}: params.dim ${params.dim} differs from dim ${m.dim}`)
  return { ...(m as ModelManifest), params }
}

async function readVocab(
  dir: string,
  manifest: ModelManifest,
): Promise<{ words: string[]; counts: Uint32Array }> {
  const file = join(dir, VOCAB_FILE)
  const bytes = await readFile(file).catch((e: NodeJS.ErrnoException) => {
    throw e.code === 'ENOENT' ? new Error(`Song2Vec model is incomplete: ${file} is missing`) : e
  })
  if (sha256(bytes) !== manifest.vocabSha256) {
    throw new Error(
      `${file} does not match the hash in ${MANIFEST_FILE}: the model is damaged; retrain it`,
    )
  }
  const vocab = parseVocabTsv(bytes.toString('utf8'), file)
  if (vocab.words.length !== manifest.vocabSize) {
    throw new Error(
      `${file} has ${vocab.words.length} songs but ${MANIFEST_FILE} says ${manifest.vocabSize}`,
    )
  }
  return vocab
}

/** Reads `size` little-endian float32 values; a missing or wrongly sized file is an error naming it. */
export async function readFloatFile(
  file: string,
  size: number,
  what: string,
): Promise<Float32Array> {
  const expected = size * 4
  const actual = await stat(file).then(
    (s) => s.size,
    (e: NodeJS.ErrnoException) => {
      throw e.code === 'ENOENT' ? new Error(`The model is incomplete: ${file} is missing`) : e
    },
  )
  if (actual !== expected) {
    throw new Error(
      `${file} has ${actual} bytes, expected ${expected} (${what} × 4): ` +
        'the model is damaged; retrain it',
    )
  }
  checkEndianness()
  const out = new Float32Array(size)
  const handle = await open(file, 'r')
  try {
    const bytes = new Uint8Array(out.buffer)
    for (let at = 0; at < expected;) {
      const { bytesRead } = await handle.read(bytes, at, expected - at, at)
      if (bytesRead === 0) throw new Error(`${file} ended early: the model is damaged; retrain it`)
      at += bytesRead
    }
  } finally {
    await handle.close()
  }
  return out
}

function checkModel(model: Song2VecModel): void {
  const size = model.vocab.length * model.dim
  if (model.input.length !== size || model.output.length !== size) {
    throw new Error(
      `Cannot save the model: its vectors do not hold ${model.vocab.length} × ${model.dim} values`,
    )
  }
  if (model.counts.length !== model.vocab.length) {
    throw new Error('Cannot save the model: counts and vocabulary differ in length')
  }
}

export function floatBytes(a: Float32Array): Uint8Array {
  checkEndianness()
  return new Uint8Array(a.buffer, a.byteOffset, a.byteLength)
}

function checkEndianness(): void {
  if (endianness() !== 'LE') throw new Error('Song2Vec model files need a little-endian machine')
}

async function writeSynced(file: string, data: Uint8Array): Promise<void> {
  const handle = await open(file, 'w')
  try {
    await handle.writeFile(data)
    await handle.sync()
  } finally {
    await handle.close()
  }
}

/** Puts folder `from` at `to`: a rename, after moving any previous `to` aside (removed after). */
async function replaceDir(from: string, to: string): Promise<void> {
  const old = `${to}.${process.pid}.${Date.now()}.old`
  let moved = false
  try {
    await rename(to, old)
    moved = true
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e
  }
  try {
    await rename(from, to)
  } catch (e) {
    if (moved) await rename(old, to)
    throw e
  }
  if (moved) await rm(old, { recursive: true, force: true })
}

export function sha256(data: Uint8Array): string {
  return createHash('sha256').update(data).digest('hex')
}
