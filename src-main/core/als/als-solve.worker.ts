// Worker thread of ALS training: computes Gram blocks and solves claimed rows on the shared factors.
import { parentPort, workerData } from 'node:worker_threads'
import type { Csr } from './confidence'
import { gramOfBlock, solveClaimed, type AlsState } from './half-sweep'
import { createScratch } from './sweep'
import type { AlsRequest } from './worker-protocol'

// Rebuilt as literals: structured-clone objects may get slow property lookups in the hot loops.
const data = workerData as AlsState
const csr = (m: Csr): Csr => ({ rows: m.rows, indptr: m.indptr, indices: m.indices, conf: m.conf })
const state: AlsState = {
  byUser: csr(data.byUser),
  byItem: csr(data.byItem),
  users: data.users,
  items: data.items,
  f: data.f,
  lambda: data.lambda,
  next: data.next,
}
const port = parentPort
if (!port) throw new Error('als-solve.worker must run as a worker thread')
const scratch = createScratch(state.f)

port.on('message', (req: AlsRequest) => {
  try {
    if (req.kind === 'gram') {
      const value = gramOfBlock(state, req.side, req.block)
      port.postMessage({ type: 'result', id: req.id, value }, [value.buffer as ArrayBuffer])
    } else {
      solveClaimed(state, req.side, req.gram, scratch)
      port.postMessage({ type: 'result', id: req.id })
    }
  } catch (err) {
    const e = err instanceof Error ? err : new Error(String(err))
    port.postMessage({
      type: 'error',
      id: req.id,
      error: { name: e.name, message: e.message, stack: e.stack },
    })
  }
})
