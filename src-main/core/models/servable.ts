// What the app serves from a model folder: the learnt song vectors plus the songs placed by content, as one space with one ONNX graph.
import { join } from 'node:path'
import type { ModelKind, PlacedBy } from '../../../src-shared/contract'
import { exportOnnx, writeOnnx } from '../onnx/export'
import { servedHeadsOf } from '../recommend/defaults'
import { loadVectors, type SongVectors } from './embedding-files'
import { loadPlaced, type PlacedRows, type PlacedSetName } from './placed-files'
import { runWorkerTask } from '../jobs/worker-task'
import { ONNX_FILE } from './registry'

/** A model's learnt rows followed by its placed rows (counts 0, no output-layer evidence). */
export interface ServableModel {
  kind: ModelKind
  /** Learnt songs first (rows `0..trained-1`), then songs placed by content. */
  vocab: string[]
  counts: Uint32Array
  dim: number
  input: Float32Array
  /** Song2Vec's output layer for learnt rows, zeros for placed ones (other kinds: the input vectors). */
  output: Float32Array
  /** Rows learnt from playlists; rows from here on were placed by content. */
  trained: number
  /** What placed row `trained + i`. */
  placedBy: PlacedBy[]
  /** Why row `trained + i` is where it is ("shares tags …", "sounds like …"). */
  placedWhy: string[]
  /** Placed rows that came from the research catalogue (the rest are the user's tracks). */
  placedCatalogue: number
}

/** Joins learnt vectors and placed sets (the user's tracks win over the catalogue; learnt songs over both). */
export function servableOf(
  model: SongVectors,
  placed: Partial<Record<PlacedSetName, PlacedRows | null>>,
): ServableModel {
  const seen = new Set(model.vocab)
  const keys: string[] = []
  const placedBy: PlacedBy[] = []
  const placedWhy: string[] = []
  const rows: Float32Array[] = []
  let placedCatalogue = 0
  for (const name of ['library', 'catalogue'] as const) {
    const set = placed[name]
    if (!set) continue
    if (set.dim !== model.dim)
      throw new Error(
        `Placed songs have ${set.dim} dimensions, the model ${model.dim}: place them again`,
      )
    set.keys.forEach((key, i) => {
      if (seen.has(key)) return
      seen.add(key)
      keys.push(key)
      placedBy.push(set.placedBy[i])
      placedWhy.push(set.why[i])
      rows.push(set.vectors.subarray(i * set.dim, (i + 1) * set.dim))
      if (name === 'catalogue') placedCatalogue++
    })
  }
  const trained = model.vocab.length
  const total = trained + keys.length
  const input = new Float32Array(total * model.dim)
  input.set(model.input)
  rows.forEach((r, i) => input.set(r, (trained + i) * model.dim))
  const output = model.output ? new Float32Array(total * model.dim) : input
  if (model.output) output.set(model.output)
  const counts = new Uint32Array(total)
  counts.set(model.counts)
  return {
    kind: model.kind,
    vocab: [...model.vocab, ...keys],
    counts,
    dim: model.dim,
    input,
    output,
    trained,
    placedBy,
    placedWhy,
    placedCatalogue,
  }
}

/** A model folder as served: its vectors, then its 'library' and 'catalogue' placed sets. */
export async function loadServable(dir: string): Promise<ServableModel> {
  const vectors = await loadVectors(dir)
  return servableOf(vectors, {
    library: await loadPlaced(dir, 'library'),
    catalogue: await loadPlaced(dir, 'catalogue'),
  })
}

/** Writes the folder's ONNX graph over every served row (atomically: the old graph serves until it is replaced). */
export function writeServableOnnx(dir: string, id: string, model: ServableModel): void {
  writeOnnx(
    join(dir, ONNX_FILE),
    exportOnnx({ ...model, id }, { heads: servedHeadsOf(model.kind) }),
  )
}

/**
 * Exports the folder's ONNX graph (learnt + placed rows) in a worker thread, so the app stays
 * responsive; resolves with the number of rows served and learnt.
 */
export function exportServable(
  dir: string,
  id: string,
  signal?: AbortSignal,
): Promise<{ rows: number; trained: number }> {
  return runWorkerTask(
    new URL('./export-servable.worker.js', import.meta.url),
    { dir, id },
    { signal, label: 'The ONNX export' },
  )
}
