// Types for after-pack.mjs (used by its tests).
import type { FuseConfig } from '@electron/fuses'
export declare function fuseConfig(
  platform: string,
): FuseConfig & { resetAdHocDarwinSignature: boolean }
export declare function electronBinary(context: {
  appOutDir: string
  electronPlatformName: string
  packager: { appInfo: { productFilename: string }; executableName: string }
}): string
export default function afterPack(context: unknown): Promise<void>
