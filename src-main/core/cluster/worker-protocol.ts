// Messages between the cluster/map worker threads and the code that starts them.

/** An error as it crosses a thread boundary. */
export interface WireError {
  name: string
  message: string
  stack?: string
}

/** What a cluster or map worker posts back. */
export type WorkerReply<R> =
  | { type: 'progress'; done: number; total: number; stage?: string }
  | { type: 'result'; id: number; value: R }
  | { type: 'error'; id: number; error: WireError }

export function toWireError(err: unknown): WireError {
  if (err instanceof Error) return { name: err.name, message: err.message, stack: err.stack }
  return { name: 'Error', message: String(err) }
}

export function fromWireError(wire: WireError): Error {
  const err = new Error(wire.message)
  err.name = wire.name
  if (wire.stack) err.stack = wire.stack
  return err
}
