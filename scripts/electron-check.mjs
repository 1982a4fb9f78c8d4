// Whether Electron's binary is installed, fetching it the way `require('electron')` would (Electron ≥ 42 has no postinstall), and what to tell the user when that fails.
import { spawnSync } from 'node:child_process'
import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'

/** Node the desktop app's Electron 42 installs with (its package's `engines`); headless mode and the CLI need only 20.19. */
export const DESKTOP_NODE = '22.12.0'
export const HEADLESS_NODE = '20.19.0'

/** True when `version` ("v20.19.1" or "20.19.1") is at least `min`. */
export function atLeast(version, min) {
  const a = version.replace(/^v/, '').split('.').map(Number)
  const b = min.split('.').map(Number)
  for (let i = 0; i < 3; i++) if ((a[i] ?? 0) !== b[i]) return (a[i] ?? 0) > b[i]
  return true
}

/**
 * Finds the Electron executable the `electron` package would launch (its `path.txt` inside `dist/`,
 * or ELECTRON_OVERRIDE_DIST_PATH). Returns `{ ok, path }` or `{ ok: false, reason, downloadable }`
 * (downloadable: the package is there, only its binary is missing).
 */
export function findElectron(electronDir, env = process.env) {
  const pathFile = join(electronDir, 'path.txt')
  if (!existsSync(join(electronDir, 'package.json')))
    return {
      ok: false,
      downloadable: false,
      reason: `the electron package is missing (${electronDir}): run \`npm install\``,
    }
  const name = existsSync(pathFile) ? readFileSync(pathFile, 'utf8').trim() : ''
  if (env.ELECTRON_OVERRIDE_DIST_PATH) {
    const bin = join(env.ELECTRON_OVERRIDE_DIST_PATH, name || 'electron')
    return existsSync(bin)
      ? { ok: true, path: bin }
      : { ok: false, downloadable: false, reason: `ELECTRON_OVERRIDE_DIST_PATH has no ${bin}` }
  }
  if (!name)
    return { ok: false, downloadable: true, reason: "Electron's binary was never downloaded" }
  const bin = join(electronDir, 'dist', name)
  return existsSync(bin)
    ? { ok: true, path: bin }
    : { ok: false, downloadable: true, reason: `${bin} is missing` }
}

/** The last non-empty line of a failed download's output (e.g. "getaddrinfo ENOTFOUND github.com"). */
function lastLine(text) {
  const lines = String(text ?? '')
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l && !l.startsWith('at '))
  return lines.at(-1) ?? ''
}

/**
 * Electron's executable, downloading it first when only the binary is missing: runs the package's
 * own `install.js` (what `require('electron')` does on first launch). Returns `{ ok, path }`, or
 * `{ ok: false, reason }` when the package is absent or the download failed.
 */
export function ensureElectron(
  electronDir,
  { env = process.env, node = process.execPath, log = () => {} } = {},
) {
  const found = findElectron(electronDir, env)
  if (found.ok || !found.downloadable) return found
  log(`${found.reason}: downloading Electron…\n`)
  const run = spawnSync(node, [join(electronDir, 'install.js')], {
    cwd: electronDir,
    env,
    encoding: 'utf8',
    timeout: 10 * 60_000,
  })
  if (run.status === 0) {
    const after = findElectron(electronDir, env)
    if (after.ok) return after
    return { ok: false, reason: `the download finished but ${after.reason}` }
  }
  const why =
    lastLine(run.stderr) || lastLine(run.stdout) || run.error?.message || `exit ${run.status}`
  return { ok: false, reason: `${found.reason} and downloading it failed (${why})` }
}

/** What `npm start` prints when there is no Electron binary: what happened and what to do. */
export function missingElectronMessage(reason, nodeVersion = process.version) {
  const lines = [
    'Electron is not installed — offline? Run `npm run serve` to use Segue in your browser.',
    '',
    `  Why: ${reason}.`,
    '  The desktop app: with a network connection, run `npm start` again (it downloads Electron),',
    `  or \`npx install-electron\`. It needs Node ${DESKTOP_NODE} or newer.`,
    `  The browser app and the CLI (\`npm run serve\`, \`npx segue\`) need Node ${HEADLESS_NODE} or newer.`,
  ]
  if (!atLeast(nodeVersion, DESKTOP_NODE))
    lines.push(
      '',
      `  This is Node ${nodeVersion}: Electron 42 wants ${DESKTOP_NODE}+ — upgrade Node for the desktop app.`,
    )
  return lines.join('\n') + '\n'
}
