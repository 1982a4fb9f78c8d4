// `npm start` / `npm run dev`: makes sure Electron's binary is there (downloading it like `require('electron')` would), then runs electron-vite; says what to do when it cannot.
import { spawnSync } from 'node:child_process'
import { join, resolve } from 'node:path'
import { ensureElectron, missingElectronMessage } from './electron-check.mjs'

const root = resolve(import.meta.dirname, '..')
const mode = process.argv[2] ?? 'preview'
// SEGUE_ELECTRON_PACKAGE: another electron package folder (tests use a stand-in).
const electronDir = process.env.SEGUE_ELECTRON_PACKAGE ?? join(root, 'node_modules', 'electron')
const electron = ensureElectron(electronDir, { log: (m) => process.stderr.write(m) })
if (!electron.ok) {
  process.stderr.write(missingElectronMessage(electron.reason))
  process.exit(1)
}
const bin = join(
  root,
  'node_modules',
  '.bin',
  process.platform === 'win32' ? 'electron-vite.cmd' : 'electron-vite',
)
const run = spawnSync(bin, [mode, ...process.argv.slice(3)], {
  cwd: root,
  stdio: 'inherit',
  shell: process.platform === 'win32',
})
process.exit(run.status ?? 1)
