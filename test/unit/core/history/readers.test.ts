import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { HistoryCollector } from '../../../../src-main/core/history/collect'
import { JsonArrayStream } from '../../../../src-main/core/history/json-array-stream'
import { readHistoryPath } from '../../../../src-main/core/history/read'
import * as gen from '../../../fixtures/history-gen'
import { makeTempDir } from '../../../fixtures/temp-dir'

const tmp = makeTempDir('segue-history-')
afterAll(() => tmp.cleanup())

const sessions: gen.GenSong[][] = [
  [
    { artist: 'Adele', title: 'Hello', album: '25' },
    { artist: 'Sia', title: 'Chandelier', album: '1000 Forms of Fear' },
    { artist: 'Beyoncé', title: 'Halo, "live"', album: 'I Am…' },
  ],
  [
    { artist: 'Coldplay', title: 'Yellow', album: 'Parachutes' },
    { artist: 'Adele', title: 'Hello', album: '25' },
  ],
  [
    { artist: 'Muse', title: 'Uprising' },
    { artist: 'Sia', title: 'Chandelier', album: '1000 Forms of Fear' },
  ],
]
const plays = gen.generatePlays(sessions, { seed: 7, skipRate: 0.3, repeatRate: 0.3 })
const heard = plays.filter((p) => !p.skipped)

async function read(name: string, data: string | Buffer) {
  const file = join(tmp.dir, name)
  writeFileSync(file, data)
  const c = new HistoryCollector()
  const parts = await readHistoryPath(file, c)
  return { c, parts }
}

function listens(c: HistoryCollector) {
  return [...c.order()].map((i) => ({
    ts: c.ts[i],
    artist: c.songs[c.song[i]].artist,
    title: c.songs[c.song[i]].title,
    ms: c.ms[i],
    skipped: c.skipped[i] === 1,
  }))
}

describe('history readers (by content, whatever the name)', () => {
  it('the generator made skips and repeats to find', () => {
    expect(plays.some((p) => p.skipped)).toBe(true)
    expect(plays.some((p, i) => i > 0 && plays[i - 1].title === p.title)).toBe(true)
  })

  it('Spotify Extended Streaming History: start = ts − ms_played, skips, podcast left out', async () => {
    const { c, parts } = await read('data.bin', gen.spotifyExtended(plays))
    expect(parts.map((p) => p.format)).toEqual(['spotify-extended'])
    expect(listens(c)).toEqual(
      plays.map((p) => ({
        ts: p.ts,
        artist: p.artist,
        title: p.title,
        ms: p.msPlayed,
        skipped: p.skipped,
      })),
    )
    expect(c.ignored.get('podcast episode')).toBe(1)
    expect(c.songs.find((s) => s.title === 'Hello')?.album).toBe('25')
  })

  it('Spotify account data (StreamingHistory.json): minute end times', async () => {
    const { c, parts } = await read('x.json', gen.spotifyAccount(plays))
    expect(parts[0].format).toBe('spotify-account')
    const got = listens(c)
    expect(got.length).toBe(plays.length)
    got.forEach((l, i) => {
      expect(l.title).toBe(plays[i].title)
      expect(Math.abs(l.ts - plays[i].ts)).toBeLessThan(60_000)
    })
  })

  it('ListenBrainz JSON Lines in a zip, with the feedback file', async () => {
    const data = gen.zip([
      { name: 'user.json', data: '{"user_id": 1, "username": "listener"}' },
      { name: 'listens/2021/1.jsonl', data: gen.listenBrainzLines(heard) },
      {
        name: 'feedback.jsonl',
        data: gen.listenBrainzFeedback([
          { song: sessions[0][0], score: 1 },
          { song: sessions[2][0], score: -1 },
          { song: sessions[1][0], score: 0 },
        ]),
      },
    ])
    const { c, parts } = await read('export', data)
    expect(parts.map((p) => p.format)).toEqual(['listenbrainz', 'listenbrainz-feedback'])
    expect(listens(c).map((l) => [l.ts, l.title, l.ms])).toEqual(
      heard.map((p) => [p.ts, p.title, -1]),
    )
    expect(c.feedbacks.map((f) => f.score)).toEqual([1, -1])
    const hello = c.songs.find((s) => s.title === 'Hello')!
    expect(c.feedbacks[0].id).toBe(hello.id)
    expect(hello.durationMs).toBeGreaterThan(0)
  })

  it('Last.fm CSV (uts,utc_time,…) with quoted commas and quotes', async () => {
    const { c, parts } = await read('scrobbles.txt', gen.lastfmCsv(plays))
    expect(parts[0].format).toBe('lastfm-csv')
    expect(listens(c).map((l) => [l.ts, l.artist, l.title])).toEqual(
      heard.map((p) => [p.ts, p.artist, p.title]),
    )
  })

  it('Last.fm headerless artist,album,track,date CSV', async () => {
    const { c } = await read(
      'lastfm.csv',
      'Adele,25,Hello,04 Jan 2021 08:00\nSia,x,Chandelier,04 Jan 2021 08:04\n',
    )
    expect(listens(c).map((l) => [l.ts, l.title])).toEqual([
      [Date.UTC(2021, 0, 4, 8, 0), 'Hello'],
      [Date.UTC(2021, 0, 4, 8, 4), 'Chandelier'],
    ])
  })

  it('Last.fm JSON API pages, now-playing left out', async () => {
    const { c, parts } = await read('lastfm.json', gen.lastfmJson(heard))
    expect(parts[0].format).toBe('lastfm-json')
    expect(listens(c).map((l) => [l.ts, l.title])).toEqual(heard.map((p) => [p.ts, p.title]))
    expect(c.ignored.get('now playing (not yet scrobbled)')).toBe(1)
  })

  it('.scrobbler.log: L listened, S skipped', async () => {
    const { c, parts } = await read('.scrobbler.log', gen.scrobblerLog(plays))
    expect(parts[0].format).toBe('scrobbler-log')
    expect(listens(c).map((l) => [l.ts, l.title, l.skipped])).toEqual(
      plays.map((p) => [p.ts, p.title, p.skipped]),
    )
  })

  it('iTunes Library.xml: play counts, skips, last play, loved', async () => {
    const { c, parts } = await read('Library.xml', gen.itunesPlays(plays))
    expect(parts[0].format).toBe('itunes-plays')
    const hello = c.tallies.find((t) => t.title === 'Hello')!
    expect(hello.plays).toBe(heard.filter((p) => p.title === 'Hello').length)
    expect(hello.skips).toBe(plays.filter((p) => p.title === 'Hello' && p.skipped).length)
    const last = Math.max(...heard.filter((p) => p.title === 'Hello').map((p) => p.ts + p.msPlayed))
    expect(hello.lastPlayed).toBe(Math.floor(last / 1000) * 1000)
    expect(c.tallies[0].loved).toBe(true)
    expect(c.length).toBe(0)
  })

  it('a file that is no history is refused with a clear message', async () => {
    await expect(read('notes.json', '{"hello": 1}')).rejects.toThrow(/not a listening history/)
  })
})

describe('JsonArrayStream', () => {
  it('gives the same elements however the text is cut', () => {
    const text = ' [ {"a": "x]}\\"{", "b": [1, {"c": 2}]}, {"d": "\\\\"} ,[3] ] '
    for (let cut = 0; cut <= text.length; cut++) {
      const got: unknown[] = []
      const s = new JsonArrayStream((v) => got.push(v))
      s.write(text.slice(0, cut))
      s.write(text.slice(cut))
      s.end()
      expect(got).toEqual([{ a: 'x]}"{', b: [1, { c: 2 }] }, { d: '\\' }, [3]])
    }
  })

  it('reports a bad element and a cut-short file, keeping the rest', () => {
    const got: unknown[] = []
    const bad: string[] = []
    const s = new JsonArrayStream(
      (v) => got.push(v),
      (m) => bad.push(m),
    )
    s.write('[{"a":1},{"b":tru},{"c":3},{"d"')
    s.end()
    expect(got).toEqual([{ a: 1 }, { c: 3 }])
    expect(bad.length).toBe(2)
  })
})
