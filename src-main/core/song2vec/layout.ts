// Where everything lives in the shared WebAssembly memory the training threads work on together.
import { wasm, type WasmMemory } from './wasm-api'

/** What the layout must hold. */
export interface LayoutSpec {
  /** Vocabulary size (rows of each weight matrix). */
  rows: number
  /** Vector dimensionality. */
  dim: number
  /** Bits of the negative-sampling guide table. */
  guideBits: number
  /** Sigmoid table entries. */
  expTableSize: number
  /** Corpus occurrences (kept words, all playlists). */
  words: number
  /** Playlists in the corpus. */
  playlists: number
  /** Chunks the playlists are cut into (the units threads claim). */
  chunks: number
  /** Longest playlist. */
  longest: number
  /** Negatives per example. */
  negative: number
  /** Maximum context radius. */
  window: number
  /** Training threads (each gets its own scratch buffers). */
  threads: number
}

/** One thread's scratch buffers (byte offsets). */
export interface ScratchLayout {
  neu1: number
  work: number
  /** The target list and its per-target work space. */
  targets: number
  context: number
  sentence: number
  /** One u32 per vocabulary row (spots repeated negatives). */
  stamps: number
}

/** Byte offsets into the memory; every array starts 64-byte aligned. */
export interface Layout {
  spec: LayoutSpec
  /** Input vectors, rows × dim f32. */
  syn0: number
  /** Output vectors, rows × dim f32. */
  syn1: number
  /** Cumulative negative-sampling table, rows u32. */
  cum: number
  /** Guide table, 2^guideBits u32. */
  guide: number
  /** Subsampling thresholds, rows u32. */
  sampleInt: number
  /** Tabulated sigmoid, expTableSize f32. */
  sigmoid: number
  /** Tabulated −log σ, expTableSize f32. */
  softplus: number
  /** Corpus rows end to end, words u32. */
  words: number
  /** Playlist boundaries into `words`, playlists + 1 u32. */
  offsets: number
  /** Chunk boundaries, chunks + 1 u32 (playlist indexes). */
  chunks: number
  /** Occurrences processed so far by all threads (one BigInt64, updated with Atomics). */
  counter: number
  /** Next chunk to claim, counted over the whole run (one Int32, updated with Atomics). */
  cursor: number
  scratch: ScratchLayout[]
  /** Total bytes, and the 64 KiB pages they need. */
  bytes: number
  pages: number
}

const MAX_BYTES = 2 ** 32 - 65536

export function planLayout(spec: LayoutSpec): Layout {
  let at = 1024 // keep address 0 unused so a stray null pointer never lands on data
  const take = (bytes: number): number => {
    const start = at
    at = Math.ceil((at + bytes) / 64) * 64
    return start
  }
  const matrix = spec.rows * spec.dim * 4
  const layout = {
    spec,
    syn0: take(matrix),
    syn1: take(matrix),
    cum: take(spec.rows * 4),
    guide: take(2 ** spec.guideBits * 4),
    sampleInt: take(spec.rows * 4),
    sigmoid: take(spec.expTableSize * 4),
    softplus: take(spec.expTableSize * 4),
    words: take(spec.words * 4),
    offsets: take((spec.playlists + 1) * 4),
    chunks: take((spec.chunks + 1) * 4),
    counter: take(8),
    cursor: take(4),
    scratch: [] as ScratchLayout[],
    bytes: 0,
    pages: 0,
  }
  for (let t = 0; t < spec.threads; t++) {
    layout.scratch.push({
      neu1: take(spec.dim * 4),
      work: take(spec.dim * 4),
      targets: take((spec.negative + 1) * 40 + 64),
      context: take(2 * spec.window * 4),
      sentence: take(Math.max(1, spec.longest) * 4),
      stamps: take(spec.rows * 4),
    })
  }
  layout.bytes = at
  layout.pages = Math.ceil(at / 65536)
  if (at > MAX_BYTES) {
    throw new Error(
      `Song2Vec model too large: ${spec.rows} songs × ${spec.dim} dimensions need ` +
        `${(at / 2 ** 30).toFixed(1)} GiB, over the 4 GiB a WebAssembly memory can hold; ` +
        'lower dim or raise minCount',
    )
  }
  return layout
}

/** The shared memory for a layout (zero-filled), sized exactly. */
export function allocateMemory(layout: Layout): WasmMemory {
  return new wasm.Memory({ initial: layout.pages, maximum: layout.pages, shared: true })
}
