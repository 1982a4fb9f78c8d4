// The installable app, checked here without Electron's binary or the network: `electron-builder --linux dir` with a stand-in Electron, the packed layout read with @electron/asar, a first run on the packed dataset, and a real .deb built with dpkg-deb.
import { listPackage, extractFile, statFile } from '@electron/asar'
import { FuseState, FuseV1Options, getCurrentFuseWire } from '@electron/fuses'
import { spawnSync } from 'node:child_process'
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, relative, resolve } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { makeDeb, PLAYLIST_MIME_TYPES } from '../../scripts/make-deb.mjs'
import { packLinuxDir } from '../../scripts/pack-linux.mjs'
import { Segue } from '../../src-main/core/app/segue'
import { bundledResourcesDir } from '../../src-main/desktop/paths'
import { makeStandInElectronDist } from '../helpers/stand-in-electron'

const root = resolve(import.meta.dirname, '../..')
const linuxX64 = process.platform === 'linux' && process.arch === 'x64'
const hasDpkg = spawnSync('dpkg-deb', ['--version']).status === 0
/** What the packed Linux app may weigh (it is ~85 MB with the stand-in, whose binary is a few bytes; Electron adds ~200 MB). */
const SIZE_BUDGET_MB = 150

const work = mkdtempSync(join(tmpdir(), 'segue-package-'))
let app = ''
let archive = ''
let unpacked = ''
let entries: string[] = []

/** Every file under `dir`, relative to it, with `/` separators. */
function filesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((f) => statSync(join(dir, f)).isFile())
    .map((f) => f.split('\\').join('/'))
}

/** An archive entry's header: a folder lists `files`; a file or folder kept outside says `unpacked`. */
type Entry = { files?: Record<string, Entry>; unpacked?: boolean }

/** The files under `path` in the archive that are stored inside it (not unpacked). */
function packedFiles(path: string): string[] {
  const walk = (entry: Entry, at: string): string[] => {
    if (entry.unpacked) return []
    if (!entry.files) return [at]
    return Object.entries(entry.files).flatMap(([name, e]) => walk(e, `${at}/${name}`))
  }
  return walk(statFile(archive, path, false) as Entry, path)
}

function sizeMb(dir: string): number {
  let bytes = 0
  for (const f of filesUnder(dir)) bytes += statSync(join(dir, f)).size
  return bytes / 1024 / 1024
}

beforeAll(() => {
  if (!linuxX64) return
  if (!existsSync(join(root, 'out', 'main', 'index.js'))) {
    const build = spawnSync(join(root, 'node_modules', '.bin', 'electron-vite'), ['build'], {
      cwd: root,
      encoding: 'utf8',
    })
    if (build.status !== 0) throw new Error(`electron-vite build failed:\n${build.stderr}`)
  }
  const electronVersion = JSON.parse(
    readFileSync(join(root, 'node_modules', 'electron', 'package.json'), 'utf8'),
  ).version as string
  const electronDist = makeStandInElectronDist(join(work, 'electron'), electronVersion)
  app = packLinuxDir({ electronDist, output: join(work, 'dist'), stdio: 'pipe' })
  archive = join(app, 'resources', 'app.asar')
  unpacked = join(app, 'resources', 'app.asar.unpacked')
  entries = listPackage(archive, { isPack: false }).map((e) => e.split('\\').join('/'))
})

afterAll(() => rmSync(work, { recursive: true, force: true }))

describe.skipIf(!linuxX64)('the packed Linux app (electron-builder --linux dir)', () => {
  it('holds only out/** and package.json (with the production node_modules)', () => {
    const top = new Set(entries.map((e) => e.split('/')[1]))
    expect([...top].sort()).toEqual(['node_modules', 'out', 'package.json'])
    const pkg = JSON.parse(extractFile(archive, 'package.json').toString('utf8'))
    expect(pkg.main).toBe('out/main/index.js')
    for (const built of ['out/main/index.js', 'out/preload/index.cjs', 'out/renderer/index.html'])
      expect(entries).toContain(`/${built}`)
    const forbidden =
      /^\/(src-[^/]+|test|bench|wasm|docs|scripts)(\/|$)|\/node_modules\/(tsx|esbuild|@esbuild|vite|vitest|electron|typescript)(\/|$)|\/sqlite3\/(src|deps)\/|\.map$/
    expect(entries.filter((e) => forbidden.test(e))).toEqual([])
    const onDisk = filesUnder(app).filter((f) =>
      forbidden.test(`/${f.replace(/^.*app\.asar\.unpacked\//, '')}`),
    )
    expect(onDisk).toEqual([])
  })

  it('unpacks the native modules with their shared libraries, the workers and the .wasm kernels', () => {
    for (const dir of ['node_modules/onnxruntime-node', 'node_modules/sqlite3', 'out/main'])
      expect(packedFiles(dir), dir).toEqual([])
    const natives = [
      'node_modules/onnxruntime-node/bin/napi-v6/linux/x64/onnxruntime_binding.node',
      'node_modules/onnxruntime-node/bin/napi-v6/linux/x64/libonnxruntime.so.1',
      'node_modules/sqlite3/build/Release/node_sqlite3.node',
      'node_modules/sqlite3/lib/sqlite3.js',
      'out/main/kernel.wasm',
      'out/main/kernel-relaxed.wasm',
    ]
    for (const f of natives) expect(existsSync(join(unpacked, f)), f).toBe(true)
    const workers = readdirSync(join(root, 'out', 'main')).filter((f) => f.endsWith('.worker.js'))
    expect(workers.length).toBeGreaterThan(3)
    for (const w of workers) expect(existsSync(join(unpacked, 'out', 'main', w)), w).toBe(true)
    // What the workers import is unpacked too (they resolve packages from there).
    for (const p of ['onnxruntime-common', 'protobufjs', 'zod', 'bindings'])
      expect(existsSync(join(unpacked, 'node_modules', p, 'package.json')), p).toBe(true)
    expect(
      filesUnder(join(unpacked, 'node_modules', 'sqlite3')).filter((f) =>
        /\.(a|o|c|cc|h)$/.test(f),
      ),
    ).toEqual([])
  })

  it('lets every worker bundle resolve its packages from app.asar.unpacked alone', () => {
    const workers = readdirSync(join(unpacked, 'out', 'main')).filter((f) =>
      f.endsWith('.worker.js'),
    )
    for (const w of workers) {
      // Run outside a worker thread it stops at its first use of parentPort — after its imports,
      // which must all resolve from the unpacked folder (nothing above it has node_modules).
      const run = spawnSync(process.execPath, [join(unpacked, 'out', 'main', w)], {
        cwd: work,
        encoding: 'utf8',
        timeout: 60_000,
        env: { PATH: process.env.PATH ?? '' },
      })
      expect(run.stderr, w).not.toMatch(/ERR_MODULE_NOT_FOUND|Cannot find (module|package)/)
    }
  })

  it('carries only the Linux x64 onnxruntime binaries', () => {
    const bins = filesUnder(join(unpacked, 'node_modules', 'onnxruntime-node', 'bin'))
    expect(bins.length).toBeGreaterThan(0)
    expect(bins.filter((f) => !f.startsWith('napi-v6/linux/x64/'))).toEqual([])
  })

  it('puts the bundled dataset where the packaged app reads it (process.resourcesPath)', () => {
    const resourcesPath = join(app, 'resources')
    const dataset = join(bundledResourcesDir(true, resourcesPath, archive), 'dataset', 'yes')
    for (const f of [
      'yes_big/song_hash.txt',
      'yes_big/train.txt',
      'yes_big/tags.txt',
      'yes_complete/song_hash.txt',
    ]) {
      const packed = join(dataset, f)
      expect(existsSync(packed), f).toBe(true)
      expect(statSync(packed).size).toBe(
        statSync(join(root, 'resources', 'dataset', 'yes', f)).size,
      )
    }
    expect(entries.some((e) => e.includes('/dataset/'))).toBe(false)
  })

  it('sets the fuses on the packed executable and has no update feed (not a published build)', async () => {
    const wire = await getCurrentFuseWire(join(app, 'segue'))
    expect(wire[FuseV1Options.RunAsNode]).toBe(FuseState.DISABLE)
    expect(wire[FuseV1Options.EnableNodeOptionsEnvironmentVariable]).toBe(FuseState.DISABLE)
    expect(wire[FuseV1Options.EnableNodeCliInspectArguments]).toBe(FuseState.DISABLE)
    expect(wire[FuseV1Options.OnlyLoadAppFromAsar]).toBe(FuseState.ENABLE)
    expect(wire[FuseV1Options.EnableCookieEncryption]).toBe(FuseState.ENABLE)
    expect(existsSync(join(app, 'resources', 'app-update.yml'))).toBe(false)
    expect(existsSync(join(app, 'LICENSE'))).toBe(true)
  })

  it('stays within its size budget', () => {
    const total = sizeMb(app)
    const report = {
      'app folder (stand-in Electron)': total,
      'app.asar': statSync(archive).size / 1024 / 1024,
      'app.asar.unpacked': sizeMb(unpacked),
      'resources/resources (dataset)': sizeMb(join(app, 'resources', 'resources')),
    }
    for (const [what, mb] of Object.entries(report)) console.log(`  ${what}: ${mb.toFixed(1)} MB`)
    expect(total).toBeLessThan(SIZE_BUDGET_MB)
  })

  it('first run: opens on a fresh user-data folder from the packed dataset and writes nothing in the app folder', async () => {
    const before = filesUnder(app).map((f) => `${f}:${statSync(join(app, f)).mtimeMs}`)
    const userData = join(work, 'home', '.config', 'Segue')
    const segue = await Segue.open({
      dataDir: userData,
      resourcesDir: bundledResourcesDir(true, join(app, 'resources'), archive),
      background: false,
    })
    try {
      expect(segue.catalog.songs.size).toBeGreaterThan(1000)
      expect(segue.catalog.playlists.length).toBeGreaterThan(1000)
    } finally {
      await segue.close()
    }
    expect(existsSync(join(userData, 'segue.db'))).toBe(true)
    const after = filesUnder(app).map((f) => `${f}:${statSync(join(app, f)).mtimeMs}`)
    expect(after).toEqual(before)
  })
})

describe.skipIf(!linuxX64 || !hasDpkg)(
  'the .deb (electron-installer-debian + dpkg-deb, offline)',
  () => {
    let deb = ''
    let contents = ''
    beforeAll(async () => {
      deb = await makeDeb({ src: app, dest: join(work, 'deb'), compression: 'gzip' })
      contents = spawnSync('dpkg-deb', ['--contents', deb], {
        encoding: 'utf8',
        maxBuffer: 64 << 20,
      }).stdout
    })

    it('declares the package, its architecture and dependencies', () => {
      const info = spawnSync('dpkg-deb', ['--info', deb], { encoding: 'utf8' })
      expect(info.status).toBe(0)
      expect(info.stdout).toMatch(/^ Package: segue$/m)
      expect(info.stdout).toMatch(/^ Architecture: amd64$/m)
      expect(info.stdout).toMatch(/^ Section: sound$/m)
      const depends = /^ Depends: (.*)$/m.exec(info.stdout)?.[1] ?? ''
      for (const lib of ['libgtk-3-0', 'libnss3', 'libgbm1', 'xdg-utils'])
        expect(depends).toContain(lib)
      console.log(`  .deb: ${(statSync(deb).size / 1024 / 1024).toFixed(1)} MB (gzip)`)
    })

    it('installs the app, a launcher, a desktop entry for the playlist types and the icons', () => {
      const paths = contents.split('\n').map((l) => l.split(/\s+/).slice(5).join(' '))
      for (const p of [
        './usr/lib/segue/segue',
        './usr/lib/segue/resources/app.asar',
        './usr/lib/segue/resources/app.asar.unpacked/node_modules/onnxruntime-node/bin/napi-v6/linux/x64/libonnxruntime.so.1',
        './usr/lib/segue/resources/app.asar.unpacked/node_modules/sqlite3/build/Release/node_sqlite3.node',
        './usr/lib/segue/resources/resources/dataset/yes/yes_big/train.txt',
        './usr/share/applications/segue.desktop',
        './usr/share/icons/hicolor/256x256/apps/segue.png',
        './usr/share/icons/hicolor/48x48/apps/segue.png',
        './usr/share/doc/segue/copyright',
      ])
        expect(paths, p).toContain(p)
      expect(paths).toContain('./usr/bin/segue -> ../lib/segue/segue')
      const tar = spawnSync(
        'sh',
        ['-c', `dpkg-deb --fsys-tarfile "${deb}" | tar -xO ./usr/share/applications/segue.desktop`],
        {
          encoding: 'utf8',
        },
      )
      const entry = tar.stdout
      expect(entry).toMatch(/^Name=Segue$/m)
      expect(entry).toMatch(/^Exec=segue %U$/m)
      expect(entry).toMatch(/^Icon=segue$/m)
      const mime = /^MimeType=(.*)$/m.exec(entry)?.[1].split(';').filter(Boolean) ?? []
      expect(mime.sort()).toEqual([...PLAYLIST_MIME_TYPES].sort())
      expect(relative(work, deb)).toBe(join('deb', 'segue_0.1.0_amd64.deb'))
    })
  },
)
