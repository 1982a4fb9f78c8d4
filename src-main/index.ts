// Electron lifecycle: one sandboxed window on app://segue, the core opened on the user-data folder, the contract bound over IPC, opened playlists imported. Kept thin on purpose: the parts live in desktop/.
import {
  app,
  BrowserWindow,
  dialog,
  ipcMain,
  session,
  shell,
  type IpcMainInvokeEvent,
} from 'electron'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { CONTENT_SECURITY_POLICY } from '../src-shared/csp'
import { Segue } from './core/app/segue'
import { registerAppSchemes, serveApp, serveMedia } from './desktop/app-protocol'
import { setAppMenu } from './desktop/menu'
import { bundledResourcesDir } from './desktop/paths'
import { OpenFilesQueue, playlistPaths, ASSOCIATED_EXTENSIONS } from './desktop/open-files'
import { devRendererUrl, isAppUrl, rendererUrl } from './desktop/renderer-origin'
import { setupUpdates } from './desktop/updates'
import { bindIpc, sendEvent } from './ipc/bind'

const here = dirname(fileURLToPath(import.meta.url))
// The dev server only in development: a packaged app ignores ELECTRON_RENDERER_URL.
const devUrl = devRendererUrl(app.isPackaged, process.env)
let segue: Segue | null = null
let window: BrowserWindow | null = null
const opened = new OpenFilesQueue((paths) => {
  if (!segue) throw new Error('not ready')
  segue.startImport(paths)
  window?.show()
})

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
  void win.loadURL(rendererUrl(devUrl))
  return win
}

function isTrustedSender(event: IpcMainInvokeEvent): boolean {
  const frame = event.senderFrame
  if (!window || !frame || frame !== window.webContents.mainFrame) return false
  return isAppUrl(frame.url, devUrl)
}

async function pickPaths(kind: 'folders' | 'playlists'): Promise<string[]> {
  const options: Electron.OpenDialogOptions =
    kind === 'folders'
      ? { title: 'Add music folders', properties: ['openDirectory', 'multiSelections'] }
      : {
          title: 'Add playlist files',
          properties: ['openFile', 'multiSelections'],
          filters: [
            {
              name: 'Playlists',
              extensions: ['m3u', 'm3u8', 'pls', 'xspf', 'xml', 'json', 'csv', 'txt'],
            },
            {
              name: 'Listening history',
              extensions: ['json', 'jsonl', 'zip', 'csv', 'log', 'txt', 'tsv', 'xml'],
            },
            { name: 'All files', extensions: ['*'] },
          ],
        }
  const result = window
    ? await dialog.showOpenDialog(window, options)
    : await dialog.showOpenDialog(options)
  return result.canceled ? [] : result.filePaths
}

registerAppSchemes()
app.enableSandbox()
// Lets tests and power users point the app at another data folder (the CLI's --data).
if (process.env.SEGUE_DATA_DIR) app.setPath('userData', process.env.SEGUE_DATA_DIR)

// One Segue per data folder: "Open with Segue" on a running app hands the files to it.
if (!app.requestSingleInstanceLock()) app.exit(0)
app.on('second-instance', (_e, argv, workingDirectory) => {
  opened.add(playlistPaths(argv.slice(1), workingDirectory))
  if (window?.isMinimized()) window.restore()
  window?.focus()
})
// macOS delivers opened files as events, possibly before the app is ready.
app.on('open-file', (e, path) => {
  e.preventDefault()
  if (ASSOCIATED_EXTENSIONS.some((ext) => path.toLowerCase().endsWith(ext))) opened.add([path])
})
opened.add(playlistPaths(process.argv.slice(app.isPackaged ? 1 : 2), process.cwd()))

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
  const updates = setupUpdates()
  setAppMenu(() => void updates.checkNow(window))
  // The data folder is the user's app-data location (never beside the executable).
  try {
    segue = await Segue.open({
      dataDir: app.getPath('userData'),
      resourcesDir: bundledResourcesDir(app.isPackaged, process.resourcesPath, app.getAppPath()),
      background: true,
      version: app.getVersion(),
      pickPaths: pickPaths,
    })
  } catch (e) {
    // A read-only or unusable data folder (the message names it and says what to do): tell the user, then quit.
    dialog.showErrorBox('Segue cannot start', (e as Error).message)
    app.exit(1)
    return
  }
  bindIpc(ipcMain, segue.handlers, isTrustedSender)
  serveApp(join(here, '../renderer'))
  serveMedia((id, range) => segue?.media(id, range) ?? null)
  window = createWindow()
  segue.onEvent((name, payload) => window && sendEvent(window.webContents, name, payload))
  segue.jobs.onUpdate((job) => {
    if (job.kind === 'import' && job.state !== 'running') opened.flush()
  })
  opened.ready()
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
