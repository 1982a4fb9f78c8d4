// Cancellation helpers: one error shape for every aborted clustering or map job.

/** The error every cancelled job rejects with (`name === 'AbortError'`). */
export function abortError(): Error {
  const err = new Error('The operation was cancelled')
  err.name = 'AbortError'
  return err
}

/** Throws the AbortError when `signal` has fired. */
export function throwIfAborted(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw abortError()
}

/** Lets pending events (abort, progress consumers) run between chunks of synchronous work. */
export function yieldToEventLoop(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve))
}
