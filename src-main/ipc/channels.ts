// IPC channel names, shared by the main-process binding and the preload so they cannot drift apart.
import type { RequestName } from '../../src-shared/contract'

export const EVENT_CHANNEL = 'segue:event'

export function requestChannel(name: RequestName): string {
  return `segue:request:${name}`
}
