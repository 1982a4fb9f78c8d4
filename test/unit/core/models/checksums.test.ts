// Model checksums: a changed trained file is caught; the app's own re-export of model.onnx is recorded, not flagged.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import {
  recordChecksum,
  verifyChecksums,
  writeChecksums,
} from '../../../../src-main/core/models/checksums'

let dir = ''
afterEach(() => rmSync(dir, { recursive: true, force: true }))

describe('model checksums', () => {
  it('flags a changed graph, accepts it once the app records its own rewrite', async () => {
    dir = mkdtempSync(join(tmpdir(), 'segue-sums-'))
    writeFileSync(join(dir, 'model.onnx'), 'graph v1')
    writeFileSync(join(dir, 'vocab.tsv'), 'a\nb\n')
    await writeChecksums(dir)
    await expect(verifyChecksums(dir)).resolves.toBeUndefined()
    writeFileSync(join(dir, 'model.onnx'), 'graph v2 over placed rows')
    await expect(verifyChecksums(dir)).rejects.toThrow(/model.onnx does not match its checksum/)
    await recordChecksum(dir, 'model.onnx')
    await expect(verifyChecksums(dir)).resolves.toBeUndefined()
    writeFileSync(join(dir, 'vocab.tsv'), 'a\nc\n')
    await expect(verifyChecksums(dir)).rejects.toThrow(/vocab.tsv/)
  })

  it('leaves a folder without a manifest alone', async () => {
    dir = mkdtempSync(join(tmpdir(), 'segue-sums-'))
    writeFileSync(join(dir, 'model.onnx'), 'old folder')
    await recordChecksum(dir, 'model.onnx')
    await expect(verifyChecksums(dir)).resolves.toBeUndefined()
  })
})
