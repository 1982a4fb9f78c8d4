// A scripted bridge for store tests: answers requests from a table, records calls, and lets the test emit events.
import type { Bridge, EventName, RequestName } from '../../src-shared/contract'

export type Handler = (args: never) => unknown

export function fakeBridge(answers: Partial<Record<RequestName, Handler>>) {
  const listeners = new Map<EventName, ((p: unknown) => void)[]>()
  const calls: [RequestName, unknown][] = []
  const bridge: Bridge = {
    request: async (name, args) => {
      calls.push([name, args])
      const answer = answers[name]
      if (!answer) throw new Error(`${name} not faked`)
      return (await answer(args as never)) as never
    },
    on: (name, listener) => {
      listeners.set(name, [...(listeners.get(name) ?? []), listener as (p: unknown) => void])
      return () => {}
    },
  }
  const emit = (name: EventName, payload: unknown) =>
    listeners.get(name)?.forEach((l) => l(payload))
  return { bridge, emit, calls }
}
