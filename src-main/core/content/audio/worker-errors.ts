// Errors across the worker boundary: plain objects out, Error instances (AbortError kept) back in.

/** An error as it crosses postMessage. */
export interface WireError {
  name: string
  message: string
}

export function toWire(err: unknown): WireError {
  const e = err instanceof Error ? err : new Error(String(err))
  return { name: e.name, message: e.message }
}

export function fromWire(w: WireError): Error {
  const e = new Error(w.message)
  e.name = w.name
  return e
}

/** The error a cancelled content job rejects with (`name === 'AbortError'`). */
export function abortError(): Error {
  const e = new Error('The operation was cancelled')
  e.name = 'AbortError'
  return e
}
