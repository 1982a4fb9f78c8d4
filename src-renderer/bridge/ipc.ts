// The contract over the preload API (Electron).
import type { Bridge, Envelope, EventName, RequestName } from '../../src-shared/contract'
import { BridgeError } from './error'

type PreloadApi = NonNullable<Window['segue']>

export function ipcBridge(api: PreloadApi): Bridge {
  return {
    async request(name, args) {
      const call = api.requests[name as RequestName]
      const envelope = (await call(args)) as Envelope<never>
      if (!envelope.ok) throw new BridgeError(envelope.error.code, envelope.error.message)
      return envelope.result
    },
    on(name, listener) {
      return api.on(name as EventName, listener as (payload: unknown) => void)
    },
  }
}
