// Clusters and the map in a real browser: after the first model the clusters and map appear; clicking a song opens its similar songs.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Browser, Page } from 'playwright-core'
import { launchChromium } from '../helpers/browser'
import { serveApp, type ServedApp } from '../helpers/serve'

let app: ServedApp
let browser: Browser
let page: Page

beforeAll(async () => {
  app = await serveApp(['--epochs', '1', '--tag-model', 'off'])
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
    // Hover over a grid until the map names a song under the pointer, then click it.
    let target: { x: number; y: number } | null = null
    for (let gy = 0.05; gy < 1 && !target; gy += 0.05) {
      for (let gx = 0.05; gx < 1 && !target; gx += 0.025) {
        const point = { x: box.x + box.width * gx, y: box.y + box.height * gy }
        await page.mouse.move(point.x, point.y)
        if (await page.locator('.map-tip').isVisible()) target = point
      }
    }
    expect(target).not.toBeNull()
    const label = await page.locator('.map-tip').innerText()
    expect(label).toMatch(/ — /)
    await page.mouse.click(target!.x, target!.y)
    await page.getByTestId('results').waitFor({ timeout: 20_000 })
    expect(await page.locator('.selected h2').innerText()).toContain(
      label.split(' — ')[1].slice(0, 10),
    )
    await expect
      .poll(() => page.getByTestId('results').locator('li').count(), { timeout: 20_000 })
      .toBe(25)
  })
})
