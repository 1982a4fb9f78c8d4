// Turns ID3/Vorbis genre text ("Hip-Hop", "Rock; Pop", "Alternative/Indie") into the catalogue's Last.fm tag names.

/** Genre names users' files carry that Last.fm spells as other tags (only close equivalents). */
const ALIASES: Record<string, string[]> = {
  'alternative & punk': ['alternative', 'punk'],
  'alt-rock': ['alt rock', 'alternative rock'],
  'alternative/indie': ['alternative', 'indie'],
  electronica: ['electronic'],
  electro: ['electronic'],
  edm: ['electronic', 'dance'],
  'electronic dance music': ['electronic', 'dance'],
  'dance & dj': ['dance'],
  'r&b/soul': ['r&b', 'soul'],
  'rhythm & blues': ['rhythm and blues', 'r&b'],
  'rock & roll': ['rock and roll', 'rock n roll'],
  "rock'n'roll": ['rock and roll', 'rock n roll'],
  'rap & hip-hop': ['rap', 'hip-hop'],
  'hip-hop/rap': ['hip-hop', 'rap'],
  'christian & gospel': ['christian', 'gospel'],
  inspirational: ['inspirational', 'christian'],
  soundtracks: ['soundtrack'],
  'film score': ['soundtrack'],
  'original score': ['soundtrack'],
  score: ['soundtrack'],
  'singer/songwriter': ['singer-songwriter'],
  'singer songwriter': ['singer-songwriter'],
  'soft pop': ['pop', 'soft'],
  oldie: ['oldies'],
  eighties: ['80s'],
  seventies: ['70s'],
  sixties: ['60s'],
  nineties: ['90s'],
  "'80s": ['80s'],
  "'90s": ['90s'],
  "'70s": ['70s'],
  "'60s": ['60s'],
  'adult alternative': ['alternative'],
  'alt. rock': ['alt rock', 'alternative rock'],
  'vocal jazz': ['jazz', 'vocal'],
  latino: ['latin'],
  'musica latina': ['latin'],
  'country & folk': ['country', 'folk'],
  'metal & hard rock': ['metal', 'hard rock'],
}

/** Lower case, accents and ID3v1 "(17)"-style references removed, spaces collapsed. */
function fold(s: string): string {
  return s
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/^\(\d+\)\s*/, '')
    .replace(/\s+/g, ' ')
    .trim()
}

const SPELLINGS: ((s: string) => string)[] = [
  // Hyphens and spaces only swap in names without "&" ("r & b" stays as it is).
  (s) => (s.includes('&') ? s : s.replace(/-/g, ' ')),
  (s) => (s.includes('&') ? s : s.replace(/ /g, '-')),
  (s) => (s.includes('&') ? s : s.replace(/[- ]/g, '')),
  (s) => s.replace(/\s*&\s*/g, ' and '),
  (s) => s.replace(/\s*&\s*/g, ' n '),
  (s) => s.replace(/\s*&\s*/g, ''),
  (s) => s.replace(/ (and|n) /g, ' & '),
]

/** Spellings Last.fm users wrote for the same tag: hyphen, space or nothing; "&", "and" or "n". */
function variants(s: string): string[] {
  const out = new Set<string>([s])
  let fresh = [s]
  while (fresh.length > 0) {
    const next: string[] = []
    for (const v of fresh) {
      for (const spell of SPELLINGS) {
        const w = spell(v)
        if (!out.has(w)) {
          out.add(w)
          next.push(w)
        }
      }
    }
    fresh = next
  }
  return [...out]
}

/** Known tags that are the phrase itself or one of its aliases, in any spelling. */
function exactTags(phrase: string, known: ReadonlySet<string>): string[] {
  const names = [phrase, ...(ALIASES[phrase] ?? [])]
  return [...new Set(names.flatMap(variants).filter((v) => known.has(v)))]
}

/** Known tags one genre phrase stands for: {@link exactTags}, else its known words. */
function phraseTags(phrase: string, known: ReadonlySet<string>): string[] {
  const exact = exactTags(phrase, known)
  if (exact.length > 0) return exact
  // "Symphonic Metal" → metal, "Dance Pop" → dance, pop.
  return [...new Set(phrase.split(/[\s&+-]+/).filter((w) => w !== 'and' && known.has(w)))]
}

/**
 * The tags of `known` (a tag model's vocabulary) that a file's genre text names. Several genres may
 * be joined by ";", "/", ",", "|" or NUL (ID3v2.4); the whole text is tried first, so "R&B/Soul" or
 * "Singer/Songwriter" keep their meaning. Unknown genres yield nothing.
 */
export function genreTags(genre: string | null | undefined, known: ReadonlySet<string>): string[] {
  if (!genre) return []
  const whole = exactTags(fold(genre), known)
  if (whole.length > 0) return whole
  const out = new Set<string>()
  for (const part of genre.split(/[;/,|\\\0]+/)) {
    const phrase = fold(part)
    if (phrase) for (const t of phraseTags(phrase, known)) out.add(t)
  }
  return [...out]
}
