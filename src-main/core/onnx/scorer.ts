// Answers top-k queries with an exported model through onnxruntime-node.
import { readFile } from 'node:fs/promises'
import * as ort from 'onnxruntime-node'
import { GRAPH_IO } from './export'
import { readMetadata, type OnnxModelMetadata } from './metadata'
import { checkQuery, type ScoreQuery, type ScoreResult } from './query'

/** Session settings. */
export interface ScorerOptions {
  /**
   * onnxruntime intra-op threads (the calling thread included); default 1: 2 threads gave the same
   * p50 and a 2–3× worse p99 on the 2-core machine shared with other work.
   */
  intraOpNumThreads?: number
}

/** How the int8 answers of one scorer were obtained. */
export interface ExactnessStats {
  /** Queries answered. */
  queries: number
  /** Proven exact with the first candidate pool. */
  firstPool: number
  /** Needed a wider pool (then proven exact, or the pool held every song). */
  widened: number
}

/** The int8 scan keeps max(CANDIDATE_FACTOR × k, MIN_CANDIDATES) candidates first, then ×WIDEN. */
export const CANDIDATE_FACTOR = 10
export const MIN_CANDIDATES = 250
const WIDEN = 16

/** Candidate pools tried in turn for `k` among `size` songs; the last holds every song (exact by construction). */
export function candidatePools(k: number, size: number): number[] {
  const first = Math.min(size, Math.max(CANDIDATE_FACTOR * k, MIN_CANDIDATES))
  const pools = [first]
  while (pools[pools.length - 1] < size) pools.push(Math.min(size, pools[pools.length - 1] * WIDEN))
  return pools
}

/**
 * One loaded model. onnxruntime-node 1.30 runs `session.run` (and session creation) synchronously
 * on the JS thread inside a setImmediate, so each query holds the event loop for its inference time
 * (≈0.6 ms at 75,262 × 128 with the default int8 scan, ≈1.5 ms float32) and a load for its load
 * time (≈0.2–0.5 s at that size).
 */
export class OnnxScorer {
  private released = false
  /** Whether the graph is an int8 scan with an exactness proof (`candidates` in, `certified` out). */
  private readonly proves: boolean
  /** How int8 answers were obtained so far. */
  readonly exactness: ExactnessStats = { queries: 0, firstPool: 0, widened: 0 }

  private constructor(
    private readonly session: ort.InferenceSession,
    /** What the file says about the model. */
    readonly metadata: OnnxModelMetadata,
    /** Where it was loaded from ('<bytes>' for an in-memory model). */
    readonly source: string,
  ) {
    this.proves =
      session.inputNames.includes(GRAPH_IO.candidates) &&
      session.outputNames.includes(GRAPH_IO.certified)
  }

  /** Loads an exported model file; rejects with a clear Error when it is missing or not a Segue model. */
  static async load(path: string, opts: ScorerOptions = {}): Promise<OnnxScorer> {
    let bytes: Uint8Array
    try {
      bytes = await readFile(path)
    } catch (e) {
      throw new Error(`Cannot read ONNX model ${path}: ${(e as Error).message}`)
    }
    return OnnxScorer.fromBytes(bytes, opts, path)
  }

  /** Loads a model from its bytes (as returned by `exportOnnx`). */
  static async fromBytes(
    bytes: Uint8Array,
    opts: ScorerOptions = {},
    source = '<bytes>',
  ): Promise<OnnxScorer> {
    const metadata = readMetadata(bytes, source)
    let session: ort.InferenceSession
    try {
      session = await ort.InferenceSession.create(bytes, {
        graphOptimizationLevel: 'all',
        executionMode: 'sequential',
        intraOpNumThreads: opts.intraOpNumThreads ?? 1,
        interOpNumThreads: 1,
      })
    } catch (e) {
      throw new Error(`Cannot load ${source}: onnxruntime rejected it (${(e as Error).message})`)
    }
    const missing = [GRAPH_IO.context, GRAPH_IO.weights, GRAPH_IO.exclude, GRAPH_IO.k].filter(
      (n) => !session.inputNames.includes(n),
    )
    if (missing.length > 0) {
      await session.release()
      throw new Error(
        `Cannot load ${source}: no graph inputs ${missing.join(', ')}; export it again`,
      )
    }
    return new OnnxScorer(session, metadata, source)
  }

  /** The top-k songs for `q`; bad input rejects before onnxruntime is called. */
  async query(q: ScoreQuery): Promise<ScoreResult> {
    if (this.released) throw new Error(`Scorer for model ${this.metadata.modelId} was released`)
    const c = checkQuery(q, this.metadata.vocabSize)
    const feeds: Record<string, ort.Tensor> = {
      [GRAPH_IO.context]: int64(c.context),
      [GRAPH_IO.weights]: new ort.Tensor('float32', Float32Array.from(c.weights), [
        c.weights.length,
      ]),
      [GRAPH_IO.exclude]: int64(c.exclude),
      [GRAPH_IO.k]: int64([c.k]),
    }
    if (!this.proves) return resultOf(await this.session.run(feeds))
    // int8: widen the pool until the graph proves the answer exact (the last pool is every song).
    const pools = candidatePools(c.k, this.metadata.vocabSize)
    this.exactness.queries++
    for (let i = 0; i < pools.length; i++) {
      feeds[GRAPH_IO.candidates] = int64([pools[i]])
      const out = await this.session.run(feeds)
      const proven = (out[GRAPH_IO.certified].data as Uint8Array)[0] !== 0
      if (proven || i === pools.length - 1) {
        if (i === 0) this.exactness.firstPool++
        else this.exactness.widened++
        return resultOf(out)
      }
    }
    throw new Error('unreachable: the last candidate pool holds every song')
  }

  /** Frees the session; later queries reject. */
  async release(): Promise<void> {
    if (this.released) return
    this.released = true
    await this.session.release()
  }
}

function int64(values: number[]): ort.Tensor {
  return new ort.Tensor(
    'int64',
    BigInt64Array.from(values, (v) => BigInt(v)),
    [values.length],
  )
}

function resultOf(out: ort.InferenceSession.ReturnType): ScoreResult {
  const indices = out[GRAPH_IO.indices].data as BigInt64Array
  const scores = out[GRAPH_IO.scores].data as Float32Array
  return { indices: Array.from(indices, Number), scores: Array.from(scores) }
}
