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

/**
 * One loaded model. onnxruntime-node 1.30 runs `session.run` (and session creation) synchronously
 * on the JS thread inside a setImmediate, so each query holds the event loop for its inference time
 * (≈0.6 ms at 75,262 × 128 with the default int8 scan, ≈1.5 ms float32) and a load for its load
 * time (≈0.2–0.5 s at that size).
 */
export class OnnxScorer {
  private released = false

  private constructor(
    private readonly session: ort.InferenceSession,
    /** What the file says about the model. */
    readonly metadata: OnnxModelMetadata,
    /** Where it was loaded from ('<bytes>' for an in-memory model). */
    readonly source: string,
  ) {}

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
    const int64 = (values: number[]): ort.Tensor =>
      new ort.Tensor(
        'int64',
        BigInt64Array.from(values, (v) => BigInt(v)),
        [values.length],
      )
    const out = await this.session.run({
      [GRAPH_IO.context]: int64(c.context),
      [GRAPH_IO.weights]: new ort.Tensor('float32', Float32Array.from(c.weights), [
        c.weights.length,
      ]),
      [GRAPH_IO.exclude]: int64(c.exclude),
      [GRAPH_IO.k]: int64([c.k]),
    })
    const indices = out[GRAPH_IO.indices].data as BigInt64Array
    const scores = out[GRAPH_IO.scores].data as Float32Array
    return { indices: Array.from(indices, Number), scores: Array.from(scores) }
  }

  /** Frees the session; later queries reject. */
  async release(): Promise<void> {
    if (this.released) return
    this.released = true
    await this.session.release()
  }
}
