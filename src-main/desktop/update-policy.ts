// When the packaged app looks for updates, and what it says about the answer: plain logic, tested without Electron.

/** How this copy of Segue was installed, as far as updates are concerned. */
export type InstallKind = 'development' | 'appimage' | 'deb' | 'dmg' | 'nsis' | 'portable' | 'other'

export interface RuntimeFacts {
  isPackaged: boolean
  platform: NodeJS.Platform
  env: Record<string, string | undefined>
}

/** electron-builder's AppImage runtime sets APPIMAGE; its portable Windows build sets PORTABLE_EXECUTABLE_DIR. */
export function installKind({ isPackaged, platform, env }: RuntimeFacts): InstallKind {
  if (!isPackaged) return 'development'
  if (platform === 'linux') return env.APPIMAGE ? 'appimage' : 'deb'
  if (platform === 'darwin') return 'dmg'
  if (platform === 'win32') return env.PORTABLE_EXECUTABLE_DIR ? 'portable' : 'nsis'
  return 'other'
}

export type UpdatePolicy = { enabled: true } | { enabled: false; reason: string }

/**
 * Updates run for the installers electron-updater can replace (AppImage, dmg, NSIS) of a published
 * build (one with an update feed, `app-update.yml`); never in development, for a .deb (the package
 * manager owns it), or when SEGUE_NO_UPDATES is set.
 */
export function updatePolicy(
  kind: InstallKind,
  hasFeed: boolean,
  env: RuntimeFacts['env'],
): UpdatePolicy {
  if (kind === 'development')
    return { enabled: false, reason: 'Updates are off in development builds.' }
  if (kind === 'deb')
    return {
      enabled: false,
      reason: 'Segue was installed from a .deb package: update it with your package manager.',
    }
  if (kind === 'portable' || kind === 'other')
    return {
      enabled: false,
      reason: 'This build of Segue cannot update itself: download the new version.',
    }
  if (env.SEGUE_NO_UPDATES)
    return { enabled: false, reason: 'Updates are turned off (SEGUE_NO_UPDATES is set).' }
  if (!hasFeed)
    return {
      enabled: false,
      reason:
        'This build was not published, so it has no update feed: build or download a release.',
    }
  return { enabled: true }
}

/** Compares dotted versions ("1.10.0" > "1.9.2"); a pre-release ("1.0.0-beta.1") is older than its release. */
export function isNewer(candidate: string, current: string): boolean {
  const split = (v: string) => {
    const [core, pre] = v.replace(/^v/, '').split('-', 2)
    return { nums: core.split('.').map((n) => Number(n) || 0), pre: pre ?? null }
  }
  const a = split(candidate)
  const b = split(current)
  for (let i = 0; i < Math.max(a.nums.length, b.nums.length); i++) {
    const d = (a.nums[i] ?? 0) - (b.nums[i] ?? 0)
    if (d !== 0) return d > 0
  }
  if (a.pre === b.pre) return false
  if (a.pre === null) return true
  if (b.pre === null) return false
  return a.pre > b.pre
}

/** What "Check for updates" tells the user once the feed answered (`latest`: the feed's version, null when unreachable). */
export function checkMessage(current: string, latest: string | null, error?: string): string {
  if (error) return `Segue could not check for updates: ${error}`
  if (latest === null) return 'Segue could not reach its update feed. Try again later.'
  if (isNewer(latest, current))
    return `Segue ${latest} is available (you have ${current}). It downloads in the background and installs when you quit Segue.`
  return `You have the newest version of Segue (${current}).`
}
