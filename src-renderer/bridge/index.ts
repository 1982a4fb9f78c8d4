// The one bridge the UI talks to: the preload API inside Electron, HTTP + WebSocket in a browser (`npm run serve`).
import type { Bridge } from '../../src-shared/contract'
import { httpBridge } from './http'
import { ipcBridge } from './ipc'

export { BridgeError } from './error'

let instance: Bridge | null = null

export function bridge(): Bridge {
  instance ??= window.segue ? ipcBridge(window.segue) : httpBridge(window.location)
  return instance
}

/** Replaces the bridge (store tests). */
export function setBridge(b: Bridge): void {
  instance = b
}
