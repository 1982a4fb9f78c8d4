// electron-updater for the installers that can replace themselves (AppImage, dmg, NSIS): a quiet check at start, and "Check for updates" from the menu. The decisions live in update-policy.ts.
import { app, dialog, type BrowserWindow } from 'electron'
import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { checkMessage, installKind, updatePolicy, type UpdatePolicy } from './update-policy'

type AutoUpdater = import('electron-updater').AppUpdater

export interface Updates {
  readonly policy: UpdatePolicy
  /** The menu item: checks now and tells the user the answer. */
  checkNow(window: BrowserWindow | null): Promise<void>
}

/** electron-updater is CommonJS: its named exports may only be reachable through `default`. */
async function loadAutoUpdater(): Promise<AutoUpdater> {
  const mod = (await import('electron-updater')) as unknown as {
    autoUpdater?: AutoUpdater
    default?: { autoUpdater: AutoUpdater }
  }
  const updater = mod.autoUpdater ?? mod.default?.autoUpdater
  if (!updater) throw new Error('electron-updater has no autoUpdater')
  return updater
}

export function setupUpdates(): Updates {
  const kind = installKind({
    isPackaged: app.isPackaged,
    platform: process.platform,
    env: process.env,
  })
  // electron-builder writes app-update.yml (the feed) only into published builds.
  const hasFeed = app.isPackaged && existsSync(join(process.resourcesPath, 'app-update.yml'))
  const policy = updatePolicy(kind, hasFeed, process.env)
  let updater: Promise<AutoUpdater> | null = null
  const get = (): Promise<AutoUpdater> => {
    updater ??= loadAutoUpdater().then((u) => {
      u.autoDownload = true
      u.autoInstallOnAppQuit = true
      u.on('error', (e) => console.error(`Update check failed: ${e?.message ?? e}`))
      return u
    })
    return updater
  }
  if (policy.enabled) void get().then((u) => u.checkForUpdates().catch(() => null))

  return {
    policy,
    async checkNow(window) {
      let message: string
      if (!policy.enabled) message = policy.reason
      else {
        try {
          const result = await (await get()).checkForUpdates()
          message = checkMessage(app.getVersion(), result?.updateInfo.version ?? null)
        } catch (e) {
          message = checkMessage(app.getVersion(), null, (e as Error).message)
        }
      }
      const options = {
        type: 'info' as const,
        title: 'Check for updates',
        message,
        buttons: ['OK'],
      }
      if (window) await dialog.showMessageBox(window, options)
      else await dialog.showMessageBox(options)
    },
  }
}
