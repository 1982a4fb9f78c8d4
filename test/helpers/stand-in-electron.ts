// A stand-in for Electron's unpacked Linux distribution (this machine cannot download it): an `electron` executable carrying a real fuse wire, for electron-builder's electronDist and @electron/fuses.
import { chmodSync, mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'

/** @electron/fuses' sentinel; the wire follows it: version 1, length, one byte per fuse. */
const FUSE_SENTINEL = 'dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX'
/** Electron 42's defaults ('1' on, '0' off): RunAsNode, cookie encryption, NODE_OPTIONS, --inspect, ASAR integrity, only-ASAR, V8 snapshot, file:// privileges, WASM trap handlers. */
export const DEFAULT_FUSE_WIRE = '101100011'

/** Writes the stand-in binary at `path`: a shell script that prints its name, then the fuse wire. */
export function writeStandInBinary(path: string, wire = DEFAULT_FUSE_WIRE): void {
  writeFileSync(
    path,
    Buffer.concat([
      Buffer.from('#!/bin/sh\necho "stand-in Electron: $0"\nexit 0\n# '),
      Buffer.from(FUSE_SENTINEL),
      Buffer.from([1, wire.length]),
      Buffer.from(wire),
      Buffer.from('\n'),
    ]),
  )
  chmodSync(path, 0o755)
}

/** A folder shaped like electron-v*-linux-x64.zip unpacked (the files electron-builder copies). */
export function makeStandInElectronDist(dir: string, version: string): string {
  mkdirSync(join(dir, 'resources'), { recursive: true })
  writeStandInBinary(join(dir, 'electron'))
  writeFileSync(join(dir, 'version'), version)
  writeFileSync(join(dir, 'LICENSE'), 'Stand-in for the Electron licence (test build).\n')
  writeFileSync(join(dir, 'LICENSES.chromium.html'), '<p>stand-in</p>\n')
  return dir
}
