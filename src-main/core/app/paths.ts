// Where things live: the desktop app's user-data folder (shared with the CLI) and the bundled resources of a source checkout.
import { homedir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'

/** Electron's `app.getPath('userData')` for productName "Segue", computed without Electron. */
export function defaultDataDir(env = process.env, platform = process.platform): string {
  if (platform === 'win32')
    return join(env.APPDATA ?? join(homedir(), 'AppData', 'Roaming'), 'Segue')
  if (platform === 'darwin') return join(homedir(), 'Library', 'Application Support', 'Segue')
  return join(env.XDG_CONFIG_HOME ?? join(homedir(), '.config'), 'Segue')
}

/** `resources/` and `out/` of the checkout these sources run from (CLI and headless server). */
export const checkoutResourcesDir = fileURLToPath(new URL('../../../resources', import.meta.url))
export const checkoutRendererDir = fileURLToPath(new URL('../../../out/renderer', import.meta.url))
