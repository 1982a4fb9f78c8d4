// Places the research catalogue's tagged songs in a freshly trained model's space, off the main thread (the MLP fit takes ~14 s).
import { runWorkerTask } from '../../jobs/worker-task'
import type { PlacedSongs } from '../placed'
import type { TagFitReport, TagModel, TagModelKind } from './tag-model'

/** What the worker gets: the trained vectors and the catalogue to place. */
export interface PlaceCatalogueTask {
  vocab: string[]
  input: Float32Array
  dim: number
  /** Yes-format folder with tags (resources/dataset/yes/yes_complete). */
  catalogueDir: string
  seed?: number
  /** Which regressor (default 'auto': both measured, the better kept). */
  kind?: TagModelKind
}

/** The placed songs with a reason each, and the fitted tag model (kept to place the user's tracks later). */
export interface PlaceCatalogueResult {
  placed: PlacedSongs
  why: string[]
  model: TagModel
  report: TagFitReport
}

export function placeCatalogueInWorker(
  task: PlaceCatalogueTask,
  opts: { signal?: AbortSignal; onProgress?: (message: string) => void } = {},
): Promise<PlaceCatalogueResult> {
  return runWorkerTask<PlaceCatalogueResult, string>(
    new URL('./place-catalogue.worker.js', import.meta.url),
    task,
    { ...opts, label: 'Placing the catalogue by tags' },
  )
}
