// Worker thread that trains an audio model (CNN or bag-of-features MLP) and reports each epoch.
import { parentPort, workerData } from 'node:worker_threads'
import { fitAudioModel, type AudioExample, type AudioFitOptions } from './audio-model'
import { toWire } from './worker-errors'

const port = parentPort
if (!port) throw new Error('audio-train.worker must run as a worker thread')
const { examples, options } = workerData as { examples: AudioExample[]; options: AudioFitOptions }
try {
  const result = fitAudioModel(examples, {
    ...options,
    onEpoch: (e) => port.postMessage({ type: 'epoch', epoch: e }),
  })
  port.postMessage({ type: 'done', result })
} catch (err) {
  port.postMessage({ type: 'error', error: toWire(err) })
}
