// Which Last.fm tags describe a song (genre, mood, era, instrument, place) and may reach reasons, labels and mix names; one rule for all.

/** Genre words: a tag made only of these (and style words) is a genre, e.g. "alternative rock". */
const GENRE = new Set(
  (
    'rock pop jazz blues soul funk funky disco country folk metal punk grunge emo hip hop hip-hop rap ' +
    'rnb r&b rb electronic electronica electro house techno trance dubstep dnb drum bass ambient ' +
    'idm downtempo trip-hop triphop chillout lounge reggae ska dub latin salsa bossa nova samba ' +
    'classical baroque opera orchestral soundtrack gospel christian worship swing bebop fusion ' +
    'kpop k-pop j-pop jpop synthpop synth-pop new wave shoegaze psychedelic garage britpop ' +
    'indie alternative alt grime trap dancehall afrobeat motown doo-wop rockabilly bluegrass ' +
    'americana hardcore industrial experimental minimal instrumental acoustic singer-songwriter ' +
    'ballad ballads dance edm eurodance club crunk screamo post-grunge nu-metal poprock pop-rock ' +
    'urban contemporary adult easy listening oldies standards vocal lo-fi lofi ' +
    'world celtic flamenco tango cumbia reggaeton bachata soft slow jams love songs ' +
    'and n roll r b'
  ).split(/\s+/),
)
/** Genre words that only name a genre together with others ("new wave", "easy listening", "r and b"). */
const PART = new Set(
  'new wave easy listening adult contemporary slow jams love songs and n roll r b hip hop drum bossa nova soft'.split(
    ' ',
  ),
)
/** Style words that only qualify a genre ("classic rock", "hard rock", "modern country"). */
const QUALIFIER = new Set(
  'classic hard heavy soft modern progressive post nu new old school southern smooth alt deep dark power symphonic death black thrash glam art blue-eyed neo contemporary'.split(
    ' ',
  ),
)
/** Mood and feel words worth saying. */
const MOOD = new Set(
  (
    'chill mellow happy sad romantic upbeat melancholy melancholic energetic relaxing relax dark ' +
    'sexy party uplifting calm dreamy atmospheric aggressive angry groovy epic emotional nostalgic ' +
    'summer driving workout sleep peaceful haunting quirky catchy'
  ).split(/\s+/),
)
/** Instruments and voices. */
const INSTRUMENT = new Set(
  'guitar piano saxophone sax violin strings trumpet organ synth drums bass female male vocalists vocalist vocals voice harmony'.split(
    ' ',
  ),
)
/** Places and languages. */
const PLACE = new Set(
  'american british uk usa english korean japanese french german spanish swedish canadian australian irish brazilian latin african italian california'.split(
    ' ',
  ),
)
/** Words of personal taste or bookkeeping: a tag containing one says nothing about the song. */
const JUNK = new Set(
  (
    'favorite favorites favourite favourites fav favs faves fave my best love loved lovely awesome ' +
    'amazing beautiful cool great good nice perfect brilliant genius epic-win seen live heard ' +
    'pandora playlist tracks top artists approved guilty pleasure pleasures sing along memories ' +
    'fucking absolutely songs ever time all stuff radio music'
  ).split(/\s+/),
)
const ERA = /^(?:19|20)?\d0'?s$|^(?:19|20)\d\d$/

/** Kind of a clean tag, or null when the tag must not reach a user-facing sentence. */
export type TagKind = 'genre' | 'mood' | 'era' | 'instrument' | 'place'

/** Classifies a tag by the vocabulary; null for junk ("<3", "favorites", "77davez-all-tracks", "wjlb-fm"). */
export function tagKind(raw: string): TagKind | null {
  const t = raw.trim().toLowerCase()
  if (!t || t.length > 40) return null
  if (ERA.test(t.replace(/\s+/g, ''))) return 'era'
  if (!/^[a-z0-9&'][a-z0-9&' -]*$/.test(t) || !/[a-z]/.test(t)) return null
  const words = t.split(/[\s]+/)
  if (words.some((w) => JUNK.has(w))) return null
  const qualifies = (w: string): boolean => QUALIFIER.has(w) || ERA.test(w)
  if (words.every((w) => GENRE.has(w) || qualifies(w)) && words.some((w) => GENRE.has(w))) {
    if (words.length > 1 || !PART.has(t)) return 'genre'
  }
  if (words.every((w) => MOOD.has(w))) return 'mood'
  if (
    words.every((w) => INSTRUMENT.has(w) || QUALIFIER.has(w)) &&
    words.some((w) => INSTRUMENT.has(w))
  )
    return 'instrument'
  if (words.every((w) => PLACE.has(w))) return 'place'
  return null
}

/** True when a tag may be shown to a person (reasons, cluster labels, mix names). */
export function isCleanTag(tag: string): boolean {
  return tagKind(tag) !== null
}

/** The clean tags of a list, in order, without duplicates. */
export function cleanTags(tags: readonly string[]): string[] {
  const seen = new Set<string>()
  const out: string[] = []
  for (const t of tags) {
    const k = t.trim().toLowerCase()
    if (!seen.has(k) && isCleanTag(k)) {
      seen.add(k)
      out.push(t)
    }
  }
  return out
}

/** Genre tags only (for mix names and cluster labels). */
export function genreTags(tags: readonly string[]): string[] {
  return cleanTags(tags).filter((t) => tagKind(t) === 'genre')
}

/** Title case for a tag in a name: "alternative rock" -> "Alternative Rock", "r&b" -> "R&B". */
export function tagTitle(tag: string): string {
  const t = tag.trim().toLowerCase()
  if (t === 'rnb' || t === 'r&b' || t === 'rb') return 'R&B'
  if (t === 'k-pop' || t === 'kpop') return 'K-pop'
  return t.replace(/(^|[\s-])([a-z])/g, (_m, p: string, c: string) => p + c.toUpperCase())
}

/**
 * The measured check of the rule on a catalogue: share of tag occurrences kept, and the most
 * frequent tags dropped (so a reviewer sees what the vocabulary throws away).
 */
export function measureTagRule(songs: readonly { tags: readonly string[] }[]): {
  tags: number
  clean: number
  occurrencesKept: number
  topDropped: string[]
} {
  const count = new Map<string, number>()
  for (const s of songs) for (const t of new Set(s.tags)) count.set(t, (count.get(t) ?? 0) + 1)
  let kept = 0
  let all = 0
  const dropped: [string, number][] = []
  for (const [t, n] of count) {
    all += n
    if (isCleanTag(t)) kept += n
    else dropped.push([t, n])
  }
  dropped.sort((a, b) => b[1] - a[1])
  return {
    tags: count.size,
    clean: [...count.keys()].filter(isCleanTag).length,
    occurrencesKept: all ? kept / all : 0,
    topDropped: dropped.slice(0, 30).map(([t]) => t),
  }
}

/** A catalogue's rule: the vocabulary plus compound tags its songs show to be genre-like. */
export interface TagRule {
  /** Kind of a tag under this rule, null when it must not be shown. */
  kind(tag: string): TagKind | null
  /** Compound tags admitted by co-occurrence (not in the vocabulary on their own), with evidence. */
  admitted: { tag: string; songs: number; withGenre: number; lift: number; genre: string }[]
}

/** Options of {@link learnTagRule}. */
export interface TagRuleOptions {
  /** Fewest songs a tag needs before its co-occurrence is trusted (default 5). */
  minSongs?: number
  /** Share of its songs that must also carry a vocabulary genre (default 0.6). */
  minWithGenre?: number
  /** How much likelier its most frequent partner genre must be than over all songs (default 1.5). */
  minLift?: number
}

/** Vocabulary words a compound tag may be built around (a tag with none is never admitted). */
function hasVocabularyWord(t: string): TagKind | null {
  for (const w of t.split(/\s+/)) {
    if (GENRE.has(w)) return 'genre'
    if (MOOD.has(w)) return 'mood'
    if (INSTRUMENT.has(w)) return 'instrument'
  }
  return null
}

/**
 * Learns a catalogue's rule from its songs' tags. A tag the vocabulary classifies keeps its kind;
 * another tag (e.g. "arena rock", "rock ballad", "male country") is admitted when it contains a
 * vocabulary word, carries no taste or bookkeeping word, is on at least `minSongs` songs, at least
 * `minWithGenre` of them also carry a vocabulary genre, and its top partner genre has a lift
 * (P(genre | tag) / P(genre)) of at least `minLift` — a tag that co-occurs with genres as a genre
 * would. Everything else ("radioparadise", "slgdm", "high school", "masterpiece") is dropped.
 */
export function learnTagRule(
  songs: Iterable<readonly string[]>,
  opts: TagRuleOptions = {},
): TagRule {
  const minSongs = opts.minSongs ?? 5
  const minWithGenre = opts.minWithGenre ?? 0.6
  const minLift = opts.minLift ?? 1.5
  // A catalogue has ~10k distinct tags over ~100k occurrences: classify each name once.
  const kindOf = memoized(tagKind)
  const df = new Map<string, number>()
  const genreDf = new Map<string, number>()
  const pairs = new Map<string, Map<string, number>>()
  const withGenre = new Map<string, number>()
  let tagged = 0
  for (const raw of songs) {
    const tags = [...new Set(raw.map((t) => t.trim().toLowerCase()).filter(Boolean))]
    if (tags.length === 0) continue
    tagged++
    const genres = tags.filter((t) => kindOf(t) === 'genre')
    for (const g of genres) genreDf.set(g, (genreDf.get(g) ?? 0) + 1)
    for (const t of tags) {
      df.set(t, (df.get(t) ?? 0) + 1)
      if (kindOf(t) !== null) continue
      const others = genres.filter((g) => g !== t)
      if (others.length > 0) withGenre.set(t, (withGenre.get(t) ?? 0) + 1)
      let m = pairs.get(t)
      if (!m) pairs.set(t, (m = new Map()))
      for (const g of others) m.set(g, (m.get(g) ?? 0) + 1)
    }
  }
  const extra = new Map<string, TagKind>()
  const admitted: TagRule['admitted'] = []
  for (const [t, m] of pairs) {
    const n = df.get(t) as number
    const base = hasVocabularyWord(t)
    if (!base || n < minSongs || /\d/.test(t)) continue
    const words = t.split(/\s+/).length
    if (words < 2 || words > 3) continue
    if (t.split(/\s+/).some((w) => JUNK.has(w))) continue
    const share = (withGenre.get(t) ?? 0) / n
    if (share < minWithGenre) continue
    let best = ''
    let lift = 0
    for (const [g, c] of m) {
      const l = c / n / ((genreDf.get(g) as number) / tagged)
      if (l > lift || (l === lift && g < best)) [best, lift] = [g, l]
    }
    if (lift < minLift) continue
    extra.set(t, base)
    admitted.push({ tag: t, songs: n, withGenre: share, lift, genre: best })
  }
  admitted.sort((a, b) => b.songs - a.songs || (a.tag < b.tag ? -1 : 1))
  return ruleOf(admitted, extra, kindOf)
}

/**
 * The rule learnt earlier (its `admitted` list, e.g. from a worker thread that learnt it), rebuilt
 * without the songs: `tagRuleFromAdmitted(learnTagRule(s).admitted)` classifies every tag alike.
 */
export function tagRuleFromAdmitted(admitted: TagRule['admitted']): TagRule {
  const extra = new Map<string, TagKind>()
  for (const a of admitted) {
    const base = hasVocabularyWord(a.tag)
    if (base) extra.set(a.tag, base)
  }
  return ruleOf(admitted, extra, memoized(tagKind))
}

function ruleOf(
  admitted: TagRule['admitted'],
  extra: ReadonlyMap<string, TagKind>,
  kindOf: (tag: string) => TagKind | null,
): TagRule {
  return {
    kind: memoized((tag) => kindOf(tag) ?? extra.get(tag.trim().toLowerCase()) ?? null),
    admitted,
  }
}

/** `kind` remembered per tag string (tags are few, their occurrences many). */
function memoized(kind: (tag: string) => TagKind | null): (tag: string) => TagKind | null {
  const known = new Map<string, TagKind | null>()
  return (tag) => {
    let k = known.get(tag)
    if (k === undefined) known.set(tag, (k = kind(tag)))
    return k
  }
}

/** The vocabulary alone, for callers without a catalogue at hand. */
export const VOCABULARY_RULE: TagRule = { kind: tagKind, admitted: [] }
