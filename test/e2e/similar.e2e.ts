// The first-run slice in a real browser through `serve`: first model trains with visible progress, search, similar songs, cancel, bad input.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Browser, Page } from 'playwright-core'
import { launchChromium } from '../helpers/browser'
import { pageApi } from '../helpers/page-api'
import { serveApp, type ServedApp } from '../helpers/serve'

let app: ServedApp
let browser: Browser
let page: Page

beforeAll(async () => {
  // A small epoch count is a setting of the same training code path, not a different one.
  app = await serveApp(['--epochs', '2'])
  browser = await launchChromium()
  page = await browser.newPage({ viewport: { width: 1280, height: 800 } })
  page.on('pageerror', (e) => console.error('page error:', e))
})

afterAll(async () => {
  await browser?.close()
  await app?.stop()
})

function api(name: string, body: unknown, token = app.token) {
  return pageApi(page, token, name, body)
}

describe('first run', () => {
  it('trains the first model with a progress bar, then similar songs work', async () => {
    await page.goto(app.url)
    expect(new URL(page.url()).searchParams.get('token')).toBeNull()
    // Either the training strip is visible or the model is already done.
    await page
      .getByText('No model yet')
      .or(page.getByTestId('training-status'))
      .or(page.getByTestId('song-search'))
      .first()
      .waitFor()
    await page.getByText(/Search a song you like/).waitFor({ timeout: 150_000 })

    await page.getByTestId('song-search').fill('aston martin')
    await page.getByTestId('matches').getByText('Aston Martin Music').first().click()
    const results = page.getByTestId('results').locator('li')
    await expect.poll(() => results.count(), { timeout: 20_000 }).toBe(25)
    const first = await results.first().innerText()
    expect(first).toMatch(/^100%/)
    // Songs no playlist has, placed by their tags, are listed apart with a visible marker.
    const placed = page.getByTestId('placed-results').locator('li')
    await expect.poll(() => placed.count()).toBe(8)
    expect(await placed.first().locator('[data-placed="tags"]').count()).toBe(1)
    expect(await placed.first().innerText()).toMatch(/placed by its tags, no playlist yet/)
    expect(await results.locator('[data-placed]').count()).toBe(0)
    await page.screenshot({ path: 'docs/screenshot.png' })
  })

  it('cancelling a training keeps the previous model serving', async () => {
    const before = (await api('model.status', {})).body.result.model
    expect(before).not.toBeNull()
    await page.locator('[data-view="training"]').click()
    await page.locator('.start input').fill('200')
    await page.getByTestId('start-training').click()
    await page.getByTestId('training-status').waitFor()
    await page.getByTestId('cancel-training').click()
    await page.getByTestId('training-cancelled').waitFor({ timeout: 10_000 })
    const after = (await api('model.status', {})).body.result.model
    expect(after.id).toBe(before.id)
    const similar = await api('similar.get', {
      key: (await api('songs.search', { query: 'aston martin' })).body.result[0].key,
    })
    expect(similar.status).toBe(200)
    expect(similar.body.result.modelId).toBe(before.id)
    await page.locator('[data-view="similar"]').click()
    await expect.poll(() => page.getByTestId('results').locator('li').count()).toBe(25)
  })

  it('bad input to the API is a clear error, and no token is refused', async () => {
    const bad = await api('similar.get', { key: '', topn: 'many' })
    expect(bad.status).toBe(400)
    expect(bad.body.error.message).toMatch(/key/)
    expect(bad.body.error.message).toMatch(/topn/)
    const unknown = await api('similar.get', { key: 'nobody — nothing' })
    expect(unknown.status).toBe(404)
    expect(unknown.body.error.message).toMatch(/No song/)
    expect((await api('model.status', {}, 'wrong')).status).toBe(401)
  })
})
