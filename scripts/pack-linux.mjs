// Packs the built app (out/) for Linux without the network: `electron-builder --linux dir` on a local Electron folder, then the .deb with dpkg-deb.
import { spawnSync } from 'node:child_process'
import { existsSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { makeDeb } from './make-deb.mjs'

const root = resolve(import.meta.dirname, '..')

/**
 * Runs electron-builder's `dir` target with `electronDist` (a folder holding an unpacked Electron for
 * Linux x64) into `output`; returns the `linux-unpacked` app folder. `config`: extra
 * `key=value` overrides (e.g. `publish.provider=github`).
 */
export function packLinuxDir({ electronDist, output, stdio = 'inherit', config = [] }) {
  const bin = join(root, 'node_modules', '.bin', 'electron-builder')
  const args = ['--linux', 'dir', '--x64', '--publish', 'never']
  args.push(`-c.electronDist=${electronDist}`, `-c.directories.output=${output}`)
  args.push(...config.map((c) => `-c.${c}`))
  const run = spawnSync(bin, args, { cwd: root, stdio, encoding: 'utf8' })
  if (run.status !== 0)
    throw new Error(
      `electron-builder failed (exit ${run.status}):\n${run.stdout ?? ''}${run.stderr ?? ''}`,
    )
  return join(output, 'linux-unpacked')
}

function electronDistOrExit() {
  const given = process.argv.find((a) => a.startsWith('--electron-dist='))?.split('=')[1]
  const dir =
    given ?? process.env.SEGUE_ELECTRON_DIST ?? join(root, 'node_modules', 'electron', 'dist')
  if (existsSync(join(dir, 'electron'))) return resolve(dir)
  process.stderr.write(
    `No Electron for Linux in ${dir}.\n` +
      'Give one with --electron-dist=DIR (an unpacked electron-v42-linux-x64.zip) or SEGUE_ELECTRON_DIST.\n',
  )
  process.exit(2)
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const output = join(root, 'dist')
  const app = packLinuxDir({ electronDist: electronDistOrExit(), output })
  process.stdout.write(`${await makeDeb({ src: app, dest: output })}\n`)
}
