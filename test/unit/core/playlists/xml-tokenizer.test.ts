// The streaming XML tokenizer gives the same tokens however its input is chunked, and fails clearly on cut-off markup.
import { describe, expect, it } from 'vitest'
import { decodeEntities, XmlTokenizer } from '../../../../src-main/core/playlists/xml-tokenizer'

function tokens(chunks: string[]): string[] {
  const out: string[] = []
  let text = ''
  const flush = () => {
    if (text !== '') out.push(`T:${text}`)
    text = ''
  }
  const t = new XmlTokenizer({
    open: (n, a) => {
      flush()
      out.push(`O:${n}${Object.keys(a).length ? JSON.stringify(a) : ''}`)
    },
    close: (n) => {
      flush()
      out.push(`C:${n}`)
    },
    text: (s) => {
      text += s
    },
  })
  for (const c of chunks) t.write(c)
  t.end()
  flush()
  return out
}

const DOC =
  '<?xml version="1.0"?><!DOCTYPE x [ <!ENTITY a "b>"> ]><!-- c > d --><root a="1 > 2" b=\'&amp;&#65;\'>' +
  'x &lt; y &unknown; &#x1F600;<self/><![CDATA[<raw> & ]]>a < b<n:e/></root>'

describe('XmlTokenizer', () => {
  const whole = tokens([DOC])

  it('tokenises tags, attributes, entities, CDATA and skips declarations and comments', () => {
    expect(whole).toEqual([
      'O:root{"a":"1 > 2","b":"&A"}',
      'T:x < y &unknown; 😀',
      'O:self',
      'C:self',
      'T:<raw> & a < b',
      'O:n:e',
      'C:n:e',
      'C:root',
    ])
  })

  it('gives the same tokens for every split point', () => {
    for (let i = 0; i <= DOC.length; i++)
      expect(tokens([DOC.slice(0, i), DOC.slice(i)])).toEqual(whole)
  })

  it('gives the same tokens one character at a time', () => {
    expect(tokens([...DOC])).toEqual(whole)
  })

  it('fails with a clear message on markup cut short', () => {
    expect(() => tokens(['<a><!-- never closed'])).toThrow('Malformed XML: an unterminated comment')
    expect(() => tokens(['<a b="x'])).toThrow('an unterminated tag')
  })

  it('bounds the size of one markup token', () => {
    const t = new XmlTokenizer({ open() {}, close() {}, text() {} }, { maxMarkupLength: 100 })
    expect(() => t.write(`<a b="${'x'.repeat(200)}`)).toThrow('longer than 100 characters')
  })

  it('maps bad numeric references to U+FFFD', () => {
    expect(decodeEntities('&#0;&#xD800;&#1114112;&#66;')).toBe('\uFFFD\uFFFD\uFFFDB')
  })
})
