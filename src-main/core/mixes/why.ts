// Says why each song is in a mix: how often you played it, its nearest seed songs, research playlists shared with a seed, shared tags.
import { isCleanTag } from '../catalog/clean-tags'
import { songName, type MixEnv } from './env'
import { listenedReason } from './listening'
import type { MixEvidence, MixTrack } from './types'

/** Seed songs considered per explanation (the first ones given, i.e. the most important). */
export const MAX_SEEDS_EXPLAINED = 100

/** Explains songs against one fixed list of seed songs (the mix's taste, playlist or radio seeds). */
export class Explainer {
  private readonly seeds: string[]
  private readonly seedSet: Set<string>
  private readonly tagCount = new Map<string, number>()

  /**
   * @param seeds the songs the mix grew from, most important first
   * @param seedReason what to say about a song that is itself a seed (default: library wording)
   */
  constructor(
    private readonly env: MixEnv,
    seeds: readonly string[],
    private readonly seedReason?: (key: string) => string,
  ) {
    this.seeds = [...new Set(seeds)].slice(0, MAX_SEEDS_EXPLAINED)
    this.seedSet = new Set(seeds)
    for (const s of this.seeds) {
      for (const t of new Set((env.catalog.get(s)?.tags ?? []).filter(isCleanTag)))
        this.tagCount.set(t, (this.tagCount.get(t) ?? 0) + 1)
    }
  }

  /** The facts and the sentence for one song. */
  explain(key: string): { why: string; evidence: MixEvidence } {
    const env = this.env
    const isSeed = this.seedSet.has(key)
    const others = this.seeds.filter((s) => s !== key)
    const nearest: MixEvidence['nearest'] = []
    if (env.vectors.available) {
      const sims: { key: string; similarity: number }[] = []
      for (const s of others) {
        const c = env.vectors.cos(key, s)
        if (c !== undefined && c > 0) sims.push({ key: s, similarity: c })
      }
      sims.sort((a, b) => b.similarity - a.similarity || cmp(a.key, b.key))
      for (const s of sims.slice(0, 2)) nearest.push({ ...s, ...songName(env, s.key) })
    }
    let together: MixEvidence['together']
    for (const s of others) {
      const count = env.catalog.together(key, s)
      if (count > 0 && (!together || count > together.count))
        together = { key: s, ...songName(env, s), count }
    }
    const tags = [...new Set(env.catalog.get(key)?.tags ?? [])]
      .filter((t) => this.tagCount.has(t))
      .sort(
        (a, b) => (this.tagCount.get(b) as number) - (this.tagCount.get(a) as number) || cmp(a, b),
      )
      .slice(0, 3)
    const evidence: MixEvidence = { nearest, tags, seed: isSeed }
    if (together) evidence.together = together
    const fact = env.listening?.facts.get(key)
    if (fact) evidence.listening = { ...fact }
    const heard = listenedReason(env.listening, key)
    if (isSeed && !this.seedReason) return { why: this.seedSentence(key, heard), evidence }
    const base = isSeed ? this.seedSentence(key) : sentence(evidence)
    return { why: heard ? `${heard} · ${base}` : base, evidence }
  }

  /** A complete mix track for `key`. */
  track(key: string): MixTrack {
    const own = this.env.library.owned.get(key)
    const { why, evidence } = this.explain(key)
    const t: MixTrack = { key, ...songName(this.env, key), owned: own !== undefined, why, evidence }
    if (own) {
      t.trackId = own.trackId
      t.path = own.path
    }
    return t
  }

  /** What to say about a seed song; `heard` (its listening reason) replaces the file's play count. */
  private seedSentence(key: string, heard?: string): string {
    if (this.seedReason) return this.seedReason(key)
    const own = this.env.library.owned.get(key)
    if (heard) {
      if (own) return `one of your songs — ${heard}`
      if (this.env.library.playlistKeys.has(key)) return `from your playlists — ${heard}`
      return heard
    }
    if (own && own.playCount > 0)
      return `one of your songs — played ${own.playCount} time${own.playCount === 1 ? '' : 's'}`
    if (own) return 'one of your songs'
    if (this.env.library.playlistKeys.has(key)) return 'from your playlists'
    return 'the song this mix starts from'
  }
}

/** The sentence for a non-seed song, strongest evidence first; each seed is named once. */
export function sentence(e: MixEvidence): string {
  const parts: string[] = []
  const near = e.nearest[0]
  if (near) parts.push(`close to ${name(near)}`)
  if (e.together) {
    const n = `${e.together.count} radio playlist${e.together.count === 1 ? '' : 's'}`
    if (near && near.key === e.together.key) parts[0] += ` and in ${n} with it`
    else parts.push(`in ${n} with ${name(e.together)}`)
  }
  if (e.tags.length > 0) parts.push(`shares tags ${e.tags.join(', ')}`)
  return parts.length > 0 ? parts.join('; ') : 'close to your taste in the model'
}

function name(s: { artist: string; title: string }): string {
  return s.artist ? `"${s.title}" by ${s.artist}` : `"${s.title}"`
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0
}
