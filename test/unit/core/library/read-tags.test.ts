// Tag reading on real generated files (ID3v2.3/2.4 MP3, RIFF INFO WAV, Vorbis-comment FLAC), file-name fallback, and broken files.
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { tagsFromFileName } from '../../../../src-main/core/library/filename-tags'
import { readTrackTags, repairMojibake } from '../../../../src-main/core/library/read-tags'
import { flacFile, mp3File, wavFile, type FixtureTags } from '../../../fixtures/audio-files'
import { makeTempDir } from '../../../fixtures/temp-dir'

const tmp = makeTempDir()
afterAll(tmp.cleanup)

function put(name: string, bytes: Buffer): { path: string; size: number } {
  const path = join(tmp.dir, name)
  writeFileSync(path, bytes)
  return { path, size: bytes.length }
}

const full: FixtureTags = {
  title: 'Jóga',
  artist: 'Björk',
  album: 'Homogenic',
  albumArtist: 'Björk',
  track: 3,
  disc: 1,
  year: 1997,
  genre: 'Electronic',
  mbTrackId: '5d3c2a1b-mb',
}

describe('readTrackTags', () => {
  it.each([
    [
      'ID3v2.3 MP3',
      'a.mp3',
      mp3File(full, { id3Version: 3, seconds: 305 }),
      'MPEG 1 Layer 3',
      128000,
    ],
    [
      'ID3v2.4 MP3',
      'b.mp3',
      mp3File(full, { id3Version: 4, seconds: 305 }),
      'MPEG 1 Layer 3',
      128000,
    ],
    ['FLAC', 'c.flac', flacFile(full, { seconds: 305 }), 'FLAC', null],
  ])('reads every field of an %s', async (_, name, bytes, codec, bitrate) => {
    const f = put(name, bytes)
    const t = await readTrackTags(f.path, f.size)
    expect({ ...t, duration: Math.round(t.duration ?? 0) }).toEqual({
      title: 'Jóga',
      artist: 'Björk',
      album: 'Homogenic',
      albumArtist: 'Björk',
      trackNo: 3,
      discNo: 1,
      year: 1997,
      genre: 'Electronic',
      duration: 305,
      bitrate,
      mbTrackId: '5d3c2a1b-mb',
      mbAlbumId: null,
      mbArtistId: null,
      codec,
      tagsFrom: 'tags',
    })
  })

  it('reads RIFF INFO in WAV files, repairing UTF-8 that was read as Latin-1', async () => {
    const f = put(
      'd.wav',
      wavFile(
        { title: 'Café', artist: 'Sigur Rós', album: 'Ágætis byrjun', year: 1999, track: 2 },
        { seconds: 2 },
      ),
    )
    const t = await readTrackTags(f.path, f.size)
    expect([t.title, t.artist, t.album, t.year, t.trackNo, t.duration, t.codec]).toEqual([
      'Café',
      'Sigur Rós',
      'Ágætis byrjun',
      1999,
      2,
      2,
      'PCM',
    ])
  })

  it('fills missing artist and title from the file name and says so', async () => {
    const f = put('07 - Daft Punk - One More Time.mp3', mp3File({}, { seconds: 320 }))
    const t = await readTrackTags(f.path, f.size)
    expect([t.artist, t.title, t.trackNo, t.tagsFrom]).toEqual([
      'Daft Punk',
      'One More Time',
      7,
      'file name',
    ])
    const g = put('Air - La Femme d’Argent.mp3', mp3File({ title: 'La Femme d’Argent' }))
    expect((await readTrackTags(g.path, g.size)).tagsFrom).toBe('tags and file name')
  })

  it.each([
    ['an empty file', 'e.mp3', Buffer.alloc(0), 'empty file (0 bytes)'],
    [
      'random bytes',
      'f.mp3',
      Buffer.from('this is not audio at all, just text'),
      'not a recognisable audio file',
    ],
    ['a truncated MP3', 'g.mp3', mp3File(full).subarray(0, 60), 'unreadable or corrupt audio file'],
    [
      'a truncated WAV',
      'h.wav',
      wavFile(full).subarray(0, 30),
      'no audio stream found in the WAVE container',
    ],
    ['a truncated FLAC', 'i.flac', flacFile(full).subarray(0, 30), 'not a recognisable audio file'],
  ])('fails with a reason on %s', async (_, name, bytes, reason) => {
    const f = put(name, bytes)
    await expect(readTrackTags(f.path, f.size)).rejects.toThrow(reason)
  })
})

describe('tagsFromFileName', () => {
  it.each([
    ['/m/Artist - Title.mp3', { artist: 'Artist', title: 'Title' }],
    ['/m/01 - Artist - Title.flac', { artist: 'Artist', title: 'Title', trackNo: 1 }],
    ['/m/03. Title Only.ogg', { title: 'Title Only', trackNo: 3 }],
    ['/m/07 Title Only.mp3', { title: 'Title Only', trackNo: 7 }],
    ['/m/50 Cent - In Da Club.mp3', { artist: '50 Cent', title: 'In Da Club' }],
    ['/m/311 - Down.mp3', { artist: '311', title: 'Down' }],
    ['C:\\Music\\Artist_-_Title.mp3', { artist: 'Artist', title: 'Title' }],
    ['/m/ - .mp3', { title: '-' }],
    ['/m/.mp3', { title: '.mp3' }],
  ])('%s', (path, expected) => {
    expect(tagsFromFileName(path)).toEqual(expected)
  })
})

describe('repairMojibake', () => {
  it('repairs Latin-1-read UTF-8 and leaves real Latin-1 text alone', () => {
    expect(repairMojibake('BjÃ¶rk')).toBe('Björk')
    expect(repairMojibake('Björk')).toBe('Björk')
    expect(repairMojibake('Ã and ©')).toBe('Ã and ©')
  })
})
