// Which paths an import treats as listening histories, and when the CLI calls a history "nothing imported".
import { mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { failedImportPaths } from '../../../../src-main/cli/import-outcome'
import {
  describeHistoryReport,
  failedHistoryReport,
  sortImportPaths,
} from '../../../../src-main/core/history/import-paths'
import * as gen from '../../../fixtures/history-gen'
import { makeTempDir } from '../../../fixtures/temp-dir'

const tmp = makeTempDir('segue-history-paths-')
afterAll(() => tmp.cleanup())

const plays = gen.generatePlays([[{ artist: 'Adele', title: 'Hello' }]], { seed: 1, skipRate: 0 })

function file(name: string, data: string | Buffer): string {
  const p = join(tmp.dir, name)
  writeFileSync(p, data)
  return p
}

describe('sortImportPaths', () => {
  it('sends histories one way, playlists and music folders the other, Library.xml both', async () => {
    const spotify = file('endsong_0.json', gen.spotifyExtended(plays))
    const playlist = file('Playlist1.json', '{"playlists": []}')
    const m3u = file('road.m3u8', '#EXTM3U\n/x.mp3\n')
    const lib = file('Library.xml', gen.itunesPlays(plays))
    const zip = file('listenbrainz_listener.zip', gen.zip([{ name: 'feedback.jsonl', data: '' }]))
    const music = join(tmp.dir, 'music')
    mkdirSync(music)
    const lbFolder = join(tmp.dir, 'lb')
    mkdirSync(join(lbFolder, 'listens'), { recursive: true })
    const missing = join(tmp.dir, 'missing.json')
    const r = await sortImportPaths([spotify, playlist, m3u, lib, zip, music, lbFolder, missing])
    expect(r.histories).toEqual([spotify, lib, zip, lbFolder])
    expect(r.rest).toEqual([playlist, m3u, lib, music, missing])
  })
})

describe('history reports', () => {
  it('an unreadable or empty history counts as nothing imported; one with listens does not', () => {
    const bad = failedHistoryReport('/x/a.json', 'not a listening history')
    const empty = { ...failedHistoryReport('/x/b.json', ''), errors: [], formats: ['lastfm-csv'] }
    const good = { ...empty, file: '/x/c.csv', listens: 3 }
    const failed = failedImportPaths([], {
      finished: '',
      folders: [],
      playlists: [],
      histories: [bad, empty, good],
    })
    expect(failed).toEqual([
      { path: '/x/a.json', reason: 'not a listening history' },
      { path: '/x/b.json', reason: 'the history holds no listens' },
    ])
    expect(describeHistoryReport(good)).toContain('3 listens of 0 songs')
  })
})
