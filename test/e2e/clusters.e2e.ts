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
    const others = page.getByTestId('clusters-others')
    await others.waitFor({ timeout: 170_000 })
    // No music imported: no cluster is the user's, the others are open and searchable.
    expect(await page.getByTestId('clusters-yours').innerText()).toMatch(/Your clusters \(0\)/)
    const items = others.getByTestId('cluster-list').locator('> li')
    const all = await items.count()
    expect(all).toBeGreaterThanOrEqual(2)
    const labels = await items.locator('> button.link:first-child').allInnerTexts()
    expect(new Set(labels).size).toBe(labels.length)
    for (const l of labels) expect(l).not.toMatch(/favorites|genius|<3|awesome/i)
    expect(await items.first().innerText()).toMatch(/tight|loose/)
    await page.getByTestId('clusters-search').fill(labels[0].split(' · ')[0])
    await expect.poll(() => items.count()).toBeLessThanOrEqual(all)
    await page.getByTestId('clusters-search').fill('')
    const map = page.getByTestId('song-map')
    await map.waitFor({ timeout: 170_000 })
    expect(await page.getByTestId('map-legend').innerText()).toContain('white = your songs')
    // Cluster names sit at their centres; zooming in shows more of them.
    const names = page.getByTestId('map-names').locator('.map-name')
    await expect.poll(() => names.count(), { timeout: 20_000 }).toBeGreaterThan(0)
    await page.waitForTimeout(300)
    await page.screenshot({ path: 'docs/clusters.png' })
    // Where each name sits; zooming moves them with their clusters. How many names a zoom level
    // shows is cluster-list.ts's rule (unit-tested): a count here would depend on where this
    // run's small model put its clusters (zooming into an empty middle shows fewer).
    const spots = () =>
      names.evaluateAll((els) => els.map((e) => `${e.textContent}@${e.getAttribute('style')}`))
    const before = (await spots()).join('|')
    const mb = (await map.boundingBox())!
    await page.mouse.move(mb.x + mb.width / 2, mb.y + mb.height / 2)
    for (let i = 0; i < 4; i++) await page.mouse.wheel(0, -300)
    await expect.poll(async () => (await spots()).join('|'), { timeout: 10_000 }).not.toBe(before)
    await expect.poll(() => names.count(), { timeout: 10_000 }).toBeGreaterThan(0)
    // Fly-to offers a dropdown of matching clusters and songs.
    await page.getByTestId('fly-input').fill(labels[0].split(' · ')[0].slice(0, 4))
    await page.getByTestId('fly-matches').locator('button').first().waitFor()
    await page.getByTestId('fly-matches').locator('button').first().click()
    await page.waitForTimeout(300)
    await map.locator('xpath=../..').screenshot({ path: 'docs/clusters-map.png' })
    await page.getByTestId('clusters-others').screenshot({ path: 'docs/clusters-list.png' })
    await page.getByRole('button', { name: 'Show all clusters' }).click()
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
    const tip = await page.locator('.map-tip').innerText()
    // The tip names the song and its cluster.
    expect(await page.getByTestId('map-tip-cluster').innerText()).toMatch(/^in /)
    const label = tip.split('\n')[0]
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
