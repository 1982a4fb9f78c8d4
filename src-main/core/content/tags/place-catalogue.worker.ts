// Worker thread that fits the tag model on a trained model's songs and places the catalogue's other tagged songs (seconds of CPU).
import { isCleanTag } from '../../catalog/clean-tags'
import { serveWorkerTask } from '../../jobs/worker-task'
import type { PlaceCatalogueTask, PlaceCatalogueResult } from './place-catalogue'
import { catalogueTags, placeCatalogueByTags } from './place-by-tags'

void serveWorkerTask<PlaceCatalogueTask, PlaceCatalogueResult, string>(
  async ({ vocab, input, dim, catalogueDir, seed, kind }, progress) => {
    const tags = await catalogueTags(catalogueDir)
    const { placed, model, report } = await placeCatalogueByTags({
      song2vec: { vocab, input, dim },
      catalogueDir,
      seed,
      kind,
      onProgress: progress,
    })
    const why = placed.keys.map(
      (k) => `tagged ${(tags.get(k) ?? []).filter(isCleanTag).slice(0, 3).join(', ')}`,
    )
    return { placed, why, model, report }
  },
  (r) => [r.placed.vectors.buffer as ArrayBuffer],
)
