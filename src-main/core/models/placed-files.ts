// Songs placed by content, stored beside a model: a JSON index (the commit point) naming its vector file, so a killed write never tears a set.
import { createHash, randomBytes } from 'node:crypto'
import { readdir, readFile, rm, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import type { PlacedBy } from '../../../src-shared/contract'
import { writeFileAtomic } from '../util/fs-atomic'

/** The two sets a model folder may hold: research-catalogue songs (placed at training) and the user's tracks. */
export type PlacedSetName = 'catalogue' | 'library'

/** Songs placed by content in a model's space. */
export interface PlacedRows {
  /** Song keys. */
  keys: string[]
  /** What placed each song. */
  placedBy: PlacedBy[]
  /** One short reason per song ("shares tags rock, 80s", `sounds like "X" by Y`). */
  why: string[]
  /** Unit vectors, row-major `keys.length × dim`. */
  vectors: Float32Array
  dim: number
}

interface PlacedIndex {
  format: 'segue-placed'
  version: 1
  dim: number
  keys: string[]
  placedBy: PlacedBy[]
  why: string[]
  /** The vector file of this set (a fresh name per write). */
  file: string
  sha256: string
}

const PLACED_BY = new Set<string>(['tags', 'audio', 'tags+audio'])

const indexFile = (name: PlacedSetName) => `placed-${name}.json`

/** Writes `rows` as the `name` set of `modelDir`, replacing the previous one only once complete. */
export async function savePlaced(
  modelDir: string,
  name: PlacedSetName,
  rows: PlacedRows,
): Promise<void> {
  const n = rows.keys.length
  if (rows.placedBy.length !== n || rows.why.length !== n || rows.vectors.length !== n * rows.dim)
    throw new Error(`Cannot save ${n} placed songs: keys, reasons and vectors differ in length`)
  const bytes = new Uint8Array(
    rows.vectors.buffer,
    rows.vectors.byteOffset,
    rows.vectors.byteLength,
  )
  const file = `placed-${name}-${randomBytes(4).toString('hex')}.f32`
  await writeFile(join(modelDir, file), bytes)
  const index: PlacedIndex = {
    format: 'segue-placed',
    version: 1,
    dim: rows.dim,
    keys: rows.keys,
    placedBy: rows.placedBy,
    why: rows.why,
    file,
    sha256: createHash('sha256').update(bytes).digest('hex'),
  }
  await writeFileAtomic(join(modelDir, indexFile(name)), JSON.stringify(index))
  // Vector files of earlier writes are no longer named by the index.
  for (const other of await readdir(modelDir)) {
    if (other.startsWith(`placed-${name}-`) && other !== file)
      await rm(join(modelDir, other), { force: true })
  }
}

/** The `name` set of `modelDir`, or null when the model has none; a damaged set is an error naming the file. */
export async function loadPlaced(
  modelDir: string,
  name: PlacedSetName,
): Promise<PlacedRows | null> {
  const path = join(modelDir, indexFile(name))
  let text: string
  try {
    text = await readFile(path, 'utf8')
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return null
    throw e
  }
  const damaged = (why: string) =>
    new Error(`${path} is damaged (${why}): run "Analyse my music" or retrain to place songs again`)
  let index: PlacedIndex
  try {
    index = JSON.parse(text) as PlacedIndex
  } catch (e) {
    throw damaged((e as Error).message)
  }
  const n = Array.isArray(index.keys) ? index.keys.length : -1
  if (index.format !== 'segue-placed' || index.version !== 1 || n < 0)
    throw damaged('not a placed-songs index')
  if (!Number.isInteger(index.dim) || index.dim < 1) throw damaged('bad dimension')
  if (index.placedBy?.length !== n || index.why?.length !== n) throw damaged('lengths differ')
  if (index.placedBy.some((p) => !PLACED_BY.has(p))) throw damaged('unknown placement kind')
  if (!/^placed-[a-z]+-[0-9a-f]+\.f32$/.test(index.file)) throw damaged('bad vector file name')
  const bytes = await readFile(join(modelDir, index.file)).catch(() => {
    throw damaged(`${index.file} is missing`)
  })
  if (bytes.length !== n * index.dim * 4) throw damaged(`${index.file} has the wrong size`)
  if (createHash('sha256').update(bytes).digest('hex') !== index.sha256)
    throw damaged(`${index.file} does not match its checksum`)
  const vectors = new Float32Array(n * index.dim)
  new Uint8Array(vectors.buffer).set(bytes)
  return { keys: index.keys, placedBy: index.placedBy, why: index.why, vectors, dim: index.dim }
}
