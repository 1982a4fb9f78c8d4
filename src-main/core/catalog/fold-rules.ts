// Says which folding rules made two spellings of a song the same key ("feat.", "(Remastered 2011)", "& vs and", case…), for the match report.

/** A named rule of the song-key folding, with what it looks for in a raw artist or title. */
interface FoldRule {
  name: string
  /** True when the rule has something to fold in this raw string. */
  present: (artist: string, title: string) => boolean
}

const RULES: FoldRule[] = [
  {
    name: 'feat. credit',
    present: (a, t) => /\b(feat\.?|ft\.?|featuring|with|w\/)\s/i.test(`${a} ${t}`),
  },
  { name: 'remaster suffix', present: (_a, t) => /re-?master/i.test(t) },
  { name: 'radio edit', present: (_a, t) => /\b(radio edit|edit)\b/i.test(t) },
  { name: 'live', present: (_a, t) => /[-([{]\s*live\b/i.test(t) },
  {
    name: 'version suffix',
    present: (_a, t) =>
      /\b(single version|album version|original mix|mono|stereo|explicit|clean|bonus track|deluxe)\b/i.test(
        t,
      ),
  },
  { name: 'bracketed year', present: (_a, t) => /[([{]\s*\d{4}\s*[)\]}]/.test(t) },
  { name: '& vs and', present: (a, t) => /[&+]/.test(`${a} ${t}`) },
  { name: 'leading "The"', present: (a) => /^the\s|,\s*the$/i.test(a.trim()) },
]

function stripAccents(s: string): string {
  return s.normalize('NFKD').replace(/[\u0300-\u036f]/g, '')
}

/**
 * The rules by which (entryArtist, entryTitle) and (otherArtist, otherTitle) differ yet share a
 * song key: each rule that has something to fold on one side and not the other, plus
 * "diacritics", "case" and "punctuation" when those alone differ. Empty when the spellings are
 * identical.
 */
export function foldRulesBetween(
  entryArtist: string,
  entryTitle: string,
  otherArtist: string,
  otherTitle: string,
): string[] {
  if (entryArtist === otherArtist && entryTitle === otherTitle) return []
  const out: string[] = []
  for (const r of RULES)
    if (r.present(entryArtist, entryTitle) !== r.present(otherArtist, otherTitle)) out.push(r.name)
  const e = `${entryArtist}\u0000${entryTitle}`
  const o = `${otherArtist}\u0000${otherTitle}`
  if (out.length === 0) {
    const ea = stripAccents(e)
    const oa = stripAccents(o)
    if (e.toLowerCase() === o.toLowerCase()) out.push('case')
    else if (ea.toLowerCase() === oa.toLowerCase()) {
      out.push('diacritics')
      if (ea !== oa) out.push('case')
    } else {
      if (ea !== e || oa !== o) out.push('diacritics')
      out.push('punctuation')
    }
  }
  return out
}

/** "artist+title" or "artist+title, ignoring feat. credit and case" for the report. */
export function describeFolds(base: string, rules: string[]): string {
  if (rules.length === 0) return base
  return `${base}, ignoring ${rules.join(', ')}`
}

/** "loose spelling (artist alias, brackets)" — a fuzzy rule with the loose rules it used. */
export function describeLoose(rule: string, rules: string[]): string {
  return rules.length === 0 ? rule : `${rule} (${rules.join(', ')})`
}
