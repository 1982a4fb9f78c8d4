// JSON files parsed once per version: the same object while the file is unchanged, the new content once it is replaced, null when missing or broken.
import { mkdtemp, rm, unlink, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { writeFileAtomic } from '../../../../src-main/core/util/fs-atomic'
import { JsonFileCache } from '../../../../src-main/core/util/json-file-cache'

let dir: string
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'segue-json-cache-'))
})
afterAll(() => rm(dir, { recursive: true, force: true }))

describe('JsonFileCache', () => {
  it('parses a file once while it is unchanged, and again once it is replaced', async () => {
    const cache = new JsonFileCache()
    const path = join(dir, 'clusters.json')
    await writeFileAtomic(path, JSON.stringify({ k: 1 }))
    const first = await cache.read<{ k: number }>(path)
    expect(first).toEqual({ k: 1 })
    expect(await cache.read(path)).toBe(first)
    await writeFileAtomic(path, JSON.stringify({ k: 2 }))
    expect(await cache.read(path)).toEqual({ k: 2 })
  })

  it('sees a file rewritten in place with other content of another size', async () => {
    const cache = new JsonFileCache()
    const path = join(dir, 'in-place.json')
    await writeFile(path, '[1]')
    expect(await cache.read(path)).toEqual([1])
    await writeFile(path, '[1, 2, 3]')
    expect(await cache.read(path)).toEqual([1, 2, 3])
  })

  it('gives null for a missing or broken file, and forgets a deleted one', async () => {
    const cache = new JsonFileCache()
    expect(await cache.read(join(dir, 'missing.json'))).toBeNull()
    const broken = join(dir, 'broken.json')
    await writeFile(broken, '{"k": ')
    expect(await cache.read(broken)).toBeNull()
    const gone = join(dir, 'gone.json')
    await writeFile(gone, '{}')
    expect(await cache.read(gone)).toEqual({})
    await unlink(gone)
    expect(await cache.read(gone)).toBeNull()
  })

  it('keeps a bounded number of files', async () => {
    const cache = new JsonFileCache()
    const paths = Array.from({ length: 12 }, (_, i) => join(dir, `f${i}.json`))
    for (const [i, p] of paths.entries()) await writeFile(p, JSON.stringify({ i }))
    const first = await cache.read(paths[0])
    for (const p of paths.slice(1)) await cache.read(p)
    // The first was pushed out: read again, it is parsed anew (equal, not the same object).
    const again = await cache.read(paths[0])
    expect(again).toEqual(first)
    expect(again).not.toBe(first)
  })
})
