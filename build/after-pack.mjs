// electron-builder afterPack hook: sets the Electron fuses of the packaged app's binary before it is signed.
import { FuseV1Options, FuseVersion, flipFuses } from '@electron/fuses'
import { join } from 'node:path'

/**
 * The fuses for `platform` (Electron's name: linux, darwin, mas, win32): no running as plain Node,
 * no NODE_OPTIONS or --inspect, cookies encrypted, the app loaded only from its ASAR — with the
 * archive's integrity checked where Electron supports it (macOS, Windows) — and no extra
 * privileges for file:// (the UI is served from app://).
 */
export function fuseConfig(platform) {
  const mac = platform === 'darwin' || platform === 'mas'
  return {
    version: FuseVersion.V1,
    resetAdHocDarwinSignature: mac,
    [FuseV1Options.RunAsNode]: false,
    [FuseV1Options.EnableCookieEncryption]: true,
    [FuseV1Options.EnableNodeOptionsEnvironmentVariable]: false,
    [FuseV1Options.EnableNodeCliInspectArguments]: false,
    [FuseV1Options.EnableEmbeddedAsarIntegrityValidation]: mac || platform === 'win32',
    [FuseV1Options.OnlyLoadAppFromAsar]: true,
    [FuseV1Options.GrantFileProtocolExtraPrivileges]: false,
  }
}

/** The Electron binary inside the packed app folder. */
export function electronBinary(context) {
  const { appOutDir, electronPlatformName, packager } = context
  const name = packager.appInfo.productFilename
  if (electronPlatformName === 'darwin' || electronPlatformName === 'mas')
    return join(appOutDir, `${name}.app`)
  if (electronPlatformName === 'win32') return join(appOutDir, `${name}.exe`)
  return join(appOutDir, packager.executableName)
}

export default async function afterPack(context) {
  await flipFuses(electronBinary(context), fuseConfig(context.electronPlatformName))
}
