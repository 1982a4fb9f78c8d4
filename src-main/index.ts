// Electron lifecycle: one sandboxed window, the core opened on the user-data folder, the contract bound over IPC. Kept thin on purpose.
import {
  app,
  BrowserWindow,
  dialog,
  ipcMain,
  protocol,
  session,
  shell,
  type IpcMainInvokeEvent,
} from 'electron'
import { Readable } from 'node:stream'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { CONTENT_SECURITY_POLICY } from '../src-shared/csp'
import { Segue } from './core/app/segue'
import { bindIpc, sendEvent } from './ipc/bind'

const here = dirname(fileURLToPath(import.meta.url))
let segue: Segue | null = null
let window: BrowserWindow | null = null

function resourcesDir(): string {
  return app.isPackaged
    ? join(process.resourcesPath, 'resources')
    : join(app.getAppPath(), 'resources')
}

function createWindow(): BrowserWindow {
  const win = new BrowserWindow({
    width: 1280,
    height: 820,
    minWidth: 900,
    minHeight: 600,
    title: 'Segue',
    backgroundColor: '#14161b',
    show: false,
    webPreferences: {
      preload: join(here, '../preload/index.cjs'),
      sandbox: true,
      contextIsolation: true,
      nodeIntegration: false,
      webSecurity: true,
      spellcheck: false,
    },
  })
  win.once('ready-to-show', () => win.show())
  // The page never navigates away or opens windows; external links go to the system browser.
  win.webContents.on('will-navigate', (e) => e.preventDefault())
  win.webContents.setWindowOpenHandler(({ url }) => {
    if (url.startsWith('https://')) void shell.openExternal(url)
    return { action: 'deny' }
  })
  if (process.env.ELECTRON_RENDERER_URL) void win.loadURL(process.env.ELECTRON_RENDERER_URL)
  else void win.loadFile(join(here, '../renderer/index.html'))
  return win
}

function isTrustedSender(event: IpcMainInvokeEvent): boolean {
  const frame = event.senderFrame
  if (!window || !frame || frame !== window.webContents.mainFrame) return false
  const url = frame.url
  const dev = process.env.ELECTRON_RENDERER_URL
  return dev ? url.startsWith(dev) : url.startsWith('file://')
}

async function pickPaths(kind: 'folders' | 'playlists'): Promise<string[]> {
  const options: Electron.OpenDialogOptions =
    kind === 'folders'
      ? { title: 'Add music folders', properties: ['openDirectory', 'multiSelections'] }
      : {
          title: 'Add playlist files',
          properties: ['openFile', 'multiSelections'],
          filters: [
            { name: 'Playlists', extensions: ['m3u', 'm3u8', 'pls', 'xspf', 'xml', 'json', 'csv'] },
          ],
        }
  const result = window
    ? await dialog.showOpenDialog(window, options)
    : await dialog.showOpenDialog(options)
  return result.canceled ? [] : result.filePaths
}

/** `segue-media://track/<id>`: audio of the user's own files, only from inside their library folders. */
function serveMedia(): void {
  protocol.handle('segue-media', async (request) => {
    const url = new URL(request.url)
    const id = url.pathname.replace(/^\/+/, '')
    if (url.hostname !== 'track' || !/^\d+$/.test(id) || !segue)
      return new Response('Not found', { status: 404 })
    try {
      const answer = await segue.media(Number(id), request.headers.get('range') ?? undefined)
      const body = answer.stream ? (Readable.toWeb(answer.stream) as ReadableStream) : null
      return new Response(body, { status: answer.status, headers: answer.headers })
    } catch (e) {
      return new Response((e as Error).message, {
        status: (e as { status?: number }).status ?? 500,
      })
    }
  })
}

protocol.registerSchemesAsPrivileged([
  {
    scheme: 'segue-media',
    privileges: { standard: true, secure: true, stream: true, supportFetchAPI: true },
  },
])
app.enableSandbox()
// Lets tests and power users point the app at another data folder (the CLI's --data).
if (process.env.SEGUE_DATA_DIR) app.setPath('userData', process.env.SEGUE_DATA_DIR)

void app.whenReady().then(async () => {
  session.defaultSession.webRequest.onHeadersReceived((details, callback) => {
    callback({
      responseHeaders: {
        ...details.responseHeaders,
        'Content-Security-Policy': [CONTENT_SECURITY_POLICY],
      },
    })
  })
  session.defaultSession.setPermissionRequestHandler((_wc, _permission, callback) =>
    callback(false),
  )
  segue = await Segue.open({
    dataDir: app.getPath('userData'),
    resourcesDir: resourcesDir(),
    background: true,
    version: app.getVersion(),
    pickPaths: pickPaths,
  })
  bindIpc(ipcMain, segue.handlers, isTrustedSender)
  serveMedia()
  window = createWindow()
  segue.onEvent((name, payload) => window && sendEvent(window.webContents, name, payload))
  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) window = createWindow()
  })
})

app.on('window-all-closed', () => {
  if (process.platform !== 'darwin') app.quit()
})

let quitting = false
app.on('before-quit', (e) => {
  if (quitting || !segue) return
  e.preventDefault()
  quitting = true
  void segue.close().finally(() => app.quit())
})
