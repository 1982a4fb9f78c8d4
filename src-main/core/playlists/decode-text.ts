// Turns playlist bytes into text whatever the encoding: BOMs, valid UTF-8, UTF-16 without BOM, else windows-1252.

/** The encodings `decodeText` can report. */
export type TextEncodingName = 'utf-8' | 'utf-8-bom' | 'utf-16le' | 'utf-16be' | 'windows-1252'

/** Decoded text and the encoding it was found in. */
export interface DecodedText {
  text: string
  encoding: TextEncodingName
}

/**
 * Decodes bytes by, in order: a UTF-8 BOM, a UTF-16 BOM, a strictly valid UTF-8 body, a BOM-less
 * UTF-16 body (many zero bytes on one side), and finally windows-1252 (the usual legacy encoding
 * of Windows-made .m3u and .pls files; every byte sequence decodes).
 */
export function decodeText(bytes: Uint8Array): DecodedText {
  if (bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
    return { text: new TextDecoder('utf-8').decode(bytes.subarray(3)), encoding: 'utf-8-bom' }
  }
  if (bytes.length >= 2 && bytes[0] === 0xff && bytes[1] === 0xfe) {
    return { text: new TextDecoder('utf-16le').decode(bytes.subarray(2)), encoding: 'utf-16le' }
  }
  if (bytes.length >= 2 && bytes[0] === 0xfe && bytes[1] === 0xff) {
    return { text: new TextDecoder('utf-16be').decode(bytes.subarray(2)), encoding: 'utf-16be' }
  }
  const utf16 = sniffUtf16(bytes)
  if (utf16) return { text: new TextDecoder(utf16).decode(bytes), encoding: utf16 }
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes), encoding: 'utf-8' }
  } catch {
    return { text: decodeWindows1252(bytes), encoding: 'windows-1252' }
  }
}

// 0x80–0x9F of windows-1252 (0 = undefined there, kept as the C1 control of the same code).
const CP1252_HIGH = [
  0x20ac, 0, 0x201a, 0x0192, 0x201e, 0x2026, 0x2020, 0x2021, 0x02c6, 0x2030, 0x0160, 0x2039, 0x0152,
  0, 0x017d, 0, 0, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014, 0x02dc, 0x2122, 0x0161,
  0x203a, 0x0153, 0, 0x017e, 0x0178,
]

/**
 * windows-1252 decoding done here, because Node 20's TextDecoder('windows-1252') decodes as
 * ISO-8859-1 (it gets “smart quotes” and € wrong).
 */
export function decodeWindows1252(bytes: Uint8Array): string {
  const codes = new Array<number>(bytes.length)
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i]
    codes[i] = b >= 0x80 && b <= 0x9f ? CP1252_HIGH[b - 0x80] || b : b
  }
  let out = ''
  for (let i = 0; i < codes.length; i += 8192)
    out += String.fromCharCode(...codes.slice(i, i + 8192))
  return out
}

/** UTF-16 without BOM: ASCII-heavy text leaves every other byte zero. */
function sniffUtf16(bytes: Uint8Array): 'utf-16le' | 'utf-16be' | undefined {
  const n = Math.min(bytes.length, 4096) & ~1
  if (n < 8) return undefined
  let evenZero = 0
  let oddZero = 0
  for (let i = 0; i < n; i += 2) {
    if (bytes[i] === 0) evenZero++
    if (bytes[i + 1] === 0) oddZero++
  }
  const pairs = n / 2
  if (oddZero > pairs * 0.4 && evenZero < pairs * 0.05) return 'utf-16le'
  if (evenZero > pairs * 0.4 && oddZero < pairs * 0.05) return 'utf-16be'
  return undefined
}
