// Looser spellings of an artist and a title than the song key: aliases (P!nk = Pink, Lady A = Lady Antebellum), symbols and leetspeak, spacing, brackets, years.
import { normalizeArtist, normalizeTitle } from '../../../src-shared/song-key'

/**
 * Artists known under two names, as their loose forms (normalised, spaces removed): the other
 * name → the one used here. Only names that are the same act (renames, stylings), never mere
 * look-alikes.
 */
const ARTIST_ALIASES: Record<string, string> = {
  pnk: 'pink',
  ladya: 'ladyantebellum',
  ceelo: 'ceelogreen',
  puffdaddy: 'diddy',
  pdiddy: 'diddy',
  snoopdoggydogg: 'snoopdogg',
  snooplion: 'snoopdogg',
  dixiechicks: 'chicks',
  theartistformerlyknownasprince: 'prince',
  princeandthenewpowergeneration: 'prince',
}

/** `P!nk` → `Pink`, `Ke$ha` → `Kesha`, `B@by` → `Baby`: symbols standing for letters inside a word. */
export function unLeet(s: string): string {
  return s
    .replace(/(?<=\p{L})!(?=\p{L})/gu, 'i')
    .replace(/(?<=\p{L})\$(?=\p{L}|\b)/gu, 's')
    .replace(/(?<=\p{L})@(?=\p{L})/gu, 'a')
}

/** An artist's loose form: normalised, symbols read as letters, spaces and hyphens gone, aliases applied. */
export function looseArtist(artist: string): string {
  // "The-Fray" keeps its "the" through normalisation: drop it after squashing too.
  const squashed = normalizeArtist(unLeet(artist)).replace(/^the /, '').replace(/\s+/g, '')
  return ARTIST_ALIASES[squashed] ?? squashed
}

/**
 * A title's loose form: every bracketed part dropped ("The Time (Dirty Bit)" = "The Time"),
 * normalised, "ck" read as "k" (TiK ToK = Tick Tock), spaces kept (token similarity uses them).
 * A title that is only brackets keeps their words.
 */
export function looseTitle(title: string): string {
  const unbracketed = unLeet(title)
    .replace(/[([{][^)\]}]*[)\]}]/g, ' ')
    .trim()
  const n = normalizeTitle(unbracketed === '' ? unLeet(title) : unbracketed)
  return n.replace(/ck/g, 'k').replace(/ph/g, 'f')
}

/** The loose key of (artist, title). */
export function looseKey(artist: string, title: string): string {
  return `${looseArtist(artist)} — ${looseTitle(title)}`
}

/** Title words as a set (loose form, brackets kept): what token similarity compares. */
export function titleTokens(title: string): Set<string> {
  const n = normalizeTitle(unLeet(title)).replace(/ck/g, 'k').replace(/ph/g, 'f')
  return new Set(n.split(' ').filter((w) => w !== ''))
}

/** Dice coefficient of two token sets (1 = same words). */
export function tokenSimilarity(a: Set<string>, b: Set<string>): number {
  if (a.size === 0 || b.size === 0) return 0
  let common = 0
  for (const t of a) if (b.has(t)) common++
  return (2 * common) / (a.size + b.size)
}

/** Dice coefficient of two strings' character bigrams (for artist names: "Beyonce" ~ "Beyoncé Knowles"). */
export function bigramSimilarity(a: string, b: string): number {
  if (a === b) return 1
  if (a.length < 2 || b.length < 2) return 0
  const grams = new Map<string, number>()
  for (let i = 0; i < a.length - 1; i++) {
    const g = a.slice(i, i + 2)
    grams.set(g, (grams.get(g) ?? 0) + 1)
  }
  let common = 0
  for (let i = 0; i < b.length - 1; i++) {
    const g = b.slice(i, i + 2)
    const n = grams.get(g) ?? 0
    if (n > 0) {
      grams.set(g, n - 1)
      common++
    }
  }
  return (2 * common) / (a.length - 1 + (b.length - 1))
}

/** Which loose rules make two spellings meet: "artist alias", "symbols as letters", "spacing", "brackets", "ck/ph spelling". */
export function looseRulesBetween(a1: string, t1: string, a2: string, t2: string): string[] {
  const out: string[] = []
  const sq1 = normalizeArtist(unLeet(a1)).replace(/^the /, '').replace(/\s+/g, '')
  const sq2 = normalizeArtist(unLeet(a2)).replace(/^the /, '').replace(/\s+/g, '')
  if (sq1 !== sq2 && (ARTIST_ALIASES[sq1] !== undefined || ARTIST_ALIASES[sq2] !== undefined))
    out.push('artist alias')
  if (unLeet(a1) !== a1 || unLeet(a2) !== a2 || unLeet(t1) !== t1 || unLeet(t2) !== t2)
    out.push('symbols as letters')
  if (
    normalizeArtist(a1) !== normalizeArtist(a2) &&
    sq1 === sq2 &&
    unLeet(a1) === a1 &&
    unLeet(a2) === a2
  )
    out.push('spacing')
  const br = /[([{][^)\]}]*[)\]}]/g
  if ((t1.match(br) ?? []).join() !== (t2.match(br) ?? []).join()) out.push('brackets')
  const n1 = normalizeTitle(t1.replace(br, ' ').trim() || t1)
  const n2 = normalizeTitle(t2.replace(br, ' ').trim() || t2)
  if (
    n1 !== n2 &&
    n1.replace(/ck/g, 'k').replace(/ph/g, 'f') === n2.replace(/ck/g, 'k').replace(/ph/g, 'f')
  )
    out.push('ck/ph spelling')
  return out
}
