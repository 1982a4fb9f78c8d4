// The bundled Yes.com dataset loads from resources/ with the figures its README states, and bad directories fail clearly.
import { mkdtemp, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { cleanPlaylists, loadYesDataset } from '../../../../src-main/core/catalog/yes'

const bundled = join(import.meta.dirname, '../../../../resources/dataset/yes/yes_big')

describe('loadYesDataset', () => {
  it('reads the bundled yes_big with the README figures', async () => {
    const ds = await loadYesDataset(bundled)
    expect(ds.songs).toHaveLength(9775)
    expect(ds.playlists).toHaveLength(18139)
    expect(ds.playlists.reduce((n, p) => n + p.length, 0)).toBe(190649)
    expect(ds.songs[1]).toMatchObject({
      title: 'Aston Martin Music (w/ Drake & Chrisette Michelle)',
      artist: 'Rick Ross',
      known: true,
    })
    expect(ds.songs.filter((s) => !s.known)).toHaveLength(36)
    expect(ds.tagNames[0]).toBe('rock')
    const clean = cleanPlaylists(ds)
    expect(clean).toHaveLength(12977)
    expect(clean.every((p) => p.length >= 2 && p.every((id) => ds.songs[id].known))).toBe(true)
  })

  it('names the missing file', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'yes-'))
    await expect(loadYesDataset(dir)).rejects.toThrow(/song_hash\.txt is missing/)
  })

  it('rejects playlists that point at unknown songs, with the line number', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'yes-'))
    await writeFile(join(dir, 'song_hash.txt'), '0\tA\tX\n1\tB\tY\n')
    await writeFile(join(dir, 'train.txt'), '1 2\n5 5\n0 1 \n0 7 \n')
    await expect(loadYesDataset(dir)).rejects.toThrow(/train\.txt line 4: song id "7"/)
  })

  it('cleans unknown songs and short playlists like the seed', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'yes-'))
    await writeFile(join(dir, 'song_hash.txt'), '0\tA\tX\n1\t-\tY\n2\tC\tZ\n')
    await writeFile(join(dir, 'tags.txt'), '0 1\n#\n1\n')
    await writeFile(join(dir, 'tag_hash.txt'), '0, rock\n1, 90s\n')
    await writeFile(join(dir, 'train.txt'), 'ids\ncounts\n0 1 2 \n0 1 \n2 2 \n')
    const ds = await loadYesDataset(dir)
    expect(ds.songs.map((s) => s.tags)).toEqual([['rock', '90s'], [], ['90s']])
    expect(cleanPlaylists(ds)).toEqual([
      [0, 2],
      [2, 2],
    ])
  })
})
