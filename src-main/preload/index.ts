// Exposes exactly the contract to the sandboxed page: one function per request and a listener per event — no generic IPC.
import { contextBridge, ipcRenderer } from 'electron'
import type { Envelope, PreloadApi } from '../../src-shared/contract'
import {
  eventNames,
  requestNames,
  type EventName,
  type RequestName,
} from '../../src-shared/contract-names'
import { EVENT_CHANNEL, requestChannel } from '../ipc/channels'

type Listener = (payload: unknown) => void
const listeners = new Map<EventName, Set<Listener>>()

ipcRenderer.on(EVENT_CHANNEL, (_event, message: { name: EventName; payload: unknown }) => {
  for (const l of listeners.get(message.name) ?? []) l(message.payload)
})

const requests = Object.fromEntries(
  requestNames.map((name) => [
    name,
    (args: unknown): Promise<Envelope<unknown>> => ipcRenderer.invoke(requestChannel(name), args),
  ]),
) as Record<RequestName, (args: unknown) => Promise<Envelope<unknown>>>

const api: PreloadApi = {
  requests,
  on(name: EventName, listener: Listener): () => void {
    if (!eventNames.includes(name)) throw new Error(`Unknown event "${name}"`)
    const set = listeners.get(name) ?? new Set()
    set.add(listener)
    listeners.set(name, set)
    return () => set.delete(listener)
  },
}

contextBridge.exposeInMainWorld('segue', api)
