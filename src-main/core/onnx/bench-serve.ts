// `bench serve`: latency and recall of top-k queries through the exported ONNX graph on random vectors.
import { mkdtempSync, rmSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createRng, type Rng } from '../util/random'
import { exportOnnx, writeOnnx } from './export'
import { DEFAULT_HEADS, type HeadSpec } from './heads'
import type { Quantize } from './quantize'
import type { ScoreQuery } from './query'
import { ReferenceScorer } from './reference'
import { kernelPath, type KernelPath } from './cpu-path'
import { OnnxScorer } from './scorer'

/** What to measure. */
export interface BenchServeOptions {
  /** Songs (rows); default 75,262 (the research dataset's catalogue). */
  songs?: number
  /** Vector dimensionality; default 128. */
  dim?: number
  /** Queries timed, half single-song and half 10-song context; default 1000. */
  queries?: number
  /** k of each query and of recall@k; default 25. */
  topn?: number
  /** Seed of the vectors and the queries; default 1. */
  seed?: number
  /** onnxruntime intra-op threads; default the scorer's default. */
  threads?: number
  /** Scoring heads; default the exporter's default (cosine). */
  heads?: HeadSpec[]
  /** Weight storage; default the exporter's default. */
  quantize?: Quantize
  /** Untimed queries run first; default 20. */
  warmup?: number
  /** Songs in a multi-song context; default 10. */
  contextSize?: number
}

/** The figures (CLI.md's `bench serve` fields first). */
export interface BenchServeResult {
  /** Median latency over all queries, ms (caller's view: tensors in, arrays out). */
  p50_ms: number
  /** 99th-percentile latency over all queries, ms. */
  p99_ms: number
  /** Mean |ONNX top-n ∩ exact top-n| / n against the brute-force reference. */
  recall_at_topn: number
  /** Median latency of the single-song queries, ms. */
  single_p50_ms: number
  /** 99th-percentile latency of the single-song queries, ms. */
  single_p99_ms: number
  /** Median latency of the multi-song context queries, ms. */
  context_p50_ms: number
  /** 99th-percentile latency of the multi-song context queries, ms. */
  context_p99_ms: number
  /** Mean latency, ms. */
  mean_ms: number
  /** Songs measured. */
  songs: number
  /** Dimensionality measured. */
  dim: number
  /** Queries timed. */
  queries: number
  /** k of each query. */
  topn: number
  /** Intra-op threads asked for (null: the scorer's default). */
  threads: number | null
  /** Scoring heads exported. */
  heads: HeadSpec[]
  /** Weight storage exported. */
  quantize: Quantize
  /** Export (graph build + serialise) time, ms. */
  export_ms: number
  /** Session load time, ms. */
  load_ms: number
  /** Size of the exported file, bytes. */
  file_bytes: number
  /** Mean time of the JS brute-force reference per query, ms. */
  reference_ms: number
  /** Storage actually served (the file's metadata) and, for int8, how each answer was proven exact. */
  storage: string
  /** int8 only: share of queries proven exact with the first candidate pool (the rest widened it). */
  proven_first_pool: number | null
  /** This CPU's flags and the int8 kernel onnxruntime runs on it. */
  kernel: KernelPath
}

/** Runs the benchmark; prints nothing. */
export async function benchServe(opts: BenchServeOptions = {}): Promise<BenchServeResult> {
  const songs = opts.songs ?? 75262
  const dim = opts.dim ?? 128
  const queries = opts.queries ?? 1000
  const topn = opts.topn ?? 25
  const heads = opts.heads ?? [...DEFAULT_HEADS]
  const contextSize = Math.min(opts.contextSize ?? 10, songs)
  for (const [name, v] of Object.entries({ songs, dim, queries, topn })) {
    if (!Number.isInteger(v) || v < 1)
      throw new Error(`bench serve: --${name} must be a positive integer`)
  }
  const rng = createRng(opts.seed ?? 1)
  const input = randomUnitRows(rng, songs, dim)
  const output = heads.some((h) => h.kind === 'output')
    ? randomUnitRows(rng, songs, dim)
    : new Float32Array(0)
  const vocab = Array.from({ length: songs }, (_, i) => `song-${i}`)

  const dir = mkdtempSync(join(tmpdir(), 'segue-bench-serve-'))
  const path = join(dir, 'model.onnx')
  let t = performance.now()
  writeOnnx(
    path,
    exportOnnx({ vocab, dim, input, output, id: 'bench' }, { heads, quantize: opts.quantize }),
  )
  const exportMs = performance.now() - t
  const fileBytes = statSync(path).size
  t = performance.now()
  const scorer = await OnnxScorer.load(path, { intraOpNumThreads: opts.threads })
  const loadMs = performance.now() - t
  rmSync(dir, { recursive: true, force: true })

  try {
    const makeQuery = (i: number): ScoreQuery => {
      const n = i % 2 === 0 ? 1 : contextSize
      return { context: Array.from({ length: n }, () => rng.nextInt(songs)), k: topn }
    }
    for (let i = 0; i < (opts.warmup ?? 20); i++) await scorer.query(makeQuery(i))
    const qs = Array.from({ length: queries }, (_, i) => makeQuery(i))
    const single: number[] = []
    const multi: number[] = []
    const answers: number[][] = []
    for (let i = 0; i < queries; i++) {
      const start = performance.now()
      const r = await scorer.query(qs[i])
      ;(i % 2 === 0 ? single : multi).push(performance.now() - start)
      answers.push(r.indices)
    }
    const reference = new ReferenceScorer({ dim, input, output }, { heads })
    let hits = 0
    let expectedTotal = 0
    t = performance.now()
    for (let i = 0; i < queries; i++) {
      const exact = reference.query(qs[i]).indices
      const got = new Set(answers[i])
      hits += exact.filter((x) => got.has(x)).length
      expectedTotal += exact.length
    }
    const referenceMs = (performance.now() - t) / queries
    const all = [...single, ...multi]
    return {
      p50_ms: percentile(all, 50),
      p99_ms: percentile(all, 99),
      recall_at_topn: expectedTotal === 0 ? 1 : hits / expectedTotal,
      single_p50_ms: percentile(single, 50),
      single_p99_ms: percentile(single, 99),
      context_p50_ms: percentile(multi, 50),
      context_p99_ms: percentile(multi, 99),
      mean_ms: round(all.reduce((a, b) => a + b, 0) / all.length),
      songs,
      dim,
      queries,
      topn,
      threads: opts.threads ?? null,
      heads,
      quantize: scorer.metadata.quantize,
      export_ms: round(exportMs),
      load_ms: round(loadMs),
      file_bytes: fileBytes,
      reference_ms: round(referenceMs),
      storage: storageLine(scorer.metadata.quantize),
      proven_first_pool:
        scorer.exactness.queries > 0
          ? round(scorer.exactness.firstPool / scorer.exactness.queries)
          : null,
      kernel: kernelPath(),
    }
  } finally {
    await scorer.release()
  }
}

function storageLine(q: Quantize): string {
  if (q === 'int8') return 'int8 (7-bit) scan → float32 re-scoring, proven exact or pool widened'
  if (q === 'float16') return 'float16 file, float32 MatMul (float16-rounded weights)'
  return 'float32 MatMul (exact)'
}

/** Rows drawn uniformly on the unit sphere (normalised Gaussian vectors). */
export function randomUnitRows(rng: Rng, rows: number, dim: number): Float32Array {
  const out = new Float32Array(rows * dim)
  const v = new Float64Array(dim)
  for (let r = 0; r < rows; r++) {
    let ss = 0
    for (let d = 0; d < dim; d++) {
      // Box–Muller; 1 - next() is in (0, 1], so the log is finite.
      const g = Math.sqrt(-2 * Math.log(1 - rng.next())) * Math.cos(2 * Math.PI * rng.next())
      v[d] = g
      ss += g * g
    }
    const norm = Math.sqrt(ss) || 1
    for (let d = 0; d < dim; d++) out[r * dim + d] = v[d] / norm
  }
  return out
}

/** Nearest-rank percentile, rounded to µs. */
function percentile(values: number[], p: number): number {
  if (values.length === 0) return 0
  const sorted = [...values].sort((a, b) => a - b)
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))
  return round(sorted[rank])
}

function round(ms: number): number {
  return Math.round(ms * 1000) / 1000
}
