// The rules every mix keeps, in one place: no repeats, artist spacing, exclusions, thumbs-down, "playable now".
import { normalizeArtist } from '../../../src-shared/song-key'

/** The least a mix rule needs to know about a song. */
export interface RuleSong {
  key: string
  artist: string
  owned: boolean
}

/** Parameters of {@link applyMixRules} and {@link RuleState}. */
export interface MixRules {
  /** Songs wanted (the mix may be shorter when the candidates run out). */
  n: number
  /** Keys never used (e.g. songs already queued or in the playlist being continued). */
  exclude?: Iterable<string>
  /** Keys the user gave a thumbs-down: never used. */
  thumbsDown?: Iterable<string>
  /** Most songs of one artist within any `artistWindow` consecutive songs. Default 2. */
  maxPerArtist?: number
  /** Length of the sliding window of `maxPerArtist`. Default 10. */
  artistWindow?: number
  /** Keep the mix mostly songs the user owns: every prefix is at least `minOwnedShare` owned. */
  playableNow?: boolean
  /** Owned share required by `playableNow`. Default 0.8. */
  minOwnedShare?: number
  /**
   * Songs just before the mix (e.g. the end of the playlist being continued, or what a radio
   * already queued), oldest first: they count for artist spacing but are not part of the mix.
   */
  before?: readonly { artist: string }[]
}

/** Default spacing: at most this many songs of one artist … */
export const MAX_PER_ARTIST = 2
/** … in any run of this many consecutive songs. */
export const ARTIST_WINDOW = 10
/** Owned share of a "playable now" mix. */
export const MIN_OWNED_SHARE = 0.8

/** Artist identity for spacing: normalised, featured credits dropped ("A feat. B" is A). */
export function artistId(artist: string): string {
  return normalizeArtist(artist)
}

/**
 * A mix being built song by song: `fits` says whether a song may come next, `add` appends it.
 * Generators that choose each position themselves (the journey) use it directly; the rest go
 * through {@link applyMixRules}.
 */
export class RuleState<T extends RuleSong> {
  readonly songs: T[] = []
  private readonly used = new Set<string>()
  private readonly blocked: Set<string>
  private readonly recent: string[]
  private readonly maxPerArtist: number
  private readonly window: number
  private readonly minOwned: number
  private owned = 0

  constructor(private readonly rules: MixRules) {
    if (!Number.isInteger(rules.n) || rules.n < 0) {
      throw new Error(`A mix needs a whole number of songs ≥ 0, got ${rules.n}`)
    }
    this.maxPerArtist = rules.maxPerArtist ?? MAX_PER_ARTIST
    this.window = rules.artistWindow ?? ARTIST_WINDOW
    if (!Number.isInteger(this.maxPerArtist) || this.maxPerArtist < 1) {
      throw new Error(`maxPerArtist must be a whole number ≥ 1, got ${this.maxPerArtist}`)
    }
    if (!Number.isInteger(this.window) || this.window < 2) {
      throw new Error(`artistWindow must be a whole number ≥ 2, got ${this.window}`)
    }
    this.minOwned = rules.playableNow ? (rules.minOwnedShare ?? MIN_OWNED_SHARE) : 0
    if (!(this.minOwned >= 0 && this.minOwned <= 1)) {
      throw new Error(`minOwnedShare must lie in [0, 1], got ${rules.minOwnedShare}`)
    }
    this.blocked = new Set([...(rules.exclude ?? []), ...(rules.thumbsDown ?? [])])
    this.recent = (rules.before ?? []).slice(-(this.window - 1)).map((s) => artistId(s.artist))
  }

  /** True when the mix has all the songs it wants. */
  get full(): boolean {
    return this.songs.length >= this.rules.n
  }

  /** Whether `song` may be the next song (ignores whether the mix is full). */
  fits(song: T): boolean {
    if (this.used.has(song.key) || this.blocked.has(song.key)) return false
    const artist = artistId(song.artist)
    if (artist !== '') {
      const tail = this.recent.slice(-(this.window - 1))
      if (tail.length > 0 && tail[tail.length - 1] === artist) return false
      let same = 0
      for (const a of tail) if (a === artist) same++
      if (same + 1 > this.maxPerArtist) return false
    }
    if (this.minOwned > 0) {
      const owned = this.owned + (song.owned ? 1 : 0)
      if (owned < this.minOwned * (this.songs.length + 1) - 1e-9) return false
    }
    return true
  }

  /** Appends `song` (call `fits` first). */
  add(song: T): void {
    this.songs.push(song)
    this.used.add(song.key)
    if (song.owned) this.owned++
    this.recent.push(artistId(song.artist))
    if (this.recent.length > this.window) this.recent.shift()
  }
}

/**
 * The shared post-processing of every mix: walks `candidates` (best first) and fills the mix
 * position by position with the best remaining candidate that keeps every rule — no duplicate
 * keys, no excluded or thumbed-down song, never the same artist twice in a row, at most
 * `maxPerArtist` songs of an artist in any `artistWindow` consecutive songs (counting `before`),
 * and with `playableNow` every prefix of the mix at least `minOwnedShare` owned. Stops early when
 * no remaining candidate fits.
 */
export function applyMixRules<T extends RuleSong>(candidates: readonly T[], rules: MixRules): T[] {
  const state = new RuleState<T>(rules)
  const left = [...candidates]
  while (!state.full) {
    const i = left.findIndex((c) => state.fits(c))
    if (i < 0) break
    state.add(left[i])
    left.splice(i, 1)
  }
  return state.songs
}
