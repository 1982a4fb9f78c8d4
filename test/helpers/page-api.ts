// Calls the app's HTTP API from inside a page (same origin, with the run's token), as the UI's bridge does.
import type { Page } from 'playwright-core'

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Json = any

export async function pageApi(
  page: Page,
  token: string,
  name: string,
  body: unknown,
): Promise<{ status: number; body: Json }> {
  return page.evaluate(
    async ({ name, body, token }) => {
      const r = await fetch(`/api/${name}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify(body),
      })
      return { status: r.status, body: await r.json() }
    },
    { name, body, token },
  )
}
