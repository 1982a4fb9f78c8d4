// One normalised "artist — title" key per song, so the user's files and the research catalogue share one vocabulary.

const CREDIT = String.raw`(?:feat\.?|ft\.?|featuring|with|w\/|w\.)`
const ARTIST_CREDIT = new RegExp(String.raw`\s+${CREDIT}\s+.*$`)
const TITLE_CREDIT_BRACKETED = new RegExp(String.raw`[([{]\s*${CREDIT}\s*[^)\]}]*[)\]}]`, 'g')
const TITLE_CREDIT_TRAILING = /\s+(?:feat\.?|ft\.?|featuring)\s+.*$/
const VERSION_WORDS = String.raw`(?:re-?master(?:ed)?|live|radio edit|single version|album version|original mix|mono|stereo|explicit|clean|edit|bonus track|deluxe(?: edition)?|version)`
const VERSION_BRACKETED = new RegExp(
  String.raw`[([{][^)\]}]*\b${VERSION_WORDS}\b[^)\]}]*[)\]}]`,
  'g',
)
const VERSION_DASHED = new RegExp(String.raw`\s+[-–—]\s+[^-–—]*\b${VERSION_WORDS}\b.*$`)

/**
 * Lower-cases, strips accents, punctuation, a leading "The" (or trailing ", The"), and
 * featured-artist credits ("feat.", "ft.", "featuring", "with", "w/").
 */
export function normalizeArtist(artist: string): string {
  let s = fold(artist)
  s = s.replace(ARTIST_CREDIT, '')
  s = s.replace(/,\s*the$/, '')
  s = s.replace(/^the\s+/, '')
  return squash(s)
}

/**
 * Lower-cases, strips accents, punctuation, "(feat. …)"/"(w/ …)" credits and version suffixes
 * such as "(Remastered 2011)", "- Live", "[Radio Edit]".
 */
export function normalizeTitle(title: string): string {
  let s = fold(title)
  s = s.replace(TITLE_CREDIT_BRACKETED, ' ')
  s = s.replace(TITLE_CREDIT_TRAILING, '')
  s = s.replace(VERSION_BRACKETED, ' ')
  s = s.replace(VERSION_DASHED, '')
  const squashed = squash(s)
  // A title that is nothing but a version word ("Live") keeps its words.
  return squashed === '' ? squash(fold(title)) : squashed
}

/** The vocabulary key of a song. */
export function songKey(artist: string, title: string): string {
  return `${normalizeArtist(artist)} — ${normalizeTitle(title)}`
}

// eslint-disable-next-line no-control-regex -- "all ASCII" includes the control range on purpose
const ASCII = /^[\x00-\x7f]*$/

function fold(s: string): string {
  const base = ASCII.test(s) ? s : s.normalize('NFKD').replace(/[\u0300-\u036f]/g, '')
  return base
    .toLowerCase()
    .replace(/\\\//g, '/')
    .replace(/['’‘`´]/g, '')
    .replace(/\$/g, 's')
    .replace(/\s*[&+]\s*/g, ' and ')
}

function squash(s: string): string {
  // ASCII text (most of it) takes the cheaper character class.
  return (ASCII.test(s) ? s.replace(/[^a-z0-9]+/g, ' ') : s.replace(/[^\p{L}\p{N}]+/gu, ' ')).trim()
}
