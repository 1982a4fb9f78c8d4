// The contract over Electron IPC: one handler per request, arguments validated, senders checked, events forwarded.
import type { IpcMain, IpcMainInvokeEvent, WebContents } from 'electron'
import { requestNames, type EventName, type Handlers } from '../../src-shared/contract'
import { dispatch } from '../../src-shared/dispatch'
import { EVENT_CHANNEL, requestChannel } from './channels'

/** Accepts only the app's own top-level frame, loaded from the app's origin. */
export type SenderCheck = (event: IpcMainInvokeEvent) => boolean

export function bindIpc(
  ipcMain: IpcMain,
  handlers: Handlers,
  isTrustedSender: SenderCheck,
): () => void {
  for (const name of requestNames) {
    ipcMain.handle(requestChannel(name), async (event, args: unknown) => {
      if (!isTrustedSender(event)) {
        return {
          ok: false,
          error: { code: 'bad-request', message: 'Request from an untrusted frame refused' },
        }
      }
      return dispatch(handlers, name, args)
    })
  }
  return () => {
    for (const name of requestNames) ipcMain.removeHandler(requestChannel(name))
  }
}

/** Forwards a core event to a window, if it still exists. */
export function sendEvent(target: WebContents, name: EventName, payload: unknown): void {
  if (!target.isDestroyed()) target.send(EVENT_CHANNEL, { name, payload })
}
