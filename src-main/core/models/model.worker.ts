// Worker thread of one loaded model (see model-worker.ts): loads its folder and both ONNX sessions off the app's thread, then answers scoring and building requests in order.
import { join } from 'node:path'
import { parentPort, workerData, type Transferable } from 'node:worker_threads'
import { hashVocab } from '../onnx/metadata'
import { OnnxScorer } from '../onnx/scorer'
import { SimilarScorer } from '../onnx/similar-scorer'
import { fillSimilarMemo, SimilarMemo } from '../onnx/similar-memo'
import { tagPlacedScores } from '../content/tags/tag-placed-scores'
import { loadTagModel } from './tag-model-file'
import { buildCooc } from '../recommend/cooc-matrix'
import { servedHeadsOf } from '../recommend/defaults'
import { buildTagIndex } from '../recommend/tag-index'
import { unitRowsOf } from '../recommend/vector-math'
import { tagRuleOf } from '../recommend/why'
import type {
  ModelRequests,
  ModelWorkerData,
  ModelWorkerReply,
  ModelWorkerRequest,
  ModelWorkerStop,
} from './model-worker'
import { unpackTags } from './model-worker'
import { ONNX_FILE } from './registry'
import { loadServable } from './servable'

/**
 * One-song queries per batched pass while the memo fills: a request arriving meanwhile waits for
 * at most one batch.
 */
const MEMO_BATCH = 4

const port = parentPort
if (!port) throw new Error('This module must run as a worker thread')
const data = workerData as ModelWorkerData
const post = (msg: ModelWorkerReply, transfer: Transferable[] = []) =>
  port.postMessage(msg, transfer)

type Handlers = {
  [K in keyof ModelRequests]: (
    q: ModelRequests[K]['query'],
  ) => Promise<ModelRequests[K]['result']> | ModelRequests[K]['result']
}

/** Buffers of a result that can move to the app's thread instead of being copied. */
function transferOf(result: unknown): Transferable[] {
  const out: Transferable[] = []
  if (!result || typeof result !== 'object') return out
  for (const v of Object.values(result)) {
    if (ArrayBuffer.isView(v) && !out.includes(v.buffer as ArrayBuffer))
      out.push(v.buffer as ArrayBuffer)
    else if (v && typeof v === 'object' && !Array.isArray(v)) out.push(...transferOf(v))
  }
  return out
}

async function main(): Promise<void> {
  let handlers: Handlers | undefined
  port!.on('message', (msg: ModelWorkerRequest | ModelWorkerStop) => {
    // Handled between two steps, never inside a (synchronous) onnxruntime run: exiting here is safe.
    if (msg.type === 'close') process.exit(0)
    const handler = handlers?.[msg.type] as ((q: unknown) => unknown) | undefined
    if (!handler) return post({ type: 'error', id: msg.id, message: 'The model is still loading' })
    Promise.resolve()
      .then(() => handler(msg.query))
      .then(
        (result) =>
          post(
            { type: 'answer', id: msg.id, result },
            // Built for the app's thread and not kept here (scoring results may view reused buffers).
            msg.type === 'similar' || msg.type === 'score' ? [] : transferOf(result),
          ),
        (e: Error) => post({ type: 'error', id: msg.id, message: e.message }),
      )
  })
  try {
    const model = await loadServable(data.dir)
    const threads = { intraOpNumThreads: data.threads }
    let similar = await SimilarScorer.create(model, servedHeadsOf(model.kind), threads)
    const served = await OnnxScorer.load(join(data.dir, ONNX_FILE), threads)
    const rows = model.vocab.length
    if (served.metadata.vocabHash !== hashVocab(model.vocab))
      throw new Error(`${ONNX_FILE} was exported for other songs than the model's: export it again`)
    // onnxruntime's first run packs the matrices: pay it here, not in the first request.
    await similar.query({ context: [0], learnt: 1, placed: 1 })
    await served.query({ context: [0], k: 1 })
    handlers = {
      similar: (q) => similar.query(q),
      // Similar songs of every learnt song, computed here and moved to the app's thread.
      memoize: async (q) => {
        const memo = new SimilarMemo(model.trained, q.learnt, q.placed)
        await fillSimilarMemo(memo, () => similar, {
          batch: MEMO_BATCH,
          pause: () => new Promise((resolve) => setImmediate(resolve)),
        })
        return { memo: memo.parts() }
      },
      score: (q) => served.query(q),
      cooc: (q) => {
        const playlists = Array.from({ length: q.starts.length - 1 }, (_, p) =>
          q.rows.subarray(q.starts[p], q.starts[p + 1]),
        )
        return buildCooc(playlists, rows, q)
      },
      tags: async (q) => {
        const lists = unpackTags(q.packed, rows)
        const index = buildTagIndex(lists.map((tags) => ({ artist: '', title: '', tags })))
        // With the rows' tags known, songs placed by the tag model leave the scoring pass.
        const apart = await scoreByTags(lists)
        return { index, admitted: tagRuleOf(index).admitted, scoredByTags: apart }
      },
    }
    /** Rebuilds the Similar songs pass without the rows its tag model placed; how many left it. */
    const scoreByTags = async (lists: string[][]): Promise<number> => {
      const tagModel = await loadTagModel(data.dir)
      if (!tagModel) return 0
      const placed = lists.slice(model.trained).map((tags, i) => ({ row: model.trained + i, tags }))
      const apart = tagPlacedScores(tagModel, placed, model.input, model.dim)
      if (!apart) return 0
      const next = await SimilarScorer.create(model, servedHeadsOf(model.kind), {
        ...threads,
        apart,
      })
      await next.query({ context: [0], learnt: 1, placed: 1 })
      const old = similar
      similar = next
      void old.release()
      return apart.rows.length
    }
    // Copies made here move to the app's thread (this thread keeps its own for scoring).
    const { output: _scoredHere, ...rest } = model
    const shared = { ...rest, input: model.input.slice(), counts: model.counts.slice() }
    const unit = unitRowsOf(model.input, rows, model.dim)
    const moved = [unit.buffer, shared.input.buffer, shared.counts.buffer] as ArrayBuffer[]
    post({ type: 'ready', model: shared, unit }, moved)
  } catch (e) {
    post({ type: 'failed', message: (e as Error).message })
    return
  }
}

void main()
