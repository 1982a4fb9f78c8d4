// Validates a request against the contract and runs its handler, turning every failure into an Envelope error.
import { z } from 'zod'
import {
  requests,
  type ContractError,
  type Envelope,
  type Handlers,
  type RequestName,
  type Result,
} from './contract'

/** An error a handler throws to give the UI a specific code and a message a person can act on. */
export class AppError extends Error {
  constructor(
    readonly code: ContractError['code'],
    message: string,
  ) {
    super(message)
    this.name = 'AppError'
  }
}

/** Results already checked against a request's schema (big answers a handler keeps), by request: not parsed again. */
const checked = new WeakMap<object, RequestName>()

/**
 * Checks `value` against the result schema of `name` once and returns the checked value, which
 * {@link dispatch} then passes on as is: for a large answer a handler builds once and returns
 * many times (the Map view's ~45k songs took 35–60 ms to check per request).
 */
export function checkedResult<N extends RequestName>(name: N, value: unknown): Result<N> {
  const parsed = requests[name].result.parse(value) as Result<N>
  if (typeof parsed === 'object' && parsed !== null) checked.set(parsed, name)
  return parsed
}

/** Whether `value` came from {@link checkedResult} (the server also keeps its JSON). */
export function isCheckedResult(value: unknown): value is object {
  return typeof value === 'object' && value !== null && checked.has(value)
}

export function isRequestName(name: unknown): name is RequestName {
  return typeof name === 'string' && Object.prototype.hasOwnProperty.call(requests, name)
}

/** Parses `rawArgs` with the request's schema, calls the handler, and checks the result. Never throws. */
export async function dispatch(
  handlers: Handlers,
  name: unknown,
  rawArgs: unknown,
): Promise<Envelope<unknown>> {
  if (!isRequestName(name)) {
    return {
      ok: false,
      error: { code: 'unknown-request', message: `Unknown request "${String(name)}"` },
    }
  }
  const parsed = requests[name].args.safeParse(rawArgs ?? {})
  if (!parsed.success) {
    return {
      ok: false,
      error: { code: 'bad-request', message: `${name}: ${describe(parsed.error)}` },
    }
  }
  try {
    const handler = handlers[name] as (args: unknown) => Promise<unknown>
    const result = await handler(parsed.data)
    return {
      ok: true,
      result:
        isCheckedResult(result) && checked.get(result) === name
          ? result
          : requests[name].result.parse(result),
    }
  } catch (e) {
    if (e instanceof AppError) return { ok: false, error: { code: e.code, message: e.message } }
    return { ok: false, error: { code: 'internal', message: (e as Error)?.message ?? String(e) } }
  }
}

function describe(error: z.ZodError): string {
  return error.issues
    .map((i) => (i.path.length ? `${i.path.join('.')}: ${i.message}` : i.message))
    .join('; ')
}
