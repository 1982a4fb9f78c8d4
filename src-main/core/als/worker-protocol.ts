// Messages between ALS training and its worker threads.
import type { Side } from './half-sweep'

/** A job for one worker: one Gram block, or solving claimed rows until the side is done. */
export type AlsRequest = AlsRequestBody & { id: number }

/** A worker's answer to request `id`. */
export type AlsReply =
  | { type: 'result'; id: number; value?: Float64Array }
  | { type: 'error'; id: number; error: { name: string; message: string; stack?: string } }

/** A request before its id is assigned. */
export type AlsRequestBody =
  { kind: 'gram'; side: Side; block: number } | { kind: 'solve'; side: Side; gram: Float64Array }
