// The desktop window's page: the dev server only when not packaged; app://segue files only from the built UI folder; the trusted IPC only for that origin.
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { APP_INDEX_URL, rendererFile } from '../../../src-main/desktop/renderer-files'
import { devRendererUrl, isAppUrl, rendererUrl } from '../../../src-main/desktop/renderer-origin'

describe('ELECTRON_RENDERER_URL', () => {
  const env = { ELECTRON_RENDERER_URL: 'http://localhost:5173/' }

  it('is ignored by a packaged app', () => {
    expect(devRendererUrl(true, env)).toBeNull()
    expect(rendererUrl(devRendererUrl(true, env))).toBe('app://segue/index.html')
  })

  it('is honoured in development for a loopback dev server only', () => {
    expect(devRendererUrl(false, env)).toBe('http://localhost:5173/')
    expect(devRendererUrl(false, { ELECTRON_RENDERER_URL: 'http://127.0.0.1:5174' })).toBe(
      'http://127.0.0.1:5174/',
    )
    expect(devRendererUrl(false, { ELECTRON_RENDERER_URL: 'https://evil.example/' })).toBeNull()
    expect(devRendererUrl(false, { ELECTRON_RENDERER_URL: 'file:///tmp/x.html' })).toBeNull()
    expect(devRendererUrl(false, { ELECTRON_RENDERER_URL: 'not a url' })).toBeNull()
    expect(devRendererUrl(false, {})).toBeNull()
  })
})

describe('isAppUrl (who may use the trusted IPC)', () => {
  it('accepts only app://segue when there is no dev server', () => {
    expect(isAppUrl('app://segue/index.html', null)).toBe(true)
    expect(isAppUrl('app://segue/#/library', null)).toBe(true)
    expect(isAppUrl('app://other/index.html', null)).toBe(false)
    expect(isAppUrl('file:///opt/Segue/resources/app.asar/out/renderer/index.html', null)).toBe(
      false,
    )
    expect(isAppUrl('http://localhost:5173/', null)).toBe(false)
    expect(isAppUrl('', null)).toBe(false)
  })

  it('accepts only the dev server origin in development', () => {
    const dev = 'http://localhost:5173/'
    expect(isAppUrl('http://localhost:5173/index.html', dev)).toBe(true)
    expect(isAppUrl('http://localhost:5174/index.html', dev)).toBe(false)
    expect(isAppUrl('app://segue/index.html', dev)).toBe(false)
  })
})

describe('rendererFile (app:// to a file of the built UI)', () => {
  const dir = join('/opt', 'segue', 'out', 'renderer')

  it('maps the index and assets', () => {
    expect(rendererFile(dir, APP_INDEX_URL)).toBe(join(dir, 'index.html'))
    expect(rendererFile(dir, 'app://segue/')).toBe(join(dir, 'index.html'))
    expect(rendererFile(dir, 'app://segue/assets/index-1.js?v=2#x')).toBe(
      join(dir, 'assets', 'index-1.js'),
    )
    expect(rendererFile(dir, 'app://segue/assets/a%20b.css')).toBe(join(dir, 'assets', 'a b.css'))
  })

  it('refuses other hosts, schemes and anything leaving the folder', () => {
    expect(rendererFile(dir, 'app://evil/index.html')).toBeNull()
    expect(rendererFile(dir, 'file:///etc/passwd')).toBeNull()
    expect(rendererFile(dir, 'app://segue/..%2F..%2F..%2Fetc%2Fpasswd')).toBeNull()
    // Dot segments are resolved by the URL parser against the root, so they stay inside.
    expect(rendererFile(dir, 'app://segue/%2e%2e/%2e%2e/main/index.js')).toBe(
      join(dir, 'main', 'index.js'),
    )
    expect(rendererFile(dir, 'app://segue/assets%2F..%2F..%2Fmain%2Findex.js')).toBeNull()
    expect(rendererFile(dir, 'app://segue/a%00.js')).toBeNull()
    expect(rendererFile(dir, 'app://segue/%E0%A4%A')).toBeNull()
    expect(rendererFile(dir, 'not a url')).toBeNull()
  })
})
