// Test helper: one instance of the training kernel on a small shared memory, driven from the test thread.
import {
  instantiateKernel,
  kernelModule,
  type KernelExports,
} from '../../../../src-main/core/song2vec/kernel'
import { allocateMemory, planLayout, type Layout } from '../../../../src-main/core/song2vec/layout'
import {
  EXP_TABLE_SIZE,
  cumulativeTable,
  guideBits,
  guideTable,
  sigmoidTable,
  softplusTable,
  subsampleThresholds,
} from '../../../../src-main/core/song2vec/tables'

export interface KernelHarness {
  kernel: KernelExports
  layout: Layout
  /** Input and output weights (rows × dim), live views on the shared memory. */
  input: Float32Array
  output: Float32Array
  /** A scratch area of `spare` u32 slots for arguments (contexts, negatives, draws). */
  spare: number
  u32(offset: number, length: number): Uint32Array
}

export async function kernelHarness(opts: {
  counts: number[]
  dim: number
  nsExponent?: number
  sample?: number
  negative?: number
  window?: number
  sg?: boolean
  seed?: number
  spare?: number
}): Promise<KernelHarness> {
  const rows = opts.counts.length
  const counts = Uint32Array.from(opts.counts)
  const negative = opts.negative ?? 5
  const window = opts.window ?? 5
  const spareSlots = opts.spare ?? 1024
  const layout = planLayout({
    rows,
    dim: opts.dim,
    guideBits: guideBits(rows),
    expTableSize: EXP_TABLE_SIZE,
    words: spareSlots,
    playlists: 1,
    chunks: 1,
    longest: 64,
    negative,
    window,
    threads: 1,
  })
  const memory = allocateMemory(layout)
  const buf = memory.buffer
  const cum = cumulativeTable(counts, opts.nsExponent ?? 0.75)
  new Uint32Array(buf, layout.cum, rows).set(cum)
  new Uint32Array(buf, layout.guide, 2 ** layout.spec.guideBits).set(
    guideTable(cum, layout.spec.guideBits),
  )
  new Uint32Array(buf, layout.sampleInt, rows).set(subsampleThresholds(counts, opts.sample ?? 0))
  new Float32Array(buf, layout.sigmoid, EXP_TABLE_SIZE).set(sigmoidTable())
  new Float32Array(buf, layout.softplus, EXP_TABLE_SIZE).set(softplusTable())
  const kernel = instantiateKernel(await kernelModule(), memory)
  const s = layout.scratch[0]
  kernel.configure(
    layout.syn0,
    layout.syn1,
    opts.dim,
    layout.cum,
    layout.guide,
    layout.spec.guideBits,
    layout.sampleInt,
    (opts.sample ?? 0) > 0 ? 1 : 0,
    layout.sigmoid,
    layout.softplus,
    negative,
    window,
    opts.sg ? 1 : 0,
    s.neu1,
    s.work,
    s.targets,
    s.context,
    s.sentence,
    s.stamps,
  )
  kernel.seedRandom(0, opts.seed ?? 1)
  return {
    kernel,
    layout,
    input: new Float32Array(buf, layout.syn0, rows * opts.dim),
    output: new Float32Array(buf, layout.syn1, rows * opts.dim),
    spare: layout.words,
    u32: (offset, length) => new Uint32Array(buf, offset, length),
  }
}
