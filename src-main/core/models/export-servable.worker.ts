// Worker thread that writes a model folder's ONNX graph over every served row (seconds of CPU at 50k songs × 256).
import { serveWorkerTask } from '../jobs/worker-task'
import { recordChecksum } from './checksums'
import { ONNX_FILE } from './registry'
import { loadServable, writeServableOnnx } from './servable'

void serveWorkerTask<{ dir: string; id: string }, { rows: number; trained: number }>(
  async ({ dir, id }) => {
    const model = await loadServable(dir)
    writeServableOnnx(dir, id, model)
    await recordChecksum(dir, ONNX_FILE)
    return { rows: model.vocab.length, trained: model.trained }
  },
)
