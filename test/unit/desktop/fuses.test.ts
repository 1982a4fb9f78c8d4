// The afterPack hook flips the packaged binary's fuses: read back from a binary carrying a real fuse wire.
import { FuseState, FuseV1Options, getCurrentFuseWire } from '@electron/fuses'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import afterPack, { electronBinary, fuseConfig } from '../../../build/after-pack.mjs'
import { writeStandInBinary } from '../../helpers/stand-in-electron'

const dir = mkdtempSync(join(tmpdir(), 'segue-fuses-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

const context = (platform: string) => ({
  appOutDir: dir,
  electronPlatformName: platform,
  packager: { appInfo: { productFilename: 'Segue' }, executableName: 'segue' },
})

describe('afterPack fuses', () => {
  it('turns off RunAsNode, NODE_OPTIONS, --inspect and file:// privileges; on cookie encryption and only-ASAR', async () => {
    writeStandInBinary(join(dir, 'segue'))
    const before = await getCurrentFuseWire(join(dir, 'segue'))
    expect(before[FuseV1Options.RunAsNode]).toBe(FuseState.ENABLE)
    await afterPack(context('linux'))
    const wire = await getCurrentFuseWire(join(dir, 'segue'))
    expect(wire[FuseV1Options.RunAsNode]).toBe(FuseState.DISABLE)
    expect(wire[FuseV1Options.EnableNodeOptionsEnvironmentVariable]).toBe(FuseState.DISABLE)
    expect(wire[FuseV1Options.EnableNodeCliInspectArguments]).toBe(FuseState.DISABLE)
    expect(wire[FuseV1Options.GrantFileProtocolExtraPrivileges]).toBe(FuseState.DISABLE)
    expect(wire[FuseV1Options.EnableCookieEncryption]).toBe(FuseState.ENABLE)
    expect(wire[FuseV1Options.OnlyLoadAppFromAsar]).toBe(FuseState.ENABLE)
    // Linux has no embedded ASAR integrity: that fuse keeps Electron's default (off).
    expect(wire[FuseV1Options.EnableEmbeddedAsarIntegrityValidation]).toBe(FuseState.DISABLE)
  })

  it('checks the ASAR integrity on macOS and Windows only', () => {
    const integrity = FuseV1Options.EnableEmbeddedAsarIntegrityValidation
    expect(fuseConfig('darwin')[integrity]).toBe(true)
    expect(fuseConfig('win32')[integrity]).toBe(true)
    expect(fuseConfig('linux')[integrity]).toBe(false)
    expect(fuseConfig('darwin').resetAdHocDarwinSignature).toBe(true)
    expect(fuseConfig('linux').resetAdHocDarwinSignature).toBe(false)
  })

  it('finds the binary per platform', () => {
    expect(electronBinary(context('linux'))).toBe(join(dir, 'segue'))
    expect(electronBinary(context('win32'))).toBe(join(dir, 'Segue.exe'))
    expect(electronBinary(context('darwin'))).toBe(join(dir, 'Segue.app'))
  })
})
