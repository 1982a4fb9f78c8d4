// Where the desktop app finds its bundled files: beside the ASAR in an installed app (electron-builder's extraResources), in the repository otherwise.
import { join } from 'node:path'

/**
 * The bundled `resources/` folder (the Yes dataset under `dataset/yes/`): `process.resourcesPath/resources`
 * when packaged — read-only, never written — and the project's own `resources/` in development.
 */
export function bundledResourcesDir(
  isPackaged: boolean,
  resourcesPath: string,
  appPath: string,
): string {
  return isPackaged ? join(resourcesPath, 'resources') : join(appPath, 'resources')
}
