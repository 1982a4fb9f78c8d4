// "Your listening" in a real browser through `serve`: the empty state before any history, then a generated ListenBrainz export imported in Your music shows the chart, the matched share and the top lists.
import { writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { generatePlays, listenBrainzLines, type GenSong } from '../fixtures/history-gen'
import { makeTempDir } from '../fixtures/temp-dir'
import { launchChromium } from '../helpers/browser'
import { serveApp, type ServedApp } from '../helpers/serve'

/** Real songs of the bundled catalogue. */
const QUEEN: GenSong = { artist: 'Queen', title: 'Bohemian Rhapsody' }
const OTHERS: GenSong[] = [
  { artist: 'Nirvana', title: 'Smells Like Teen Spirit' },
  { artist: 'Bon Jovi', title: "Livin' On A Prayer" },
  { artist: 'Led Zeppelin', title: 'Stairway To Heaven' },
  { artist: 'AC/DC', title: 'Back In Black' },
]
/** 40 sessions, hours to two days apart (about five weeks): Queen in each, two of the others after it. */
const sessions = Array.from({ length: 40 }, (_, i) => [
  QUEEN,
  OTHERS[i % OTHERS.length],
  OTHERS[(i + 1) % OTHERS.length],
])
const plays = generatePlays(sessions, { seed: 18, skipRate: 0.2, start: Date.UTC(2024, 0, 8) })
/** Full plays of Queen over the whole history (skips last 2–20 s: never a play). */
const queenPlays = plays.filter((p) => p.title === QUEEN.title && !p.skipped).length

let app: ServedApp
let browser: Browser
let page: Page
let dir: { dir: string; cleanup: () => void }
let history: string

beforeAll(async () => {
  dir = makeTempDir('segue-e2e-history-')
  history = join(dir.dir, 'listens.jsonl')
  await writeFile(history, listenBrainzLines(plays))
  app = await serveApp(['--epochs', '1', '--tag-model', 'off'])
  browser = await launchChromium()
  page = await browser.newPage({ viewport: { width: 1280, height: 900 } })
  page.on('pageerror', (e) => console.error('page error:', e))
})

afterAll(async () => {
  await browser?.close()
  await app?.stop()
  dir?.cleanup()
})

describe('Your listening', () => {
  it('shows the empty state before any history, pointing to Your music', async () => {
    await page.goto(app.url)
    await page.locator('[data-view="listening"]').click()
    const empty = page.getByTestId('listening-empty')
    await empty.getByText(/Import a listening history/).waitFor({ timeout: 60_000 })
    expect(await page.getByTestId('listening-chart').count()).toBe(0)
    await page.getByTestId('listening-import').click()
    await page.getByTestId('import-paths').waitFor()
  })

  it('after importing a history: the chart, the matched share and the top lists', async () => {
    await page.getByTestId('import-paths').fill(history)
    await page.getByTestId('import-submit').click()
    await page
      .getByTestId('import-history')
      .getByText(/listening history: listenbrainz/)
      .waitFor({ timeout: 120_000 })

    await page.locator('[data-view="listening"]').click()
    const chart = page.getByTestId('listening-chart')
    await chart.waitFor({ timeout: 30_000 })
    // ECharts drew into a canvas of real size.
    const canvas = chart.locator('canvas').first()
    await canvas.waitFor()
    const box = await canvas.boundingBox()
    expect(box!.width).toBeGreaterThan(200)
    expect(box!.height).toBeGreaterThan(50)
    expect(await page.getByTestId('listening-empty').count()).toBe(0)
    await page
      .getByTestId('listening-matched')
      .getByText(/Segue matched \d+ %/)
      .waitFor()

    await page.locator('[data-period="all"]').click()
    await page.locator('[data-period="all"].active').waitFor()
    const songs = page.getByTestId('top-songs').locator('li')
    // All time: Queen's every full play (the list follows the period once its summary arrives).
    await expect
      .poll(() => songs.first().innerText())
      .toBe(`Bohemian Rhapsody — Queen ${queenPlays} plays`)
    expect(await songs.count()).toBe(1 + OTHERS.length)
    const artists = page.getByTestId('top-artists').locator('li')
    expect(await artists.count()).toBe(1 + OTHERS.length)
    expect(await artists.first().innerText()).toContain('Queen')

    // The period buttons change the top lists' period.
    await page.locator('[data-period="month"]').click()
    await expect
      .poll(async () => Number(/(\d+) plays/.exec(await songs.first().innerText())?.[1] ?? -1))
      .toBeLessThan(queenPlays)
  })
})
