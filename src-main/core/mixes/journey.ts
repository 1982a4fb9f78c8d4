// Journey: a smooth path from song A to song B, one song per step along the great-circle arc between them.
import { modelPool, ownedNear, requestBlocked, ruleSong } from './candidates'
import { knownKeys, songName, type MixEnv } from './env'
import { finishMix, mixSize, type MixOptions } from './finish'
import { mostlySkipped } from './listening'
import { artistId, RuleState, type RuleSong } from './rules'
import { mixRng } from './sampling'
import type { Mix } from './types'
import { dot, slerp, slerpWeights } from './unit-vectors'
import { Explainer } from './why'

/** Options of {@link journeyMix}. */
export interface JourneyOptions extends MixOptions {
  /** Weight of the smoothness penalty λ (see {@link journeyMix}). Default 0.5. */
  smoothness?: number
  /** Candidates considered per step. Default 60. */
  pool?: number
}

/** Songs of a journey (both ends included) unless asked otherwise. */
export const JOURNEY_SIZE = 12

/**
 * `n` songs from `from` to `to` (both included). Step i (of n − 1) aims at the point at fraction
 * t = i / (n − 1) of the arc from A to B (slerp); its candidates are the model's top songs for the
 * context {A, B} weighted by the slerp weights (with "playable now": the user's songs nearest the
 * point), and it takes the unused one maximising
 * `cos(song, point) − λ · max(0, angle(previous song, song) − angle(previous song, point))` — a
 * move longer than the direct way to the point (sideways or overshooting) is penalised, a lagging
 * path may catch up — that keeps the mix rules (and is not by B's artist right before B). `freshness` adds a small seeded Gumbel jitter (0.02 × freshness).
 * A song the histories say was mostly skipped is taken only when no other candidate fits the step.
 * The endpoints are the user's choice and are kept even if they break a rule.
 */
export async function journeyMix(
  env: MixEnv,
  from: string,
  to: string,
  opts: JourneyOptions,
): Promise<Mix> {
  const n = mixSize(opts.n, JOURNEY_SIZE)
  if (n < 2) throw new Error('A journey needs at least 2 songs (its two ends)')
  if (from === to) throw new Error('A journey needs two different songs')
  const va = env.vectors.get(from)
  const vb = env.vectors.get(to)
  if (!va || !vb) {
    const missing = !va ? from : to
    throw new Error(
      `The model has no vector for "${missing}" — retrain after importing playlists that contain it`,
    )
  }
  if (knownKeys(env, [from, to]).length < 2)
    throw new Error('The model does not know both songs of the journey yet')
  const lambda = opts.smoothness ?? 0.5
  if (!(lambda >= 0) || !Number.isFinite(lambda))
    throw new Error(`smoothness must be ≥ 0, got ${lambda}`)
  const poolSize = opts.pool ?? 60
  const freshness = opts.freshness ?? 0
  const rng = mixRng(opts.seed, 'journey', from, to)
  const blocked = requestBlocked(env, [...(opts.exclude ?? []), from, to])
  const state = new RuleState<RuleSong>({
    n,
    exclude: opts.exclude,
    thumbsDown: env.library.thumbsDown,
  })
  state.add(ruleSong(env, from))
  const endArtist = artistId(songName(env, to).artist)
  let prev = va
  let modelId: string | undefined
  for (let i = 1; i < n - 1; i++) {
    const t = i / (n - 1)
    const point = slerp(va, vb, t)
    const direct = angle(prev, point)
    let keys: string[]
    if (opts.playableNow) keys = ownedNear(env, point, blocked, poolSize)
    else {
      const pool = await modelPool(env, [from, to], slerpWeights(va, vb, t), poolSize, blocked)
      modelId ??= pool.modelId
      keys = pool.keys
    }
    let best: { song: RuleSong; v: Float32Array; score: number; skipped: boolean } | undefined
    for (const key of keys) {
      const v = env.vectors.get(key)
      if (!v) continue
      const song = ruleSong(env, key)
      if (!state.fits(song)) continue
      if (i === n - 2 && endArtist !== '' && artistId(song.artist) === endArtist) continue
      let score = dot(v, point) - lambda * Math.max(0, angle(v, prev) - direct)
      if (freshness > 0) score += 0.02 * freshness * gumbel(rng.next())
      // A song the histories say was mostly skipped is taken only when no other song fits the step.
      const skipped = mostlySkipped(env.listening?.facts.get(key))
      if (
        !best ||
        (best.skipped && !skipped) ||
        (best.skipped === skipped &&
          (score > best.score || (score === best.score && key < best.song.key)))
      )
        best = { song, v, score, skipped }
    }
    if (!best) break
    state.add(best.song)
    prev = best.v
  }
  state.add(ruleSong(env, to))
  const keys = state.songs.map((s) => s.key)
  const a = songName(env, from)
  const b = songName(env, to)
  const mix = finishMix(
    {
      kind: 'journey',
      name: `Journey: ${a.title} → ${b.title}`,
      description: `From "${a.title}" by ${a.artist} to "${b.title}" by ${b.artist} in ${keys.length} songs`,
      seed: opts.seed,
      modelId,
      params: {
        from,
        to,
        n,
        smoothness: lambda,
        freshness,
        playableNow: opts.playableNow ?? false,
      },
      keys,
    },
    new Explainer(env, [from, to], (key) =>
      key === from ? 'where the journey starts' : 'where the journey ends',
    ),
  )
  const last = mix.tracks.length - 1
  mix.tracks.forEach((track, i) => {
    if (i > 0 && i < last) track.why = `step ${i} of ${last} toward "${b.title}"; ${track.why}`
  })
  return mix
}

/** Angle in radians between two unit vectors. */
function angle(a: Float32Array, b: Float32Array): number {
  return Math.acos(Math.max(-1, Math.min(1, dot(a, b))))
}

function gumbel(u: number): number {
  return -Math.log(-Math.log(Math.min(Math.max(u, 1e-12), 1 - 1e-12)))
}
