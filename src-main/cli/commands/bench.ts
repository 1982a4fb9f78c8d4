// `segue bench train|serve`: benchmarks that print numbers (never assert): training throughput and ONNX serving latency.
import { resolve } from 'node:path'
import { benchServe } from '../../core/onnx/bench-serve'
import { kernelPathLine } from '../../core/onnx/cpu-path'
import { benchTrain } from '../../core/song2vec/bench'
import { datasetInputError, parseArgs, UsageError } from '../args'
import { progress, result } from '../output'

export async function bench(argv: string[]): Promise<number> {
  const [which, ...rest] = argv
  if (which === 'train') return benchTrainCommand(rest)
  if (which === 'serve') return benchServeCommand(rest)
  throw new UsageError('Use `segue bench train --dataset DIR …` or `segue bench serve …`')
}

async function benchTrainCommand(argv: string[]): Promise<number> {
  const a = parseArgs(argv, {
    dataset: { type: 'string' },
    algo: { type: 'string', default: 'cbow', choices: ['cbow', 'sg'] },
    dim: { type: 'int', default: 256, min: 1 },
    window: { type: 'int', default: 10, min: 1 },
    negative: { type: 'int', default: 20, min: 0 },
    epochs: { type: 'int', default: 100, min: 1 },
    threads: { type: 'int', default: 2, min: 1 },
    seed: { type: 'int', default: 1 },
    json: { type: 'boolean' },
  })
  if (!a.dataset) throw new UsageError('--dataset DIR (a Yes-format directory) is required')
  progress(
    `Training ${a.algo} ${a.dim}-d, ${a.epochs} epochs, ${a.threads} threads on ${a.dataset}…`,
  )
  const r = await benchTrain({
    dataset: resolve(a.dataset),
    algo: a.algo as 'cbow' | 'sg',
    dim: a.dim!,
    window: a.window!,
    negative: a.negative!,
    epochs: a.epochs!,
    threads: a.threads!,
    seed: a.seed!,
  }).catch(datasetInputError)
  result(
    a.json ?? false,
    r,
    () =>
      `${r.occurrences.toLocaleString('en')} occurrences × ${r.epochs} epochs in ${r.seconds.toFixed(2)} s = ${Math.round(r.words_per_sec).toLocaleString('en')} songs/s, final loss ${r.final_loss.toFixed(4)}`,
  )
  return 0
}

async function benchServeCommand(argv: string[]): Promise<number> {
  const a = parseArgs(argv, {
    songs: { type: 'int', default: 75262, min: 1 },
    dim: { type: 'int', default: 128, min: 1 },
    queries: { type: 'int', default: 1000, min: 1 },
    topn: { type: 'int', default: 25, min: 1 },
    json: { type: 'boolean' },
  })
  progress(
    `Exporting ${a.songs} × ${a.dim} random vectors to ONNX and timing ${a.queries} queries…`,
  )
  const r = await benchServe({ songs: a.songs, dim: a.dim, queries: a.queries, topn: a.topn })
  result(
    a.json ?? false,
    r,
    () =>
      `p50 ${r.p50_ms.toFixed(2)} ms, p99 ${r.p99_ms.toFixed(2)} ms, recall@${a.topn} ${r.recall_at_topn}\n` +
      `storage: ${r.storage}${r.proven_first_pool === null ? '' : ` (${(r.proven_first_pool * 100).toFixed(1)}% proven with the first pool)`}\n` +
      `kernel: ${kernelPathLine(r.kernel)}`,
  )
  return 0
}
