// Made For You in a real browser through `serve`: import a tagged folder and a playlist, make mixes, play one of the files, export a mix.
import { readFile, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { wavFile } from '../fixtures/audio-files'
import { makeTempDir } from '../fixtures/temp-dir'
import { launchChromium } from '../helpers/browser'
import { pageApi, type Json } from '../helpers/page-api'
import { serveApp, type ServedApp } from '../helpers/serve'

/** The parts of the page's <audio> element the test reads (this tsconfig has no DOM types). */
interface AudioState {
  currentSrc: string
  duration: number
  paused: boolean
}

/** Real songs of the bundled catalogue (artist, title as a tagger would write them). */
const SONGS: [artist: string, title: string][] = [
  ['Rick Ross', 'Aston Martin Music'],
  ['Lil Wayne', '6 Foot 7 Foot'],
  ['Kanye West', 'All Of The Lights'],
  ['Keri Hilson', 'Pretty Girl Rock'],
  ['Queen', 'Bohemian Rhapsody'],
  ['Nirvana', 'Smells Like Teen Spirit'],
  ['Bon Jovi', "Livin' On A Prayer"],
  ['Led Zeppelin', 'Stairway To Heaven'],
  ['AC/DC', 'Back In Black'],
  ['Aerosmith', 'Dream On'],
]

let app: ServedApp
let browser: Browser
let page: Page
let music: { dir: string; cleanup: () => void }
let files: string[]
let playlist: string

beforeAll(async () => {
  music = makeTempDir('segue-e2e-music-')
  files = []
  for (const [artist, title] of SONGS) {
    const file = join(music.dir, `${artist.replace(/\//g, '')} - ${title}.wav`)
    await writeFile(
      file,
      wavFile({ artist, title, album: 'Fixtures', genre: 'Test' }, { seconds: 20 }),
    )
    files.push(file)
  }
  playlist = join(music.dir, 'Favourites.m3u8')
  const lines = ['#EXTM3U']
  SONGS.forEach(([artist, title], i) => lines.push(`#EXTINF:20,${artist} - ${title}`, files[i]))
  await writeFile(playlist, lines.join('\n') + '\n')

  // A small epoch count is a setting of the same training code path, not a different one.
  app = await serveApp(['--epochs', '2'])
  browser = await launchChromium()
  page = await browser.newPage({ viewport: { width: 1280, height: 900 }, acceptDownloads: true })
  page.on('pageerror', (e) => console.error('page error:', e))
})

afterAll(async () => {
  await browser?.close()
  await app?.stop()
  music?.cleanup()
})

async function api(name: string, body: unknown): Promise<Json> {
  return (await pageApi(page, app.token, name, body)).body
}

describe('Made For You', () => {
  it('imports the music, makes mixes, plays one of the files and exports a mix', async () => {
    await page.goto(app.url)
    await expect
      .poll(async () => (await api('model.status', {})).result?.model?.id ?? null, {
        timeout: 150_000,
        interval: 500,
      })
      .not.toBeNull()

    await page.locator('[data-view="library"]').click()
    await page.getByTestId('import-paths').fill(`${music.dir}\n${playlist}`)
    await page.getByTestId('import-submit').click()
    const report = page.getByTestId('import-report')
    await report.getByText(`${SONGS.length} added`).waitFor({ timeout: 60_000 })
    await report.getByText(/Favourites\.m3u8/).waitFor()

    await page.locator('[data-view="mixes"]').click()
    await page.getByTestId('make-mixes').click()
    const cards = page.getByTestId('mix-list').getByTestId('mix-card')
    await cards.first().waitFor({ timeout: 30_000 })
    expect(await page.getByTestId('mixes-error').count()).toBe(0)

    // Open every card; the first one with a playable song is the one we play and export.
    const count = await cards.count()
    for (let i = 0; i < count; i++) await cards.nth(i).getByTestId('mix-toggle').click()
    expect(await page.getByTestId('mix-track').count()).toBeGreaterThan(0)
    const card = cards.filter({ has: page.getByTestId('track-play') }).first()
    const row = card
      .getByTestId('mix-track')
      .filter({ has: page.getByTestId('track-play') })
      .first()
    const song = await row.locator('.title').innerText()
    await row.getByTestId('track-play').click()

    await expect.poll(() => page.getByTestId('player-now').innerText()).toContain(song)
    const audio = page.getByTestId('player-audio')
    await expect
      .poll(() => audio.evaluate((el: AudioState) => el.currentSrc))
      .toMatch(/\/media\/\d+\?token=/)
    const src = await audio.evaluate((el: AudioState) => el.currentSrc)
    expect(new URL(src).origin).toBe(app.origin)
    expect(new URL(src).searchParams.get('token')).toBe(app.token)
    // The element loaded real audio from the route (20 s of it).
    await expect
      .poll(() => audio.evaluate((el: AudioState) => Math.round(el.duration || 0)), {
        timeout: 10_000,
      })
      .toBe(20)
    const head = await page.evaluate(async (url) => {
      const r = await fetch(url, { method: 'HEAD' })
      return { status: r.status, type: r.headers.get('content-type') }
    }, src)
    expect([200, 206]).toContain(head.status)
    expect(head.type).toMatch(/^audio\//)
    const ranged = await page.evaluate(async (url) => {
      const r = await fetch(url, { headers: { range: 'bytes=0-11' } })
      const bytes = new Uint8Array(await r.arrayBuffer())
      return {
        status: r.status,
        type: r.headers.get('content-type'),
        text: String.fromCharCode(...bytes),
      }
    }, src)
    expect(ranged.status).toBe(206)
    expect(ranged.type).toMatch(/^audio\//)
    expect(ranged.text).toBe(`RIFF${ranged.text.slice(4, 8)}WAVE`)
    const refused = await page.evaluate(
      async (url) => (await fetch(url.replace(/token=[^&]+/, 'token=wrong'))).status,
      src,
    )
    expect(refused).toBe(401)

    // Space pauses (nothing focused that takes typing).
    await page.locator('h1').click()
    await page.keyboard.press('Space')
    await expect
      .poll(() => page.getByTestId('player-toggle').getAttribute('aria-label'))
      .toBe('Play')
    expect(await audio.evaluate((el: AudioState) => el.paused)).toBe(true)

    // Export the mix as M3U8: a real download whose entries point at the imported files.
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      card.getByTestId('export-m3u8').click(),
    ])
    expect(download.suggestedFilename()).toMatch(/\.m3u8$/)
    const m3u = await readFile((await download.path())!, 'utf8')
    expect(m3u.startsWith('#EXTM3U')).toBe(true)
    expect(files.some((f) => m3u.includes(f))).toBe(true)
    // Only playable entries: every #EXTINF is followed by a file path, with its real length (20 s).
    const lines = m3u.trimEnd().split('\n')
    lines.forEach((l, i) => {
      if (!l.startsWith('#EXTINF:')) return
      expect(l).toMatch(/^#EXTINF:20,/)
      expect(files).toContain(lines[i + 1])
    })
    for (const l of lines.filter((x) => !x.startsWith('#'))) expect(files).toContain(l)
    expect(download.suggestedFilename()).not.toMatch(/[:·"/\\]/)

    // A thumbs-down takes the song out of the mix on screen.
    const before = await card.getByTestId('mix-track').count()
    await card.getByTestId('mix-track').last().getByTestId('thumb-down').click()
    await expect.poll(() => card.getByTestId('mix-track').count()).toBe(before - 1)
    await page.screenshot({ path: join(tmpdir(), 'segue-mixes.png') })
  })

  it('starts an endless radio from a song and makes a journey between two songs', async () => {
    const owned = page
      .getByTestId('mix-list')
      .getByTestId('mix-track')
      .filter({ has: page.getByTestId('track-play') })
    const seed = await owned.first().locator('.title').innerText()
    await owned.first().getByRole('button', { name: 'radio' }).click()
    const station = page.locator('[data-testid="mix-card"][data-kind="radio"]')
    await station.first().waitFor({ timeout: 20_000 })
    expect(await station.first().locator('h3').innerText()).toBe(`Radio: ${seed}`)
    await expect.poll(() => page.getByTestId('player-now').innerText()).toContain(`Radio: ${seed}`)
    expect(await station.first().getByTestId('mix-track').count()).toBeGreaterThan(0)

    await page.locator('.journey-box summary').click()
    for (const [side, query, title] of [
      ['journey-from', 'aston martin', 'Aston Martin Music'],
      ['journey-to', 'back in black', 'Back In Black'],
    ]) {
      await page.getByTestId(side).locator('input').fill(query)
      await page.getByTestId(side).getByRole('listbox').getByText(title).first().click()
    }
    await page.getByTestId('journey-submit').click()
    const journey = page.locator('[data-testid="mix-card"][data-kind="journey"]')
    await journey.first().waitFor({ timeout: 20_000 })
    const steps = journey.first().getByTestId('mix-track')
    await expect.poll(() => steps.count()).toBe(15)
    expect(await steps.first().innerText()).toMatch(/Aston Martin Music/)
    expect(await steps.last().innerText()).toMatch(/Back In Black/)
    expect(await page.getByTestId('mixes-error').count()).toBe(0)
  })
})
