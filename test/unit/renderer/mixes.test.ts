// Made For You and player stores against a fake bridge: generation, thumbs, saving, endless radio refills, the queue, media URLs.
import { createPinia, setActivePinia } from 'pinia'
import { beforeEach, describe, expect, it } from 'vitest'
import type { MixTrackView, MixView } from '../../../src-shared/contract'
import { setBridge } from '../../../src-renderer/bridge'
import { fakeBridge } from '../../helpers/fake-bridge'
import { mediaUrl } from '../../../src-renderer/media'
import { randomSeed, useMixesStore } from '../../../src-renderer/stores/mixes'
import { playable, usePlayerStore } from '../../../src-renderer/stores/player'

/** A track; a numeric `trackId` makes it one of the user's files. */
const track = (key: string, trackId?: number): MixTrackView => ({
  key,
  artist: `Artist ${key}`,
  title: `Title ${key}`,
  owned: trackId !== undefined,
  ...(trackId !== undefined ? { trackId } : {}),
  why: `because ${key}`,
})

const mix = (id: string, tracks: MixTrackView[], over: Partial<MixView> = {}): MixView => ({
  id,
  name: `Mix ${id}`,
  kind: 'daily',
  description: 'd',
  seed: 1,
  created: '2026-01-01T00:00:00Z',
  saved: false,
  tracks,
  ...over,
})

/** Lets pending promise chains (refills started with `void`) settle. */
const settle = () => new Promise((r) => setTimeout(r, 0))

beforeEach(() => setActivePinia(createPinia()))

describe('mixes store', () => {
  it('makes the mixes with the given seed, and asks for playable-now only when toggled', async () => {
    const fake = fakeBridge({ 'mixes.generate': () => [mix('a', [track('x', 1)])] })
    setBridge(fake.bridge)
    const store = useMixesStore()
    await store.generate(42)
    store.playableNow = true
    await settle()
    await store.generate(7)
    expect(fake.calls).toEqual([
      ['mixes.generate', { seed: 42 }],
      // Toggling applies at once: the shown mixes are drawn again with their own seed.
      ['mixes.generate', { seed: 1, playableNow: true }],
      ['mixes.generate', { seed: 7, playableNow: true }],
    ])
    expect(store.mixes.map((m) => m.id)).toEqual(['a'])
    expect(store.busy).toBe(false)
  })

  it('applies "Playable now" at once only when there are generated mixes to redraw', async () => {
    const fake = fakeBridge({ 'mixes.generate': () => [mix('b', [track('y', 2)], { seed: 9 })] })
    setBridge(fake.bridge)
    const store = useMixesStore()
    store.playableNow = true
    await settle()
    expect(fake.calls).toEqual([])
    await store.generate(9)
    store.playableNow = false
    await settle()
    expect(fake.calls).toEqual([
      ['mixes.generate', { seed: 9, playableNow: true }],
      ['mixes.generate', { seed: 9 }],
    ])
  })

  it('draws a new seed in the range the core accepts', () => {
    expect(randomSeed(() => 0)).toBe(0)
    expect(randomSeed(() => 0.5)).toBe(2 ** 30)
    expect(randomSeed(() => 0.9999999999)).toBe(2 ** 31 - 1)
  })

  it('shows why mixes could not be made and keeps the previous ones', async () => {
    let fail = false
    const fake = fakeBridge({
      'mixes.generate': () => {
        if (fail) throw new Error('Import some of your music or playlists first')
        return [mix('a', [track('x', 1)])]
      },
    })
    setBridge(fake.bridge)
    const store = useMixesStore()
    await store.generate(1)
    fail = true
    await store.generate(2)
    expect(store.error).toMatch(/Import some of your music/)
    expect(store.mixes.map((m) => m.id)).toEqual(['a'])
  })

  it('reloads the list when the core says the mixes changed', async () => {
    let list = [mix('a', [])]
    const fake = fakeBridge({ 'mixes.list': () => list })
    setBridge(fake.bridge)
    const store = useMixesStore()
    store.listen()
    store.listen()
    await store.refresh()
    list = [mix('b', []), mix('c', [])]
    fake.emit('mixes.changed', { count: 2 })
    await settle()
    expect(store.mixes.map((m) => m.id)).toEqual(['b', 'c'])
    expect(fake.calls.filter(([n]) => n === 'mixes.list')).toHaveLength(2)
  })

  it('a thumbs-down records it, takes the song out of every mix and the queue, and stays out after a reload', async () => {
    const tracks = [track('a', 1), track('b', 2), track('c', 3)]
    const fake = fakeBridge({
      'mixes.list': () => [mix('m', tracks)],
      'mixes.journey': () => mix('j', [track('b'), track('d')], { kind: 'journey' }),
      'feedback.set': (args: { key: string; thumb: string }) => args,
    })
    setBridge(fake.bridge)
    const store = useMixesStore()
    const player = usePlayerStore()
    await store.refresh()
    await store.journey('a', 'd', 5)
    store.play(store.mixes[0])
    await store.thumb('b', 'down')
    expect(fake.calls.at(-1)).toEqual(['feedback.set', { key: 'b', thumb: 'down' }])
    expect(store.mixes[0].tracks.map((t) => t.key)).toEqual(['a', 'c'])
    expect(store.adhoc[0].tracks.map((t) => t.key)).toEqual(['d'])
    expect(player.queue.map((t) => t.key)).toEqual(['a', 'c'])
    await store.refresh()
    expect(store.mixes[0].tracks.map((t) => t.key)).toEqual(['a', 'c'])
    await store.thumb('a', 'up')
    expect(store.thumbs).toEqual({ a: 'up', b: 'down' })
    expect(store.mixes[0].tracks.map((t) => t.key)).toEqual(['a', 'c'])
  })

  it('a failed thumb changes nothing and says why', async () => {
    const fake = fakeBridge({
      'mixes.list': () => [mix('m', [track('a', 1)])],
      'feedback.set': () => {
        throw new Error('database is locked')
      },
    })
    setBridge(fake.bridge)
    const store = useMixesStore()
    await store.refresh()
    await store.thumb('a', 'down')
    expect(store.error).toMatch(/locked/)
    expect(store.thumbs).toEqual({})
    expect(store.mixes[0].tracks).toHaveLength(1)
  })

  it('saving an ad-hoc mix moves it to the kept mixes; un-saving updates it in place', async () => {
    const fake = fakeBridge({
      'mixes.list': () => [mix('m', [])],
      'mixes.continue': () => mix('c1', [track('a', 1)], { kind: 'continue' }),
      'mixes.save': (args: { id: string; saved: boolean }) =>
        mix(args.id, args.id === 'c1' ? [track('a', 1)] : [], { saved: args.saved }),
    })
    setBridge(fake.bridge)
    const store = useMixesStore()
    await store.refresh()
    await store.continuePlaylist(3, 10)
    expect(fake.calls.at(-1)).toEqual(['mixes.continue', { playlistId: 3, n: 10 }])
    expect(store.adhoc.map((m) => m.id)).toEqual(['c1'])
    await store.setSaved('c1', true)
    expect(store.adhoc).toEqual([])
    expect(store.mixes.map((m) => [m.id, m.saved])).toEqual([
      ['c1', true],
      ['m', false],
    ])
    await store.setSaved('m', true)
    expect(store.mixes.map((m) => [m.id, m.saved])).toEqual([
      ['c1', true],
      ['m', true],
    ])
  })

  it('exports through the bridge and reports a missing mix', async () => {
    const fake = fakeBridge({
      'mixes.export': (args: { id: string; format: string }) => {
        if (args.id === 'gone') throw new Error('No mix gone — generate it again')
        return { filename: 'Mix.m3u8', content: '#EXTM3U\n' }
      },
    })
    setBridge(fake.bridge)
    const store = useMixesStore()
    expect(await store.exportMix('m', 'm3u8')).toEqual({
      filename: 'Mix.m3u8',
      content: '#EXTM3U\n',
    })
    expect(await store.exportMix('gone', 'xspf')).toBeNull()
    expect(store.error).toMatch(/generate it again/)
  })
})

describe('radio', () => {
  it('plays the owned songs and refills with everything already queued excluded until the station runs dry', async () => {
    const batches = [
      [track('a', 1), track('b'), track('c', 3), track('d', 4)],
      [track('e', 5), track('a', 1), track('f', 6)],
      [track('g')],
    ]
    const fake = fakeBridge({
      'mixes.radio': () => mix(`r${batches.length}`, batches.shift() ?? [], { kind: 'radio' }),
    })
    setBridge(fake.bridge)
    const store = useMixesStore()
    const player = usePlayerStore()
    await store.startRadio(['s', 's'], 'Radio: S')
    await settle()
    const radioCalls = () =>
      fake.calls
        .filter(([n]) => n === 'mixes.radio')
        .map(([, a]) => a as { keys: string[]; exclude: string[] })
    // a, c, d playable: 2 left after the current one, so a refill came at once.
    expect(radioCalls()).toHaveLength(2)
    expect(radioCalls()[0]).toMatchObject({ keys: ['s'], n: 20, exclude: ['s'], playableNow: true })
    expect(radioCalls()[1].exclude).toEqual(['s', 'a', 'b', 'c', 'd'])
    expect(player.queue.map((t) => t.key)).toEqual(['a', 'c', 'd', 'e', 'f'])
    expect(player.current?.key).toBe('a')
    expect(player.label).toBe('Radio: S')
    expect(store.adhoc[0].tracks.map((t) => t.key)).toEqual(['a', 'b', 'c', 'd', 'e', 'f'])
    expect(player.endless).toBe(true)

    player.next() // 3 left after c: ask again
    await settle()
    expect(radioCalls()).toHaveLength(3)
    expect(radioCalls()[2].exclude).toEqual(['s', 'a', 'b', 'c', 'd', 'e', 'f'])
    // Nothing playable came back: the station ends with the queue.
    expect(player.endless).toBe(false)
    player.next()
    player.next()
    player.next()
    await settle()
    expect(radioCalls()).toHaveLength(3)
    expect(player.current?.key).toBe('f')
    player.next() // the end of the station
    await settle()
    expect(radioCalls()).toHaveLength(3)
    expect(player.current?.key).toBe('f')
    expect(player.playing).toBe(false)
  })

  it('ignores a refill that arrives after another queue replaced the radio', async () => {
    let release!: () => void
    const late = new Promise<void>((r) => (release = r))
    let n = 0
    const fake = fakeBridge({
      'mixes.radio': async () => {
        if (n++ === 1) await late
        return mix(`r${n}`, n === 1 ? [track('a', 1)] : [track('z', 26)], { kind: 'radio' })
      },
    })
    setBridge(fake.bridge)
    const store = useMixesStore()
    const player = usePlayerStore()
    await store.startRadio(['s'])
    player.playTracks([track('m', 13), track('n', 14)])
    release()
    await settle()
    expect(player.queue.map((t) => t.key)).toEqual(['m', 'n'])
    expect(player.refilling).toBe(false)
  })

  it('needs a song to start from', async () => {
    const fake = fakeBridge({})
    setBridge(fake.bridge)
    const store = useMixesStore()
    expect(await store.startRadio([])).toBeNull()
    expect(store.error).toMatch(/at least one song/)
    expect(fake.calls).toEqual([])
  })
})

describe('player store', () => {
  it('queues only the user’s files, starting at the chosen song', () => {
    const player = usePlayerStore()
    expect(player.playTracks([track('a', 1), track('b'), track('c', 3), track('d', 4)], 'c')).toBe(
      true,
    )
    expect(player.queue.map((t) => t.key)).toEqual(['a', 'c', 'd'])
    expect(player.current?.trackId).toBe(3)
    expect(player.playing).toBe(true)
    expect(player.remaining).toBe(1)
  })

  it('refuses a mix with none of the user’s files', () => {
    const player = usePlayerStore()
    expect(player.playTracks([track('a'), track('b')])).toBe(false)
    expect(player.error).toMatch(/import them/)
    expect(player.current).toBeNull()
  })

  it('next, previous, restart, toggle and the end of the queue', () => {
    const player = usePlayerStore()
    player.playTracks([track('a', 1), track('b', 2)])
    player.next()
    expect(player.current?.key).toBe('b')
    player.report(10, 200)
    player.previous() // more than 3 s in: back to the start of b
    expect(player.current?.key).toBe('b')
    expect(player.seekTo).toBe(0)
    player.report(1, 200)
    player.previous()
    expect(player.current?.key).toBe('a')
    player.toggle()
    expect(player.playing).toBe(false)
    player.toggle()
    player.next()
    player.next() // past the last song: stop
    expect(player.current?.key).toBe('b')
    expect(player.playing).toBe(false)
  })

  it('seeks within the song and skips a song that cannot play', () => {
    const player = usePlayerStore()
    player.playTracks([track('a', 1), track('b', 2)])
    player.report(0, 100)
    player.seek(250)
    expect(player.seekTo).toBe(100)
    player.seek(-3)
    expect(player.seekTo).toBe(0)
    player.failed('the file could not be loaded')
    expect(player.error).toBe('Could not play “Title a”: the file could not be loaded')
    expect(player.current?.key).toBe('b')
  })

  it('removes an upcoming song without disturbing the current one', () => {
    const player = usePlayerStore()
    player.playTracks([track('a', 1), track('b', 2), track('c', 3)], 'b')
    player.remove('a')
    player.remove('b')
    expect(player.queue.map((t) => t.key)).toEqual(['b', 'c'])
    expect(player.current?.key).toBe('b')
  })

  it('playable() keeps owned songs with a track once each', () => {
    expect(
      playable([track('a', 1), { ...track('b'), owned: true }, track('a', 1), track('c', 2)]).map(
        (t) => t.key,
      ),
    ).toEqual(['a', 'c'])
  })

  it('playable() keeps what placed a song, for the badge in the bar', () => {
    expect(playable([{ ...track('a', 1), placedBy: 'audio' }, track('b', 2)])).toEqual([
      { key: 'a', artist: 'Artist a', title: 'Title a', trackId: 1, placedBy: 'audio' },
      { key: 'b', artist: 'Artist b', title: 'Title b', trackId: 2 },
    ])
  })
})

describe('mediaUrl', () => {
  it('uses the app protocol in Electron and the token-guarded route in a browser', () => {
    expect(mediaUrl(7, { electron: true, token: '' })).toBe('segue-media://track/7')
    expect(mediaUrl(7, { electron: false, token: 'a+b/c' })).toBe('/media/7?token=a%2Bb%2Fc')
    expect(() => mediaUrl(0, { electron: false, token: 't' })).toThrow(/positive whole number/)
    expect(() => mediaUrl(1.5, { electron: true, token: '' })).toThrow(/positive whole number/)
  })
})
