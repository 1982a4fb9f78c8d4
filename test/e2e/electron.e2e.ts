// The desktop shell itself through Playwright's _electron: runs where an Electron binary exists, and says why it skipped where not.
import { existsSync } from 'node:fs'
import { mkdtemp } from 'node:fs/promises'
import { createRequire } from 'node:module'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { _electron } from 'playwright-core'
import { describe, expect, it } from 'vitest'

const root = join(import.meta.dirname, '../..')

/** Electron ≥ 42 downloads its binary on first launch; requiring it here would try to, so look first. */
function electronBinary(): { path?: string; reason?: string } {
  const pkg = join(root, 'node_modules', 'electron')
  if (!existsSync(join(pkg, 'path.txt')) && !process.env.ELECTRON_OVERRIDE_DIST_PATH) {
    return {
      reason:
        'no Electron binary downloaded (node_modules/electron/path.txt is missing; run `npx electron --version` with internet access)',
    }
  }
  const path = createRequire(join(root, 'package.json'))('electron') as unknown as string
  return existsSync(path) ? { path } : { reason: `the Electron binary at ${path} is missing` }
}

describe('Electron shell', () => {
  const binary = electronBinary()
  it('opens the Segue window with the sandboxed preload API', async (ctx) => {
    if (!binary.path) {
      console.warn(
        `SKIPPED Electron e2e — ${binary.reason}. It runs on machines where \`npx electron\` can download its binary.`,
      )
      ctx.skip(binary.reason)
      return
    }
    const userData = await mkdtemp(join(tmpdir(), 'segue-electron-'))
    const app = await _electron.launch({
      executablePath: binary.path,
      args: [join(root, 'out/main/index.js'), '--no-sandbox', '--disable-gpu'],
      env: { ...process.env, SEGUE_DATA_DIR: userData } as Record<string, string>,
    })
    try {
      const window = await app.firstWindow()
      await window.getByText('Similar songs').first().waitFor()
      const exposed = await window.evaluate(() => ({
        api: typeof (window as unknown as { segue?: unknown }).segue,
        require: typeof (window as unknown as { require?: unknown }).require,
        process: typeof (window as unknown as { process?: unknown }).process,
      }))
      expect(exposed).toEqual({ api: 'object', require: 'undefined', process: 'undefined' })
      // Served from the privileged app:// scheme, not file:// (no file-system origin).
      expect(window.url()).toBe('app://segue/index.html')
    } finally {
      await app.close()
    }
  })
})
