// Worker threads cannot load from app.asar: the packaged app starts them from the unpacked copy beside it.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { asarUnpackedPath } from '../../../src-main/core/jobs/worker'

const root = mkdtempSync(join(tmpdir(), 'segue-asar-'))
afterAll(() => rmSync(root, { recursive: true, force: true }))

describe('asarUnpackedPath', () => {
  it('maps a bundle inside app.asar to its unpacked copy when that exists', () => {
    mkdirSync(join(root, 'resources', 'app.asar.unpacked', 'out', 'main'), { recursive: true })
    writeFileSync(join(root, 'resources', 'app.asar.unpacked', 'out', 'main', 'a.worker.js'), '')
    expect(
      asarUnpackedPath(join(root, 'resources', 'app.asar', 'out', 'main', 'a.worker.js')),
    ).toBe(join(root, 'resources', 'app.asar.unpacked', 'out', 'main', 'a.worker.js'))
  })

  it('leaves other paths, and files with no unpacked copy, alone', () => {
    const inAsar = join(root, 'resources', 'app.asar', 'out', 'main', 'b.worker.js')
    expect(asarUnpackedPath(inAsar)).toBe(inAsar)
    const plain = join(root, 'out', 'main', 'a.worker.js')
    expect(asarUnpackedPath(plain)).toBe(plain)
    const lookalike = join(root, 'my.app.asar.d', 'a.worker.js')
    expect(asarUnpackedPath(lookalike)).toBe(lookalike)
  })
})
