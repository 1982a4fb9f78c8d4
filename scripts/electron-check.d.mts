// Types for electron-check.mjs (used by its tests).
export declare const DESKTOP_NODE: string
export declare const HEADLESS_NODE: string
export type ElectronFound =
  { ok: true; path: string } | { ok: false; reason: string; downloadable?: boolean }
export declare function atLeast(version: string, min: string): boolean
export declare function findElectron(
  electronDir: string,
  env?: Record<string, string | undefined>,
): ElectronFound
export declare function ensureElectron(
  electronDir: string,
  options?: {
    env?: Record<string, string | undefined>
    node?: string
    log?: (message: string) => void
  },
): ElectronFound
export declare function missingElectronMessage(reason: string, nodeVersion?: string): string
