// Trains Song2Vec: builds the vocabulary and tables, then runs Hogwild worker threads on shared memory.
import { createRng } from '../util/random'
import { chunkPlaylists, encodeCorpus } from './corpus'
import { kernelModule } from './kernel'
import { allocateMemory, planLayout, type Layout } from './layout'
import { defaultParams, resolveParams } from './params'
import {
  EXP_TABLE_SIZE,
  cumulativeTable,
  guideBits,
  guideTable,
  sigmoidTable,
  softplusTable,
  subsampleThresholds,
} from './tables'
import type { PlaylistCorpus, Song2VecModel, Song2VecParams, TrainProgress } from './types'
import { buildVocab, extendVocab, type Vocab } from './vocab'
import { abortError, runWorkers } from './run-workers'
import type { WasmMemory } from './wasm-api'
import type { TrainWorkerData } from './worker-protocol'

export { liveTrainingWorkers } from './run-workers'

/** How `train` reports, stops and starts. */
export interface TrainOptions {
  /** Aborting stops every thread within a second; `train` then rejects with an `AbortError`. */
  signal?: AbortSignal
  /** Called after each epoch and about every 250 ms in between. */
  onProgress?: (p: TrainProgress) => void
  /**
   * Incremental training: continue from this model. Its rows keep their place and start from its
   * input and output vectors; new songs are appended (random input, zero output); counts add up;
   * the loss history continues. Unset parameters default to the model's own.
   */
  init?: Song2VecModel
  /** Testing only: the thread that starts this epoch (0-based) faults inside the kernel. */
  crashAtEpoch?: number
}

/** Occurrences per chunk: the unit threads claim and between learning-rate updates (the C tool's). */
const CHUNK_WORDS = 10_000

/** Trains a Song2Vec model on `corpus` (word2vec over playlists; see `Song2VecParams`). */
export async function train(
  corpus: PlaylistCorpus,
  params: Partial<Song2VecParams> = {},
  opts: TrainOptions = {},
): Promise<Song2VecModel> {
  return (await prepareTraining(corpus, params, opts)).run()
}

/** A training run with everything but the training done (what a benchmark leaves off the clock). */
export interface PreparedTraining {
  /** Vocabulary size. */
  songs: number
  /** Occurrences one epoch processes (before subsampling). */
  occurrences: number
  /** Runs the epochs; call once. */
  run(): Promise<Song2VecModel>
}

/** Builds the vocabulary, tables and shared memory for `train`, without training yet. */
export async function prepareTraining(
  corpus: PlaylistCorpus,
  params: Partial<Song2VecParams> = {},
  opts: TrainOptions = {},
): Promise<PreparedTraining> {
  const { signal, init } = opts
  if (signal?.aborted) throw abortError()
  const p = resolveParams(params, init ? { ...defaultParams, ...init.params } : defaultParams)
  if (init) checkInit(init, p)
  const vocab = init
    ? extendVocab(init.vocab, init.counts, corpus, p.minCount)
    : buildVocab(corpus, p.minCount)
  const encoded = encodeCorpus(corpus, vocab.index)
  if (encoded.total === 0) {
    throw new Error(
      `Nothing to train on: no song occurs at least minCount = ${p.minCount} times in the ${corpus.length} playlists`,
    )
  }
  const playlists = corpus.length
  const chunks = chunkPlaylists(encoded.offsets, CHUNK_WORDS)
  const threads = Math.max(1, Math.min(p.threads, p.epochs * (chunks.length - 1)))
  const module = await kernelModule()
  if (signal?.aborted) throw abortError()

  const layout = planLayout({
    rows: vocab.words.length,
    dim: p.dim,
    guideBits: guideBits(vocab.words.length),
    expTableSize: EXP_TABLE_SIZE,
    words: encoded.total,
    playlists,
    chunks: chunks.length - 1,
    longest: encoded.longest,
    negative: p.negative,
    window: p.window,
    threads,
  })
  const memory = allocateMemory(layout)
  const { input, output } = fillMemory(memory, layout, vocab, encoded, p, init)
  new Uint32Array(memory.buffer, layout.chunks, chunks.length).set(chunks)

  const seeds = createRng((p.seed ^ 0x5bd1e995) >>> 0)
  const jobs: TrainWorkerData[] = []
  for (let t = 0; t < threads; t++) {
    jobs.push({
      module,
      memory,
      layout,
      thread: t,
      epochs: p.epochs,
      totalWords: encoded.total,
      alpha: p.alpha,
      minAlpha: p.minAlpha,
      skipGram: p.algo === 'sg',
      negative: p.negative,
      window: p.window,
      subsample: p.sample > 0,
      seedHi: seeds.nextU32() & 0xffff,
      seedLo: seeds.nextU32(),
      crashAtEpoch: opts.crashAtEpoch,
    })
  }
  let ran = false
  const run = async (): Promise<Song2VecModel> => {
    if (ran) throw new Error('This prepared training has already run')
    ran = true
    if (signal?.aborted) throw abortError()
    const lossHistory = await runWorkers(jobs, memory, layout, p.epochs * encoded.total, opts)
    return {
      vocab: vocab.words,
      counts: vocab.counts,
      dim: p.dim,
      input,
      output,
      params: p,
      lossHistory: [...(init?.lossHistory ?? []), ...lossHistory],
    }
  }
  return { songs: vocab.words.length, occurrences: encoded.total, run }
}

function checkInit(init: Song2VecModel, p: Song2VecParams): void {
  if (init.dim !== p.dim) {
    throw new Error(
      `Cannot continue training a ${init.dim}-d model with dim = ${p.dim}: leave dim unset or retrain`,
    )
  }
  const size = init.vocab.length * init.dim
  if (
    init.input.length !== size ||
    init.output.length !== size ||
    init.counts.length !== init.vocab.length
  ) {
    throw new Error(
      'Cannot continue training: the initial model is inconsistent (vector or count sizes do not match its vocabulary)',
    )
  }
}

/** Writes weights, tables and corpus into the shared memory; returns views on the weights. */
function fillMemory(
  memory: WasmMemory,
  layout: Layout,
  vocab: Vocab,
  encoded: ReturnType<typeof encodeCorpus>,
  p: Song2VecParams,
  init: Song2VecModel | undefined,
): { input: Float32Array; output: Float32Array } {
  const buf = memory.buffer
  const rows = vocab.words.length
  const dim = p.dim
  const input = new Float32Array(buf, layout.syn0, rows * dim)
  const output = new Float32Array(buf, layout.syn1, rows * dim)
  let from = 0
  if (init) {
    input.set(init.input)
    output.set(init.output)
    from = init.vocab.length
  }
  // Like the C tool: input rows uniform in [-0.5/dim, 0.5/dim), output rows zero.
  const rng = createRng(p.seed)
  for (let i = from * dim; i < rows * dim; i++) input[i] = (rng.next() - 0.5) / dim
  const cum = cumulativeTable(vocab.counts, p.nsExponent)
  new Uint32Array(buf, layout.cum, rows).set(cum)
  new Uint32Array(buf, layout.guide, 2 ** layout.spec.guideBits).set(
    guideTable(cum, layout.spec.guideBits),
  )
  new Uint32Array(buf, layout.sampleInt, rows).set(subsampleThresholds(vocab.counts, p.sample))
  new Float32Array(buf, layout.sigmoid, EXP_TABLE_SIZE).set(sigmoidTable())
  new Float32Array(buf, layout.softplus, EXP_TABLE_SIZE).set(softplusTable())
  new Uint32Array(buf, layout.words, encoded.total).set(encoded.words)
  new Uint32Array(buf, layout.offsets, encoded.offsets.length).set(encoded.offsets)
  return { input, output }
}
