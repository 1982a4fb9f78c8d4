// Splits the "Artist - Title" strings that M3U, PLS and file names use into their two parts.

/** Artist and title parsed from one display string. */
export interface DisplayTitle {
  artist?: string
  title?: string
}

/**
 * "Artist - Title" (also en/em dashes) splits at the first separator outside brackets ("(#1 - 35/2000)
 * NOISEfm.pl - Song" splits after "NOISEfm.pl"); anything else is a bare title.
 */
export function splitDisplayTitle(display: string): DisplayTitle {
  const s = display.trim()
  if (s === '') return {}
  const at = topLevelSeparator(s)
  if (at === undefined || at.index === 0) return { title: s }
  const artist = s.slice(0, at.index).trim()
  const title = s.slice(at.index + at.length).trim()
  if (title === '') return { title: artist }
  return { artist, title }
}

/** The first " - " (or en/em dash) not inside (), [] or {}. */
function topLevelSeparator(s: string): { index: number; length: number } | undefined {
  const re = /\s+[-–—]\s+/g
  let m: RegExpExecArray | null
  while ((m = re.exec(s)) !== null) {
    if (bracketDepth(s, m.index) === 0) return { index: m.index, length: m[0].length }
  }
  return undefined
}

function bracketDepth(s: string, end: number): number {
  let depth = 0
  for (let i = 0; i < end; i++) {
    const c = s[i]
    if (c === '(' || c === '[' || c === '{') depth++
    else if ((c === ')' || c === ']' || c === '}') && depth > 0) depth--
  }
  return depth
}

/** The "Artist - Title" display string of an entry (just the title when the artist is unknown). */
export function joinDisplayTitle(artist: string | undefined, title: string | undefined): string {
  if (artist && title) return `${artist} - ${title}`
  return title ?? artist ?? ''
}
