// Import box paths: quotes stripped, each missing path named, existing ones kept.
import { mkdtemp, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import {
  checkImportPaths,
  cleanImportPath,
  describePathProblems,
} from '../../../../src-main/core/library/import-paths'

describe('import paths', () => {
  it('strips one pair of surrounding quotes and whitespace', () => {
    expect(cleanImportPath('  "/home/me/My Music"  ')).toBe('/home/me/My Music')
    expect(cleanImportPath("'/a/b.m3u'")).toBe('/a/b.m3u')
    expect(cleanImportPath('\u201c/a/b\u201d')).toBe('/a/b')
    expect(cleanImportPath('/a/"b"')).toBe('/a/"b"')
  })

  it('names the missing path and keeps the found one', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'segue-paths-'))
    const file = join(dir, 'list.m3u')
    await writeFile(file, '#EXTM3U\n')
    const missing = join(dir, 'nope')
    const r = await checkImportPaths([`"${dir}"`, ` '${file}' `, missing, ''])
    expect(r.paths).toEqual([dir, file, missing])
    expect(r.problems).toEqual([{ path: missing, reason: 'not found' }])
    expect(describePathProblems(r.problems)).toContain(missing)
  })
})
