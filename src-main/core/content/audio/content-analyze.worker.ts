// Worker thread that analyses audio files one message at a time (decode, log-mel windows, features, placement).
import { parentPort, workerData } from 'node:worker_threads'
import { trackAnalyzer, type AnalyzeOptions } from './analyze-track'
import { toWire } from './worker-errors'

const port = parentPort
if (!port) throw new Error('content-analyze.worker must run as a worker thread')
const analyze = trackAnalyzer(workerData as AnalyzeOptions)

port.on('message', async ({ id, path }: { id: string; path: string }) => {
  try {
    const result = await analyze(id, path)
    const transfer = [result.features.buffer, ...(result.windows ?? []).map((w) => w.buffer)]
    if (result.vector) transfer.push(result.vector.buffer)
    port.postMessage({ type: 'result', id, result }, transfer as ArrayBuffer[])
  } catch (err) {
    port.postMessage({ type: 'error', id, error: toWire(err) })
  }
})
