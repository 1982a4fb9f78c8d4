// Switching the model in Settings, in a real browser: a kind without a model trains one, a kind with one switches back at once.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Browser, Page } from 'playwright-core'
import { launchChromium } from '../helpers/browser'
import { pageApi } from '../helpers/page-api'
import { serveApp, type ServedApp } from '../helpers/serve'

let app: ServedApp
let browser: Browser
let page: Page

beforeAll(async () => {
  app = await serveApp(['--epochs', '1', '--tag-model', 'off'])
  browser = await launchChromium()
  page = await browser.newPage({ viewport: { width: 1280, height: 800 } })
  page.on('pageerror', (e) => console.error('page error:', e))
})

afterAll(async () => {
  await browser?.close()
  await app?.stop()
})

const api = (name: string, body: unknown) => pageApi(page, app.token, name, body)

async function similarModel(): Promise<string> {
  const [song] = (await api('songs.search', { query: 'aston martin' })).body.result
  return (await api('similar.get', { key: song.key })).body.result.modelId
}

describe('model setting', () => {
  it('switching to ALS trains it while the old model serves, then everything follows', async () => {
    await page.goto(app.url)
    await page.getByText(/Search a song you like/).waitFor({ timeout: 150_000 })
    const first = (await api('model.status', {})).body.result.model
    expect(first.kind).toBe('song2vec')
    await page.locator('[data-view="settings"]').click()
    await page.getByTestId('model-kind-als').click()
    await page
      .getByTestId('settings-notice')
      .getByText(/Training an ALS model/)
      .waitFor()
    await expect
      .poll(async () => (await api('model.status', {})).body.result.model.kind, {
        timeout: 120_000,
      })
      .toBe('als')
    const als = (await api('model.status', {})).body.result.model
    expect(await similarModel()).toBe(als.id)
    expect((await api('settings.get', {})).body.result).toEqual({ modelKind: 'als' })
    await page.locator('[data-view="training"]').click()
    await page.getByTestId('model-info').getByText(/ALS/).waitFor()
  })

  it('switching back to Song2Vec uses its earlier model at once', async () => {
    await page.locator('[data-view="settings"]').click()
    await page.getByTestId('model-kind-song2vec').click()
    await page
      .getByTestId('settings-notice')
      .getByText(/Switched to your Song2Vec model/)
      .waitFor()
    const model = (await api('model.status', {})).body.result.model
    expect(model.kind).toBe('song2vec')
    expect(await similarModel()).toBe(model.id)
  })
})
