// Worker thread that analyses audio files one message at a time (decode, log-mel windows, features, placement).
import { parentPort, workerData } from 'node:worker_threads'
import { trackAnalyzer, type AnalyzeOptions } from './analyze-track'
import { toWire } from './worker-errors'

const port = parentPort
if (!port) throw new Error('content-analyze.worker must run as a worker thread')
const analyze = trackAnalyzer(workerData as AnalyzeOptions)

// Aborted by the parent ({ type: 'abort' }): a running ffmpeg is killed (and reaped) before the thread ends.
const controller = new AbortController()
let current: Promise<unknown> | undefined

type Message = { type?: undefined; id: string; path: string } | { type: 'abort' }

port.on('message', async (msg: Message) => {
  if (msg.type === 'abort') {
    controller.abort()
    await current?.catch(() => undefined)
    process.exit(0)
  }
  const { id, path } = msg
  try {
    const result = await (current = analyze(id, path, controller.signal))
    const transfer = [result.features.buffer, ...(result.windows ?? []).map((w) => w.buffer)]
    if (result.vector) transfer.push(result.vector.buffer)
    port.postMessage({ type: 'result', id, result }, transfer as ArrayBuffer[])
  } catch (err) {
    port.postMessage({ type: 'error', id, error: toWire(err) })
  }
})
