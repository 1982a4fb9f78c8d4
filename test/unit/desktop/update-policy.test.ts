// When the packaged app updates itself, and what "Check for updates" says: decided without Electron.
import { describe, expect, it } from 'vitest'
import {
  checkMessage,
  installKind,
  isNewer,
  updatePolicy,
} from '../../../src-main/desktop/update-policy'

describe('installKind', () => {
  it('tells development, AppImage, deb, dmg, NSIS and portable apart', () => {
    expect(installKind({ isPackaged: false, platform: 'linux', env: { APPIMAGE: '/a' } })).toBe(
      'development',
    )
    expect(installKind({ isPackaged: true, platform: 'linux', env: { APPIMAGE: '/a' } })).toBe(
      'appimage',
    )
    expect(installKind({ isPackaged: true, platform: 'linux', env: {} })).toBe('deb')
    expect(installKind({ isPackaged: true, platform: 'darwin', env: {} })).toBe('dmg')
    expect(installKind({ isPackaged: true, platform: 'win32', env: {} })).toBe('nsis')
    expect(
      installKind({ isPackaged: true, platform: 'win32', env: { PORTABLE_EXECUTABLE_DIR: 'x' } }),
    ).toBe('portable')
    expect(installKind({ isPackaged: true, platform: 'freebsd', env: {} })).toBe('other')
  })
})

describe('updatePolicy', () => {
  it('is on only for a published AppImage, dmg or NSIS build', () => {
    for (const kind of ['appimage', 'dmg', 'nsis'] as const) {
      expect(updatePolicy(kind, true, {})).toEqual({ enabled: true })
      expect(updatePolicy(kind, false, {}).enabled).toBe(false)
      expect(updatePolicy(kind, true, { SEGUE_NO_UPDATES: '1' }).enabled).toBe(false)
    }
  })

  it('is off in development and for a .deb, with the reason', () => {
    const dev = updatePolicy('development', true, {})
    expect(dev).toEqual({ enabled: false, reason: 'Updates are off in development builds.' })
    const deb = updatePolicy('deb', true, {})
    expect(deb.enabled).toBe(false)
    if (!deb.enabled) expect(deb.reason).toMatch(/package manager/)
    expect(updatePolicy('portable', true, {}).enabled).toBe(false)
  })
})

describe('isNewer', () => {
  it('compares numerically, not as text', () => {
    expect(isNewer('1.10.0', '1.9.2')).toBe(true)
    expect(isNewer('0.1.0', '0.1.0')).toBe(false)
    expect(isNewer('v0.2.0', '0.1.9')).toBe(true)
    expect(isNewer('0.1.0', '0.2.0')).toBe(false)
    expect(isNewer('1.0', '1.0.0')).toBe(false)
  })

  it('puts a pre-release before its release', () => {
    expect(isNewer('1.0.0', '1.0.0-beta.1')).toBe(true)
    expect(isNewer('1.0.0-beta.1', '1.0.0')).toBe(false)
    expect(isNewer('1.0.0-beta.2', '1.0.0-beta.1')).toBe(true)
  })
})

describe('checkMessage', () => {
  it('says what the feed answered', () => {
    expect(checkMessage('0.1.0', '0.2.0')).toMatch(
      /^Segue 0\.2\.0 is available \(you have 0\.1\.0\)/,
    )
    expect(checkMessage('0.2.0', '0.2.0')).toBe('You have the newest version of Segue (0.2.0).')
    expect(checkMessage('0.2.0', '0.1.0')).toBe('You have the newest version of Segue (0.2.0).')
    expect(checkMessage('0.1.0', null)).toMatch(/could not reach/)
    expect(checkMessage('0.1.0', null, 'net::ERR_INTERNET_DISCONNECTED')).toBe(
      'Segue could not check for updates: net::ERR_INTERNET_DISCONNECTED',
    )
  })
})
