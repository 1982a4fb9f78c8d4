// MusicBee and foobar2000 play counts: fixtures in the exporters' own shapes, read by content, and the hash-only export refused.
import { copyFileSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { CatalogIndex } from '../../../../src-main/core/catalog/match'
import { HistoryCollector } from '../../../../src-main/core/history/collect'
import { detectHistory } from '../../../../src-main/core/history/detect'
import { FOOBAR_HASHES_ONLY, fileTimeToMs } from '../../../../src-main/core/history/foobar'
import { importHistories, sortImportPaths } from '../../../../src-main/core/history/import-paths'
import { listeningFacts } from '../../../../src-main/core/history/listening-facts'
import { readHistoryBytes, readHistoryPath } from '../../../../src-main/core/history/read'
import { importHistoryFile } from '../../../../src-main/core/history/store'
import { scanFolders } from '../../../../src-main/core/library/scan'
import { Db } from '../../../../src-main/core/store/db'
import { sampleLibrary, writeTree } from '../../../fixtures/library-tree'
import { makeTempDir } from '../../../fixtures/temp-dir'

const FIXTURES = join(__dirname, '../../../fixtures/history')
const tmp = makeTempDir('segue-foobar-')
afterAll(() => tmp.cleanup())

/** Reads a fixture copied under a name that says nothing about its format. */
async function read(fixture: string) {
  const file = join(tmp.dir, `${fixture}.data`)
  copyFileSync(join(FIXTURES, fixture), file)
  const c = new HistoryCollector()
  const parts = await readHistoryPath(file, c)
  return { c, parts, file }
}

describe('foobar2000 Playback Statistics XML', () => {
  it('FILETIME → ms', () => {
    expect(fileTimeToMs('133864569300000000')).toBe(Date.UTC(2025, 2, 14, 20, 15, 30))
    expect(fileTimeToMs('0')).toBeUndefined()
    expect(fileTimeToMs(undefined)).toBeUndefined()
  })

  it('one tally per played entry, by the first item path, last play from FILETIME', async () => {
    const { c, parts } = await read('foobar2000-playback-statistics.xml')
    expect(parts.map((p) => p.format)).toEqual(['foobar-playcount'])
    expect(c.length).toBe(0)
    expect(c.tallies.map((t) => [t.location, t.plays, t.lastPlayed])).toEqual([
      [
        '/music/Radiohead/OK Computer/02 Paranoid Android.flac',
        14,
        Date.UTC(2025, 2, 14, 20, 15, 30),
      ],
      ['/music/Björk/Homogenic/06 Jóga.flac', 3, Date.UTC(2025, 1, 1, 18, 45)],
      ['/music/Various/Live.cue', 7, Date.UTC(2024, 7, 18, 9, 31, 12)],
    ])
    expect(c.ignored.get('never played or rated')).toBe(1)
  })

  it('an export naming songs only by hashes is refused, saying what to export instead', async () => {
    await expect(read('foobar2000-hashes-only.xml')).rejects.toThrow(FOOBAR_HASHES_ONLY)
    expect(FOOBAR_HASHES_ONLY).toMatch(/%play_count%/)
  })

  it('the import report of a hash-only export holds that message', async () => {
    const file = join(tmp.dir, 'stats.xml')
    copyFileSync(join(FIXTURES, 'foobar2000-hashes-only.xml'), file)
    const sorted = await sortImportPaths([file])
    expect(sorted.histories).toEqual([file])
    expect(sorted.rest).toEqual([])
    const [report] = await importHistories(undefined as never, [file], undefined as never)
    expect(report.errors.join(' ')).toMatch(/only by hashes/)
    expect(report.tallies).toBe(0)
  })
})

describe('streamed in any chunks', () => {
  it('the XML backup and the text export read the same cut into 7-byte pieces', async () => {
    for (const fixture of ['foobar2000-playback-statistics.xml', 'foobar2000-text-tools.txt']) {
      const whole = (await read(fixture)).c.tallies
      const bytes = readFileSync(join(FIXTURES, fixture))
      async function* pieces() {
        for (let i = 0; i < bytes.length; i += 7) yield bytes.subarray(i, i + 7)
      }
      const c = new HistoryCollector()
      await readHistoryBytes(pieces(), c)
      expect(c.tallies).toEqual(whole)
      expect(whole.length).toBeGreaterThan(0)
    }
  })
})

describe('play count text exports', () => {
  it('foobar2000 Text Tools (tab-separated, %field% names, "?" for unset)', async () => {
    const { c, parts } = await read('foobar2000-text-tools.txt')
    expect(parts.map((p) => p.format)).toEqual(['playcount-text'])
    expect(
      c.tallies.map((t) => [t.artist, t.title, t.album, t.plays, t.rating, t.lastPlayed]),
    ).toEqual([
      ['Radiohead', 'Paranoid Android', 'OK Computer', 14, 100, Date.UTC(2025, 2, 14, 21, 15, 30)],
      ['Björk', 'Jóga', 'Homogenic', 3, 80, Date.UTC(2025, 1, 1, 19, 45)],
      ['Portishead', 'Roads', 'Dummy', 0, 60, undefined],
    ])
    expect(c.ignored.get('never played, rated or skipped')).toBe(1)
    expect(c.warnings.join(' ')).toMatch(/no time zone/)
  })

  it('a quoted CSV with "Play Count" headers and commas inside fields', async () => {
    const { c } = await read('playcount-export.csv')
    expect(c.tallies.map((t) => [t.artist, t.title, t.plays, t.lastPlayed])).toEqual([
      ['Massive Attack', 'Teardrop', 9, Date.UTC(2024, 11, 24, 23, 10)],
      ['Crosby, Stills & Nash', 'Helplessly Hoping', 2, undefined],
    ])
  })

  it('is detected by its header only when it names artist, title and plays', () => {
    expect(detectHistory('artist\ttitle\tplay_count\nA\tB\t3\n')?.format).toBe('playcount-text')
    expect(detectHistory('%artist%;%title%;%play_count%\n')?.format).toBe('playcount-text')
    expect(detectHistory('artist,title,album\nA,B,C\n')).toBeUndefined()
    expect(detectHistory('artist\tplay_count\nA\t3\n')).toBeUndefined()
  })

  it('goes to the playlist importer too (a playlist text export can carry play counts)', async () => {
    const file = join(tmp.dir, 'list.txt')
    copyFileSync(join(FIXTURES, 'foobar2000-text-tools.txt'), file)
    const sorted = await sortImportPaths([file])
    expect(sorted).toEqual({ histories: [file], rest: [file] })
  })
})

describe("MusicBee's iTunes-compatible library XML", () => {
  it('is read as iTunes play counts: Genre1/Genre2 and numeric entities do not get in the way', async () => {
    const { c, parts } = await read('musicbee-itunes-library.xml')
    expect(parts.map((p) => p.format)).toEqual(['itunes-plays'])
    expect(
      c.tallies.map((t) => [
        t.artist,
        t.title,
        t.plays,
        t.skips,
        t.rating,
        t.lastPlayed,
        t.location,
      ]),
    ).toEqual([
      [
        'Cleaners from Venus',
        'Only A Shadow',
        12,
        1,
        80,
        Date.UTC(2025, 2, 1, 10, 20, 30),
        'C:/Users/me/Music/Cleaners from Venus/Going to England/01 Only A Shadow.flac',
      ],
      [
        'Massive Attack',
        'Teardrop',
        4,
        0,
        undefined,
        Date.UTC(2024, 11, 24, 22, 10),
        'C:/Users/me/Music/Massive Attack/Mezzanine/03 Teardrop.mp3',
      ],
    ])
    expect(c.ignored.get('never played, rated or loved')).toBe(1)
  })
})

describe('foobar2000 play counts through the import', () => {
  it('a Playback Statistics backup is matched to your files by path and counts in the listening facts', async () => {
    const root = join(tmp.dir, 'lib')
    writeTree(join(root, 'music'), sampleLibrary())
    const db = await Db.open(join(root, 'segue.db'))
    try {
      await scanFolders(db, [join(root, 'music')])
      const music = join(root, 'music').replace(/\\/g, '/')
      const xml = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        '<PlaybackStatistics Version="3.0" Mapping="C653739F-14B3-4EF2-819B-A3E2883230AE">',
        '  <Entry ID="d12c59be0b98de6d" Count="14" LastPlayed="133864569300000000" >',
        `<Item Path="${music}/Radiohead/OK Computer/02 Paranoid Android.mp3"></Item>  </Entry>`,
        '  <Entry ID="8a01f3c2e4b5d6a7" Count="3" LastPlayed="133829091000000000" >',
        `<Item Path="${music}/Bj&#246;rk/Homogenic/J&#243;ga.flac"></Item>  </Entry>`,
        '  <Entry ID="0c1d2e3f40516273" Count="2" >',
        '<Item Path="/elsewhere/Unknown.flac"></Item>  </Entry>',
        '</PlaybackStatistics>',
      ].join('\n')
      const file = join(root, 'stats.xml')
      writeFileSync(file, xml)
      const report = await importHistoryFile(db, file, CatalogIndex.fromSongs([]))
      expect(report.formats).toEqual(['foobar-playcount'])
      expect(report.tallies).toBe(3)
      expect(report.listens).toBe(0)
      const rows = await db.all<{ plays: number; matched: number }>(
        'SELECT plays, track_id IS NOT NULL AS matched FROM history_tallies ORDER BY plays DESC',
      )
      expect(rows).toEqual([
        { plays: 14, matched: 1 },
        { plays: 3, matched: 1 },
        { plays: 2, matched: 0 },
      ])
      const facts = [...(await listeningFacts(db)).values()]
      expect(facts.map((f) => [f.plays, f.lastPlayed]).sort((a, b) => b[0]! - a[0]!)).toEqual([
        [14, Date.UTC(2025, 2, 14, 20, 15, 30)],
        [3, Date.UTC(2025, 1, 1, 18, 45)],
      ])
    } finally {
      await db.close()
    }
  })
})
