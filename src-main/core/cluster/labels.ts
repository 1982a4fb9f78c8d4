// Names clusters for people: distinctive tags (lift-weighted), else top artists, plus size and cohesion.
import { learnTagRule, tagTitle } from '../catalog/clean-tags'
import { clusterCohesion } from './cohesion'

/** What labelling needs to know about one song (same order as the assignments). */
export interface SongFacts {
  /** Free-form tags (e.g. Last.fm genres); duplicates within a song count once. */
  tags: string[]
  /** Artist name; empty or '-' means unknown. */
  artist: string
  /** Whether the song is in the user's own library. */
  owned?: boolean
}

/** The geometry needed for cohesion scores. */
export interface ClusterSpace {
  /** The clustered vectors, row-major `n × dim`. */
  vectors: Float32Array
  dim: number
  /** Unit centroids, row-major `k × dim`. */
  centroids: Float32Array
}

/** Parameters of {@link labelClusters}. */
export interface LabelOptions {
  /** Tags listed per cluster. Default 5. */
  topTags?: number
  /** Artists listed per cluster. Default 5. */
  topArtists?: number
  /** Tags (or artists) joined into the label. Default 2. */
  labelTerms?: number
  /** A tag must be on at least this share of a cluster's tagged songs to describe it. Default 0.1. */
  minShare?: number
  /** Vectors and centroids; without them `cohesion` is null. */
  space?: ClusterSpace
}

/** A cluster as the Clusters view and `segue clusters --json` show it. */
export interface ClusterLabel {
  id: number
  size: number
  label: string
  /** Most distinctive tags, best first. */
  top_tags: string[]
  /** Most frequent artists, most songs first. */
  top_artists: string[]
  /** Songs of the cluster in the user's library. */
  owned: number
  /** Mean simplified silhouette (see clusterCohesion), or null without vectors or when empty. */
  cohesion: number | null
}

/**
 * Describes each of the `k` clusters. A tag's score in a cluster is share × ln(lift), where share
 * is the fraction of the cluster's tagged songs carrying it and lift = share / (its share among
 * all assigned tagged songs): frequent in the cluster and rarer elsewhere (a KL-divergence term).
 * Untagged songs count on neither side. Tags below `minShare` or with lift ≤ 1 are ignored, and so
 * are tags the clean-tag rule (learnt from these songs, see learnTagRule) drops ("favorites",
 * "<3"). The label is the best genre (else best clean tag) and the top artists, "Jazz · Miles
 * Davis, Nina Simone"; only artists without tags; "Cluster N" without either. Labels that would
 * repeat take one more artist (or a number), so every label is distinct. Rows assigned -1 are skipped.
 */
export function labelClusters(
  assignments: Int32Array,
  k: number,
  songs: readonly SongFacts[],
  opts: LabelOptions = {},
): ClusterLabel[] {
  if (songs.length !== assignments.length) {
    throw new Error(
      `Got ${songs.length} songs for ${assignments.length} assignments: pass one per row`,
    )
  }
  const topTags = opts.topTags ?? 5
  const topArtists = opts.topArtists ?? 5
  const labelTerms = opts.labelTerms ?? 2
  const minShare = opts.minShare ?? 0.1
  const size = new Int32Array(k)
  const tagged = new Int32Array(k)
  const owned = new Int32Array(k)
  const tagsIn = Array.from({ length: k }, () => new Map<string, number>())
  const artistsIn = Array.from({ length: k }, () => new Map<string, number>())
  const tagsAll = new Map<string, number>()
  let totalTagged = 0
  const rule = learnTagRule(songs.map((s) => s.tags))
  assignments.forEach((c, i) => {
    if (c < 0) return
    if (c >= k) throw new Error(`Assignment ${c} of song ${i} is outside 0..${k - 1}`)
    const song = songs[i]
    size[c]++
    if (song.owned) owned[c]++
    const tags = new Set(song.tags.filter((t) => t.length > 0 && rule.kind(t) !== null))
    if (tags.size > 0) {
      tagged[c]++
      totalTagged++
    }
    for (const tag of tags) {
      tagsIn[c].set(tag, (tagsIn[c].get(tag) ?? 0) + 1)
      tagsAll.set(tag, (tagsAll.get(tag) ?? 0) + 1)
    }
    const artist = song.artist.trim()
    if (artist && artist !== '-') artistsIn[c].set(artist, (artistsIn[c].get(artist) ?? 0) + 1)
  })
  const cohesion = opts.space
    ? clusterCohesion(
        opts.space.vectors,
        assignments.length,
        opts.space.dim,
        assignments,
        opts.space.centroids,
        k,
      )
    : undefined
  const used = new Set<string>()
  return Array.from({ length: k }, (_, c) => {
    const scored: [string, number][] = []
    for (const [tag, m] of tagsIn[c]) {
      const share = m / tagged[c]
      const lift = share / ((tagsAll.get(tag) as number) / totalTagged)
      if (share >= minShare && lift > 1) scored.push([tag, share * Math.log(lift)])
    }
    const tags = ranked(scored).slice(0, topTags)
    const artists = ranked([...artistsIn[c]]).slice(0, topArtists)
    const head = tags.find((t) => rule.kind(t) === 'genre') ?? tags[0]
    const named = (n: number): string => {
      const who = artists.slice(0, n).join(', ')
      if (head) return who ? `${tagTitle(head)} · ${who}` : tagTitle(head)
      return who || `Cluster ${c + 1}`
    }
    let label = named(labelTerms)
    for (let n = labelTerms + 1; used.has(label) && n <= artists.length; n++) label = named(n)
    for (let i = 2; used.has(label); i++) label = `${named(labelTerms)} (${i})`
    used.add(label)
    const coh = cohesion?.[c]
    return {
      id: c,
      size: size[c],
      label,
      top_tags: tags,
      top_artists: artists,
      owned: owned[c],
      cohesion: coh === undefined || Number.isNaN(coh) ? null : coh,
    }
  })
}

/** Names by descending score, ties by name (so labels never depend on insertion order). */
function ranked(entries: [string, number][]): string[] {
  return entries
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))
    .map(([name]) => name)
}
