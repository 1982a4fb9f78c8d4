// Splits the "Artist - Title" strings that M3U, PLS and file names use into their two parts.

/** Artist and title parsed from one display string. */
export interface DisplayTitle {
  artist?: string
  title?: string
}

/** "Artist - Title" (also en/em dashes) splits at the first separator; anything else is a bare title. */
export function splitDisplayTitle(display: string): DisplayTitle {
  const s = display.trim()
  if (s === '') return {}
  const m = /\s+[-–—]\s+/.exec(s)
  if (!m || m.index === 0) return { title: s }
  const artist = s.slice(0, m.index).trim()
  const title = s.slice(m.index + m[0].length).trim()
  if (title === '') return { title: artist }
  return { artist, title }
}

/** The "Artist - Title" display string of an entry (just the title when the artist is unknown). */
export function joinDisplayTitle(artist: string | undefined, title: string | undefined): string {
  if (artist && title) return `${artist} - ${title}`
  return title ?? artist ?? ''
}
