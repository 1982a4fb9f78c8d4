// `npm start` without Electron's binary: it tries the download (as require('electron') would), and only when that fails says what to do.
import { spawnSync } from 'node:child_process'
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import {
  atLeast,
  DESKTOP_NODE,
  ensureElectron,
  findElectron,
  missingElectronMessage,
} from '../../../scripts/electron-check.mjs'

const root = resolve(import.meta.dirname, '../../..')
const dirs: string[] = []
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true })
})

/** A stand-in `electron` package whose install.js runs `installScript`. */
function fakeElectronPackage(installScript: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'segue-electron-'))
  dirs.push(dir)
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'electron', version: '42.0.0' }))
  writeFileSync(join(dir, 'install.js'), installScript)
  return dir
}

const failingDownload = `console.error('TypeError: fetch failed'); process.exit(1)`
const workingDownload = `
const fs = require('fs'), path = require('path')
fs.mkdirSync(path.join(__dirname, 'dist'), { recursive: true })
fs.writeFileSync(path.join(__dirname, 'dist', 'electron'), '')
fs.writeFileSync(path.join(__dirname, 'path.txt'), 'electron')
fs.writeFileSync(path.join(__dirname, 'ran'), String(Date.now()))`

describe('ensureElectron', () => {
  it('downloads the binary when only it is missing, then finds it', () => {
    const dir = fakeElectronPackage(workingDownload)
    expect(findElectron(dir, {})).toMatchObject({ ok: false, downloadable: true })
    const found = ensureElectron(dir, { env: {} })
    expect(found).toEqual({ ok: true, path: join(dir, 'dist', 'electron') })
    expect(readFileSync(join(dir, 'ran'), 'utf8')).not.toBe('')
  })

  it('reports the failed download with its cause', () => {
    const dir = fakeElectronPackage(failingDownload)
    const found = ensureElectron(dir, { env: {} })
    expect(found.ok).toBe(false)
    if (!found.ok) expect(found.reason).toMatch(/downloading it failed \(TypeError: fetch failed\)/)
  })

  it('does not try to download when the binary is there', () => {
    const dir = fakeElectronPackage(`process.exit(3)`)
    mkdirSync(join(dir, 'dist'))
    writeFileSync(join(dir, 'dist', 'electron'), '')
    writeFileSync(join(dir, 'path.txt'), 'electron\n')
    expect(ensureElectron(dir, { env: {} })).toEqual({
      ok: true,
      path: join(dir, 'dist', 'electron'),
    })
  })

  it('names a missing package without downloading anything', () => {
    const dir = join(tmpdir(), 'segue-no-such-electron-package')
    const found = ensureElectron(dir, { env: {} })
    expect(found).toMatchObject({ ok: false, downloadable: false })
  })
})

describe('the message', () => {
  it('says what to do and the real Node requirements', () => {
    const text = missingElectronMessage('no network', 'v20.19.0')
    expect(text.split('\n')[0]).toBe(
      'Electron is not installed — offline? Run `npm run serve` to use Segue in your browser.',
    )
    expect(text).toContain('Why: no network.')
    expect(text).toContain(`Node ${DESKTOP_NODE} or newer`)
    expect(text).toContain('Node 20.19.0 or newer')
    expect(text).toContain('This is Node v20.19.0')
    expect(missingElectronMessage('x', 'v22.12.0')).not.toContain('This is Node')
  })

  it('matches the Node that the installed electron package declares', () => {
    const pkg = JSON.parse(readFileSync(join(root, 'node_modules/electron/package.json'), 'utf8'))
    const min = String(pkg.engines.node).replace(/[^\d.]/g, '')
    expect(min).toBe(DESKTOP_NODE)
    expect(atLeast('v22.12.0', DESKTOP_NODE)).toBe(true)
    expect(atLeast('22.11.9', DESKTOP_NODE)).toBe(false)
    expect(atLeast('v23.0.0', DESKTOP_NODE)).toBe(true)
  })
})

describe('npm start (scripts/launch.mjs)', () => {
  it('exits 1 with the message when the download fails, and never starts electron-vite', () => {
    const dir = fakeElectronPackage(failingDownload)
    const run = spawnSync(process.execPath, [join(root, 'scripts/launch.mjs'), 'preview'], {
      cwd: root,
      env: { ...process.env, SEGUE_ELECTRON_PACKAGE: dir, ELECTRON_OVERRIDE_DIST_PATH: '' },
      encoding: 'utf8',
    })
    expect(run.status).toBe(1)
    expect(run.stderr).toContain('downloading Electron')
    expect(run.stderr).toContain('Electron is not installed — offline? Run `npm run serve`')
    expect(run.stderr).not.toContain('Error: Electron uninstall')
    expect(run.stdout).toBe('')
  })
})
