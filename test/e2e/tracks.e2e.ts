// Your music in a real browser: after an import every track is listed with its catalogue song and how it matched; search, filter, fix a match.
import { writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { wavFile } from '../fixtures/audio-files'
import { makeTempDir } from '../fixtures/temp-dir'
import { launchChromium } from '../helpers/browser'
import { serveApp, type ServedApp } from '../helpers/serve'

/** Tagged files (one spelled as taggers do, one unknown) and one named only by its file name. */
const TAGGED: [artist: string, title: string][] = [
  ['Queen', 'Bohemian Rhapsody'],
  ['Nirvana', 'Smells Like Teen Spirit'],
  ['P!nk', 'So What'],
  ['Nobody Known', 'A Song Nobody Has'],
]

let app: ServedApp
let browser: Browser
let page: Page
let music: { dir: string; cleanup: () => void }

beforeAll(async () => {
  music = makeTempDir('segue-e2e-tracks-')
  for (const [artist, title] of TAGGED)
    await writeFile(
      join(music.dir, `${artist.replace(/\W/g, '')}.wav`),
      wavFile({ artist, title, album: 'Fixtures', genre: 'Test' }, { seconds: 2 }),
    )
  await writeFile(join(music.dir, 'Aerosmith - Dream On.wav'), wavFile({}, { seconds: 2 }))
  app = await serveApp(['--epochs', '1'])
  browser = await launchChromium()
  page = await browser.newPage({ viewport: { width: 1280, height: 1000 } })
  page.on('pageerror', (e) => console.error('page error:', e))
})

afterAll(async () => {
  await browser?.close()
  await app?.stop()
  music?.cleanup()
})

describe('Your tracks', () => {
  it('lists, searches, filters and fixes the tracks', async () => {
    await page.goto(app.url)
    await page.locator('[data-view="library"]').click()
    await page.getByTestId('import-paths').fill(music.dir)
    await page.getByTestId('import-submit').click()
    await page.getByTestId('import-report').getByText('5 added').waitFor({ timeout: 60_000 })

    const table = page.getByTestId('tracks-table')
    const rows = table.getByTestId('track-row')
    await expect.poll(() => rows.count(), { timeout: 20_000 }).toBe(5)
    const queen = rows.filter({ hasText: 'Bohemian Rhapsody' })
    expect(await queen.innerText()).toMatch(/Queen — Bohemian Rhapsody/)
    expect(await rows.filter({ hasText: 'Dream On' }).getAttribute('data-match')).toBe('file name')
    expect(await rows.filter({ hasText: 'A Song Nobody Has' }).getAttribute('data-match')).toBe(
      'none',
    )

    await table.getByTestId('tracks-filter').selectOption('not matched')
    await expect.poll(() => rows.count()).toBe(1)
    await table.getByTestId('tracks-filter').selectOption('file name')
    await expect.poll(() => rows.count()).toBe(1)
    await table.getByTestId('tracks-filter').selectOption('all')
    await table.getByTestId('tracks-search').fill('nirvana')
    await expect.poll(() => rows.count()).toBe(1)
    await table.getByTestId('tracks-search').fill('')

    // Fix the unknown track: point it at a catalogue song found by search.
    await rows.filter({ hasText: 'A Song Nobody Has' }).getByTestId('fix-track').click()
    const panel = table.getByTestId('fix-track-panel')
    await panel.getByRole('searchbox').fill('stairway to heaven')
    await panel
      .getByRole('button', { name: /Stairway To Heaven/i })
      .first()
      .click()
    const fixed = rows.filter({ hasText: 'A Song Nobody Has' })
    await expect.poll(() => fixed.getAttribute('data-match')).toBe('chosen')
    expect(await fixed.innerText()).toMatch(/Led Zeppelin — Stairway To Heaven/)
    await page.screenshot({ path: join('docs', 'tracks-table.png'), fullPage: true })

    // The fix is stored: a reload shows it too.
    await page.reload()
    await page.locator('[data-view="library"]').click()
    await expect
      .poll(
        () =>
          page
            .getByTestId('track-row')
            .filter({ hasText: 'A Song Nobody Has' })
            .getAttribute('data-match'),
        { timeout: 20_000 },
      )
      .toBe('chosen')
  })
})
