// The Electron IPC binding without Electron: one channel per request, untrusted senders refused, arguments validated.
import { describe, expect, it, vi } from 'vitest'
import type { IpcMain, IpcMainInvokeEvent } from 'electron'
import type { Handlers } from '../../../src-shared/contract'
import { requestNames } from '../../../src-shared/contract'
import { bindIpc } from '../../../src-main/ipc/bind'
import { requestChannel } from '../../../src-main/ipc/channels'

type Listener = (event: IpcMainInvokeEvent, ...args: unknown[]) => Promise<unknown>

function fakeIpcMain() {
  const handlers = new Map<string, Listener>()
  const ipc = {
    handle: (channel: string, fn: Listener) => handlers.set(channel, fn),
    removeHandler: (channel: string) => handlers.delete(channel),
  } as unknown as IpcMain
  return { ipc, handlers }
}

const trusted = { senderFrame: { url: 'file:///app/index.html' } } as unknown as IpcMainInvokeEvent
const stranger = { senderFrame: { url: 'https://evil.example/' } } as unknown as IpcMainInvokeEvent

describe('bindIpc', () => {
  const search = vi.fn(async () => [])
  const handlers = Object.fromEntries(requestNames.map((n) => [n, vi.fn()])) as unknown as Handlers
  handlers['songs.search'] = search
  const { ipc, handlers: registered } = fakeIpcMain()
  const unbind = bindIpc(ipc, handlers, (e) => e.senderFrame?.url.startsWith('file://') ?? false)

  it('registers exactly one channel per request', () => {
    expect([...registered.keys()].sort()).toEqual(requestNames.map(requestChannel).sort())
  })

  it('validates arguments before calling the core', async () => {
    const call = registered.get(requestChannel('songs.search'))!
    expect(await call(trusted, { query: 'abba' })).toEqual({ ok: true, result: [] })
    expect(await call(trusted, { query: 'abba', limit: -1 })).toMatchObject({
      ok: false,
      error: { code: 'bad-request' },
    })
    expect(search).toHaveBeenCalledTimes(1)
  })

  it('refuses untrusted senders without calling the core', async () => {
    const call = registered.get(requestChannel('songs.search'))!
    expect(await call(stranger, { query: 'abba' })).toMatchObject({
      ok: false,
      error: { message: /untrusted/ },
    })
    expect(search).toHaveBeenCalledTimes(1)
  })

  it('unbinds every channel', () => {
    unbind()
    expect(registered.size).toBe(0)
  })
})
