// What the trainer hands each training thread, and what the thread reports back.
import type { Layout } from './layout'
import type { WasmMemory, WasmModule } from './wasm-api'

/** A training thread's job: claim chunks of playlists until the run is done, on the shared memory. */
export interface TrainWorkerData {
  /** The compiled kernel. */
  module: WasmModule
  /** The shared memory holding weights, tables, corpus and every thread's scratch. */
  memory: WasmMemory
  layout: Layout
  /** This thread's number (which scratch buffers are its own). */
  thread: number
  epochs: number
  /** Occurrences in one epoch over all threads (the learning rate's progress denominator). */
  totalWords: number
  /** Learning rate at the start of the run, and at its very end. */
  alpha: number
  minAlpha: number
  skipGram: boolean
  negative: number
  window: number
  subsample: boolean
  /** This thread's 48-bit random seed, as high 16 and low 32 bits. */
  seedHi: number
  seedLo: number
  /** Testing only: the thread that claims this epoch's first chunk makes the kernel fault. */
  crashAtEpoch?: number
}

/** Messages from a training thread. */
export type TrainWorkerMessage =
  /** This thread's share of an epoch: occurrences it processed, its loss sum and examples. */
  | { type: 'epoch'; epoch: number; words: number; lossSum: number; lossCount: number }
  | { type: 'done' }
