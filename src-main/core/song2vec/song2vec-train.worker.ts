// A Song2Vec training thread: claims chunks of playlists and runs the WebAssembly kernel on them, Hogwild.
import { parentPort, workerData } from 'node:worker_threads'
import { instantiateKernel } from './kernel'
import type { TrainWorkerData, TrainWorkerMessage } from './worker-protocol'

const job = workerData as TrainWorkerData
const port = parentPort
if (!port) throw new Error('song2vec-train.worker must run as a worker thread')

const { layout, memory } = job
const spec = layout.spec
const scratch = layout.scratch[job.thread]
const kernel = instantiateKernel(job.module, memory)
kernel.configure(
  layout.syn0,
  layout.syn1,
  spec.dim,
  layout.cum,
  layout.guide,
  spec.guideBits,
  layout.sampleInt,
  job.subsample ? 1 : 0,
  layout.sigmoid,
  layout.softplus,
  job.negative,
  job.window,
  job.skipGram ? 1 : 0,
  scratch.neu1,
  scratch.work,
  scratch.targets,
  scratch.context,
  scratch.sentence,
  scratch.stamps,
)
kernel.seedRandom(job.seedHi, job.seedLo)

const counter = new BigInt64Array(memory.buffer, layout.counter, 1)
const cursor = new Int32Array(memory.buffer, layout.cursor, 1)
const offsets = new Uint32Array(memory.buffer, layout.offsets, spec.playlists + 1)
const chunks = new Uint32Array(memory.buffer, layout.chunks, spec.chunks + 1)
const runWords = job.epochs * job.totalWords
const runChunks = job.epochs * spec.chunks

let epoch = -1
let words = 0
const report = (): void => {
  if (epoch < 0) return
  const m: TrainWorkerMessage = {
    type: 'epoch',
    epoch,
    words,
    lossSum: kernel.getLossSum(),
    lossCount: kernel.getLossCount(),
  }
  port.postMessage(m)
}

// Chunks are claimed in order from one cursor shared by all threads (gensim's job queue): a slow
// thread never holds the others up, and one thread alone goes through them exactly in order.
for (let c = Atomics.add(cursor, 0, 1); c < runChunks; c = Atomics.add(cursor, 0, 1)) {
  const e = Math.floor(c / spec.chunks)
  const k = c - e * spec.chunks
  if (e !== epoch) {
    report()
    epoch = e
    words = 0
    kernel.resetLoss()
    if (e === job.crashAtEpoch && k === 0) {
      // A playlist pointer past the end of memory: the kernel traps exactly as a real fault would.
      kernel.trainPlaylists(layout.words, memory.buffer.byteLength, 0, 1, job.alpha)
    }
  }
  const first = chunks[k]
  const last = chunks[k + 1]
  // Linear decay over the whole run, from every thread's progress (gensim / the C tool).
  const progress = Number(Atomics.load(counter, 0)) / runWords
  const alpha = Math.max(job.minAlpha, job.alpha - (job.alpha - job.minAlpha) * progress)
  kernel.trainPlaylists(layout.words, layout.offsets, first, last, alpha)
  const n = offsets[last] - offsets[first]
  Atomics.add(counter, 0, BigInt(n))
  words += n
}
report()
port.postMessage({ type: 'done' } satisfies TrainWorkerMessage)
