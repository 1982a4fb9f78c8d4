// Opens the core on a data folder for a stateful command (--data, default the desktop app's folder).
import { resolve } from 'node:path'
import { Segue, type SegueOptions } from '../core/app/segue'
import { checkoutResourcesDir, defaultDataDir } from '../core/app/paths'

export const dataOption = { data: { type: 'string' } } as const

export async function openSegue(data: string | undefined, extra: Partial<SegueOptions> = {}): Promise<Segue> {
  return Segue.open({
    dataDir: resolve(data ?? defaultDataDir()),
    resourcesDir: checkoutResourcesDir,
    version: process.env.npm_package_version,
    ...extra,
  })
}
