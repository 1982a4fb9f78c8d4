// Turns the evidence behind one recommendation into a short reason a person can read ("played near X in 14 playlists").
import { learnTagRule, type TagRule } from '../catalog/clean-tags'
import { playlistsTogether, type CoocMatrix } from './cooc-matrix'
import { tagsOf, type TagIndex } from './tag-index'

/** One recommendation's reason: what kind of evidence, the sentence, and the facts it cites. */
export interface Why {
  /** Which evidence the reason rests on. */
  kind: 'cooc' | 'tags' | 'embedding' | 'popular'
  /** Short sentence, e.g. `played near "Yellow" by Coldplay in 14 playlists`. */
  text: string
  /** The context song the reason refers to, when there is one. */
  song?: number
  /** Playlists both songs were played near each other in (kind 'cooc'). */
  count?: number
  /** Shared tags, most telling first (kind 'tags'). */
  tags?: string[]
}

/** What {@link explain} may consult; every id is in one space (catalogue ids or model rows). */
export interface WhyEvidence {
  /** Display name of a song, e.g. `"Yellow" by Coldplay`. */
  nameOf: (id: number) => string
  /** Co-occurrence counts of the playlists the model learnt from. */
  cooc?: CoocMatrix
  /** Tags of the catalogue. */
  tags?: TagIndex
  /** Similarity of two songs in the model (e.g. cosine of their vectors). */
  similarity?: (a: number, b: number) => number
  /** Times a song was played in the playlists the model learnt from (for the popularity reason). */
  plays?: (id: number) => number
}

/** Options of {@link explain}. */
export interface WhyOptions {
  /** Fewest shared playlists that make a "played near" reason (default 2; 1 reads as chance). */
  minTogether?: number
  /** Most tags named (default 2). */
  maxTags?: number
  /** Where the recommended song goes among the context (ties in evidence go to the nearest song). */
  slot?: number
}

/**
 * The strongest reason to recommend `song` after `context`, in order of preference: played near a
 * context song in several playlists (the one with the most), shared clean tags (genre, mood, era,
 * instrument; the rarest ones, weighted by how many context songs carry them), closeness in the
 * model to the nearest context song, and otherwise popularity. With a single context song (Similar
 * songs: the page already names it) the reason says "it" instead of naming the song on every row,
 * and carries the row's own figure (playlists, tags, similarity or plays).
 */
export function explain(
  song: number,
  context: readonly number[],
  evidence: WhyEvidence,
  options: WhyOptions = {},
): Why {
  const minTogether = options.minTogether ?? 2
  const order = byNearness(context.length, options.slot)

  if (evidence.cooc) {
    let best = -1
    let bestCount = 0
    for (const i of order) {
      const n = playlistsTogether(evidence.cooc, context[i], song)
      if (n > bestCount) {
        best = context[i]
        bestCount = n
      }
    }
    if (best >= 0 && bestCount >= minTogether) {
      const near = context.length === 1 ? 'it' : evidence.nameOf(best)
      const text = `played near ${near} in ${bestCount} playlist${bestCount === 1 ? '' : 's'}`
      return { kind: 'cooc', text, song: best, count: bestCount }
    }
  }

  if (evidence.tags) {
    const shared = sharedTags(evidence.tags, song, context, options.maxTags ?? 2)
    if (shared.length > 0)
      return { kind: 'tags', text: `shares tags ${shared.join(', ')}`, tags: shared }
  }

  if (evidence.similarity && context.length > 0) {
    let best = -1
    let bestSim = -Infinity
    for (const i of order) {
      if (context[i] === song) continue
      const s = evidence.similarity(context[i], song)
      if (s > bestSim) {
        best = context[i]
        bestSim = s
      }
    }
    if (best >= 0 && bestSim > 0) {
      const text =
        context.length === 1
          ? `close to it in the model (similarity ${bestSim.toFixed(2)}), no shared playlist`
          : `close to ${evidence.nameOf(best)} in the model`
      return { kind: 'embedding', text, song: best }
    }
  }
  const plays = evidence.plays?.(song) ?? 0
  if (plays > 0) return { kind: 'popular', text: `played ${plays} times in the radio playlists` }
  return { kind: 'popular', text: 'often played in these playlists' }
}

const rules = new WeakMap<TagIndex, TagRule>()

/** Gives `index` the rule learnt from its songs elsewhere (a worker thread), so it is not learnt again here. */
export function rememberTagRule(index: TagIndex, rule: TagRule): void {
  rules.set(index, rule)
}

/** The clean-tag rule learnt from an index's own songs (computed once per index). */
export function tagRuleOf(index: TagIndex): TagRule {
  let rule = rules.get(index)
  if (!rule) {
    const songs = index.songTagStart.length - 1
    const lists: string[][] = []
    for (let s = 0; s < songs; s++) lists.push([...tagsOf(index, s)].map((t) => index.names[t]))
    rule = learnTagRule(lists)
    rules.set(index, rule)
  }
  return rule
}

/** Context positions, nearest to the slot first (all alike without a slot: in order). */
function byNearness(length: number, slot: number | undefined): number[] {
  const idx = Array.from({ length }, (_, i) => i)
  if (slot === undefined) return idx
  const dist = (i: number): number => (i < slot ? slot - i : i - slot + 1)
  return idx.sort((a, b) => dist(a) - dist(b) || a - b)
}

/** Tags of `song` also carried by context songs, by `idf × context songs carrying it`, best first. */
function sharedTags(
  index: TagIndex,
  song: number,
  context: readonly number[],
  max: number,
): string[] {
  const rule = tagRuleOf(index)
  const own = new Set([...tagsOf(index, song)].filter((t) => rule.kind(index.names[t]) !== null))
  if (own.size === 0) return []
  const weight = new Map<number, number>()
  for (const c of context) {
    if (c === song) continue
    for (const t of tagsOf(index, c))
      if (own.has(t)) weight.set(t, (weight.get(t) ?? 0) + index.idf[t])
  }
  return [...weight.entries()]
    .sort((a, b) => b[1] - a[1] || a[0] - b[0])
    .slice(0, max)
    .map(([t]) => index.names[t])
}
