// A process killed mid-import (or mid-scan) leaves the last committed state, and the next open recovers by itself.
import { spawn } from 'node:child_process'
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { CatalogIndex } from '../../../../src-main/core/catalog/match'
import { scanFolders } from '../../../../src-main/core/library/scan'
import { importPlaylistFile } from '../../../../src-main/core/playlists/import'
import { listPlaylists } from '../../../../src-main/core/playlists/store'
import { Db } from '../../../../src-main/core/store/db'
import { writeTree } from '../../../fixtures/library-tree'
import { makeTempDir } from '../../../fixtures/temp-dir'

let tmp: ReturnType<typeof makeTempDir>
beforeEach(() => {
  tmp = makeTempDir()
})
afterEach(() => tmp.cleanup())

function m3u(n: number, tag: string): string {
  const lines = ['#EXTM3U']
  for (let i = 0; i < n; i++)
    lines.push(
      `#EXTINF:${100 + (i % 200)},Artist ${i % 97} - ${tag} Song ${i}`,
      `/music/${tag}/${i}.mp3`,
    )
  return `${lines.join('\n')}\n`
}

/** Runs the child until it prints `marker`, then SIGKILLs it; resolves with how it ended. */
function runAndKill(
  args: string[],
  marker: string,
): Promise<{ signal: NodeJS.Signals | null; out: string }> {
  return new Promise((resolve, reject) => {
    // node --import tsx (not the tsx wrapper, which would leave its node child alive after SIGKILL).
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', join(process.cwd(), 'test/fixtures/kill-child.ts'), ...args],
      {
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    )
    let out = ''
    let err = ''
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString()
      if (out.includes(marker)) child.kill('SIGKILL')
    })
    child.stderr.on('data', (d: Buffer) => (err += d.toString()))
    child.on('error', reject)
    child.on('exit', (_code, signal) =>
      signal ? resolve({ signal, out }) : reject(new Error(`child exited by itself: ${out}${err}`)),
    )
  })
}

async function integrity(db: Db): Promise<string> {
  return (await db.get<{ integrity_check: string }>('PRAGMA integrity_check'))!.integrity_check
}

describe('killed mid-import', () => {
  it('keeps the previous version of a re-imported playlist and never a half one', async () => {
    const dbPath = join(tmp.dir, 'segue.db')
    const file = join(tmp.dir, 'big.m3u')
    writeFileSync(file, m3u(100, 'old'))
    let db = await Db.open(dbPath)
    await importPlaylistFile(db, file, CatalogIndex.empty())
    await db.close()

    writeFileSync(file, m3u(5_000, 'new'))
    const other = join(tmp.dir, 'fresh.m3u')
    writeFileSync(other, m3u(3_000, 'fresh'))
    expect((await runAndKill(['import', dbPath, file], 'FROZEN-IN-TRANSACTION')).signal).toBe(
      'SIGKILL',
    )
    expect((await runAndKill(['import', dbPath, other], 'FROZEN-IN-TRANSACTION')).signal).toBe(
      'SIGKILL',
    )

    db = await Db.open(dbPath)
    try {
      expect(await integrity(db)).toBe('ok')
      const lists = await listPlaylists(db)
      expect(lists.map((p) => [p.id, p.source_path, p.entries])).toEqual([[1, file, 100]])
      expect(await db.get('SELECT count(*) AS n, min(title) AS first FROM playlist_items')).toEqual(
        {
          n: 100,
          first: 'old Song 0',
        },
      )
      // And the database is usable at once: the same import now completes.
      const r = await importPlaylistFile(db, file, CatalogIndex.empty())
      expect([r.playlists[0].id, r.entries]).toEqual([1, 5_000])
    } finally {
      await db.close()
    }
  })

  it('keeps every scan batch committed before the kill; the next scan reads only the rest', async () => {
    const music = join(tmp.dir, 'music')
    writeTree(
      music,
      Array.from({ length: 30 }, (_, i) => ({
        path: `a/${String(i).padStart(2, '0')}.mp3`,
        tags: { title: `T${i}`, artist: 'A' },
      })),
    )
    const dbPath = join(tmp.dir, 'segue.db')
    await (await Db.open(dbPath)).close()
    expect((await runAndKill(['scan', dbPath, music], 'FROZEN-AFTER-TWO-BATCHES')).signal).toBe(
      'SIGKILL',
    )
    const db = await Db.open(dbPath)
    try {
      expect(await integrity(db)).toBe('ok')
      expect(await db.get('SELECT count(*) AS n FROM tracks')).toEqual({ n: 10 })
      expect(await scanFolders(db, [music])).toMatchObject({
        tracks_added: 20,
        tracks_unchanged: 10,
      })
    } finally {
      await db.close()
    }
  })
})
