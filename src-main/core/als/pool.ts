// Runs ALS half-sweeps in the calling thread or in worker threads over shared factors (same result either way).
import type { Worker } from 'node:worker_threads'
import { startWorker } from '../jobs/worker'
import { GRAM_BLOCKS, gramOfBlock, solveClaimed, type AlsState, type Side } from './half-sweep'
import { createScratch } from './sweep'
import type { AlsReply, AlsRequestBody } from './worker-protocol'

/** Half-sweep operations on one {@link AlsState}. */
export interface AlsPool {
  /** Yᵀ·Y of the factors of `side` (lower triangle), summed over fixed blocks in a fixed order. */
  gram(side: Side): Promise<Float64Array>
  /** Solves every row of `side` against the other side's factors and the other side's `gram`. */
  solve(side: Side, gram: Float64Array): Promise<void>
  /** Stops the workers; pending operations reject. */
  close(): void
}

/** The error an aborted training rejects with (`name === 'AbortError'`). */
export function abortError(): Error {
  const err = new Error('ALS training was cancelled')
  err.name = 'AbortError'
  return err
}

/** A pool of `threads` workers, or the calling thread when `threads` is 0. */
export function openAlsPool(state: AlsState, threads: number, signal?: AbortSignal): AlsPool {
  if (!Number.isInteger(threads) || threads < 0) {
    throw new Error(`threads must be a whole number ≥ 0 (0 = calling thread), got ${threads}`)
  }
  return threads === 0 ? inThreadPool(state) : workerPool(state, threads, signal)
}

function sumBlocks(blocks: Float64Array[]): Float64Array {
  const g = blocks[0]
  for (let b = 1; b < blocks.length; b++) for (let i = 0; i < g.length; i++) g[i] += blocks[b][i]
  return g
}

function inThreadPool(state: AlsState): AlsPool {
  const scratch = createScratch(state.f)
  return {
    async gram(side) {
      const blocks: Float64Array[] = []
      for (let b = 0; b < GRAM_BLOCKS; b++) blocks.push(gramOfBlock(state, side, b))
      return sumBlocks(blocks)
    },
    async solve(side, gram) {
      state.next[0] = 0
      solveClaimed(state, side, gram, scratch)
    },
    close() {},
  }
}

function workerPool(state: AlsState, threads: number, signal?: AbortSignal): AlsPool {
  const pending = new Map<
    number,
    { resolve: (v?: Float64Array) => void; reject: (e: Error) => void }
  >()
  const workers: Worker[] = []
  let nextId = 0
  let closed = false
  let failure: Error | undefined
  const fail = (err: Error): void => {
    failure ??= err
    close()
    for (const p of pending.values()) p.reject(err)
    pending.clear()
  }
  const onAbort = (): void => fail(abortError())
  for (let t = 0; t < threads; t++) {
    const w = startWorker(new URL('./als-solve.worker.js', import.meta.url), { workerData: state })
    w.on('message', (msg: AlsReply) => {
      const p = pending.get(msg.id)
      pending.delete(msg.id)
      if (msg.type === 'error') {
        const err = new Error(msg.error.message)
        err.name = msg.error.name
        if (msg.error.stack) err.stack = msg.error.stack
        p?.reject(err)
      } else p?.resolve(msg.value)
    })
    w.on('error', (err) => fail(err))
    w.on('exit', (code) => {
      if (!closed) fail(new Error(`ALS worker stopped unexpectedly (exit code ${code})`))
    })
    workers.push(w)
  }
  signal?.addEventListener('abort', onAbort, { once: true })

  function send(w: Worker, req: AlsRequestBody): Promise<Float64Array | undefined> {
    if (closed) return Promise.reject(failure ?? new Error('ALS pool is closed'))
    const id = nextId++
    return new Promise((resolve, reject) => {
      pending.set(id, { resolve, reject })
      w.postMessage({ ...req, id })
    })
  }

  function close(): void {
    if (closed) return
    closed = true
    signal?.removeEventListener('abort', onAbort)
    for (const w of workers) void w.terminate()
  }

  return {
    async gram(side) {
      const blocks = await Promise.all(
        Array.from({ length: GRAM_BLOCKS }, (_, b) =>
          send(workers[b % threads], { kind: 'gram', side, block: b }),
        ),
      )
      return sumBlocks(blocks as Float64Array[])
    },
    async solve(side, gram) {
      state.next[0] = 0
      await Promise.all(workers.map((w) => send(w, { kind: 'solve', side, gram })))
    },
    close,
  }
}
