// Clusters and the map in a real browser: after the first model the clusters and map appear; clicking a song opens its similar songs.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Browser, Page } from 'playwright-core'
import { launchChromium } from '../helpers/browser'
import { serveApp, type ServedApp } from '../helpers/serve'

let app: ServedApp
let browser: Browser
let page: Page

beforeAll(async () => {
  app = await serveApp(['--epochs', '1'])
  browser = await launchChromium()
  page = await browser.newPage({ viewport: { width: 1280, height: 900 } })
})

afterAll(async () => {
  await browser?.close()
  await app?.stop()
})

describe('clusters and map', () => {
  it('shows the elbow, labelled clusters and the map; a click on a song opens Similar songs', async () => {
    await page.goto(app.url)
    await page.locator('[data-view="clusters"]').click()
    // The first model trains, then its clusters and map are computed in the background.
    await page.getByTestId('cluster-list').waitFor({ timeout: 170_000 })
    expect(await page.getByTestId('cluster-list').locator('> li').count()).toBeGreaterThanOrEqual(2)
    const map = page.getByTestId('song-map')
    await map.waitFor({ timeout: 170_000 })
    await page.screenshot({ path: 'docs/clusters.png' })
    const box = (await map.boundingBox())!
    // Songs cover the map densely: walk a grid of points until a click lands on one.
    let opened = false
    for (let gy = 0.3; gy <= 0.7 && !opened; gy += 0.1) {
      for (let gx = 0.3; gx <= 0.7 && !opened; gx += 0.05) {
        await page.mouse.click(box.x + box.width * gx, box.y + box.height * gy)
        opened = await page.getByTestId('results').isVisible()
      }
    }
    expect(opened).toBe(true)
    await expect.poll(() => page.getByTestId('results').locator('li').count(), { timeout: 20_000 }).toBe(25)
  })
})
