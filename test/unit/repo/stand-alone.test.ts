// The repository stands alone: no tracked file (app, help text, README, docs, benches) points outside it.
import { execFileSync } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'

const OUTSIDE = ['..', 'shared'].join('/')

describe('repository stands alone', () => {
  it(`no tracked text file mentions ${OUTSIDE}`, () => {
    const files = execFileSync('git', ['ls-files', '-z'], { encoding: 'utf8' })
      .split('\0')
      .filter(
        (f) => f && !/\.(png|jpe?g|ico|icns|wasm|mp3|flac|ogg|wav|m4a|gz|zip|onnx|bin)$/i.test(f),
      )
    expect(files.length).toBeGreaterThan(100)
    const offenders = files.filter((f) => {
      try {
        return readFileSync(f, 'utf8').includes(OUTSIDE)
      } catch {
        return false
      }
    })
    expect(offenders).toEqual([])
  })

  it('docs/cli.md is the command-line contract', () => {
    const text = readFileSync('docs/cli.md', 'utf8')
    for (const cmd of ['eval', 'bench train', 'bench serve', 'import', 'similar', 'clusters'])
      expect(text).toContain(`segue ${cmd}`)
  })
})
