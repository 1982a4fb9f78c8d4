// The Made For You entry points the app, server and CLI call: daily mixes + Discover, radio, continue, journey, cluster mixes.
import type { Db } from '../store/db'
import { clusterMix, type ClusterMixRequest } from './cluster-mix'
import { continueMix, type ContinueOptions, type PlaylistToContinue } from './continue'
import { dailyMixes } from './daily'
import { discoverMix } from './discover'
import { mixEnv, type MixEnv } from './env'
import { forgottenFavouritesMix, onRepeatMix, recentFavouritesMix } from './listening-mixes'
import type { Listening } from './listening'
import { journeyMix, type JourneyOptions } from './journey'
import { radioMix } from './radio'
import { replaceGeneratedMixes } from './store'
import { tasteProfile, type TasteOptions, type TasteProfile } from './taste-profile'
import type { CatalogLike, Mix, Scorer } from './types'
import { loadUserLibrary, type UserLibrary } from './user-library'

/** What every mix request needs. */
export interface MixContext {
  /** The app database: library, playlists and thumbs are read from it (unless `library` is given). */
  db?: Db
  /** The user's library, already read (tests and evaluations pass one instead of `db`). */
  library?: UserLibrary
  /** The served model (the app: `withVectors(modelService, vectors)`). */
  scorer: Scorer
  /** The research catalogue, for names, tags and co-occurrence evidence. */
  catalog: CatalogLike
  /** Seed of the random draws: the same seed regenerates the same mixes. */
  seed: number
  /** Mostly (≥ 80 %) songs the user owns. */
  playableNow?: boolean
  /** The imported listening histories (`loadListening`), read once per request; absent when none. */
  listening?: Listening
}

/** Options of {@link buildMixes}. */
export interface BuildOptions {
  /** Most daily mixes (one per taste). Default 6. */
  daily?: number
  /** Songs per mix. Default 30. */
  size?: number
  /** Variety between seeds (0 = strict ranking). Default 0.35. */
  freshness?: number
  /** How tastes are found. */
  taste?: TasteOptions
}

/** Extra options of the single-mix requests. */
export interface RequestOptions {
  /** Variety between seeds (0 = strict ranking). */
  freshness?: number
  /** Keys never used (for radio: what the station already queued, in play order). */
  exclude?: readonly string[]
}

/** Reads what the request needs (the library from the database unless one was given). */
export async function openMixEnv(ctx: MixContext): Promise<MixEnv> {
  if (!Number.isSafeInteger(ctx.seed))
    throw new Error(`The mix seed must be a whole number, got ${ctx.seed}`)
  const library = ctx.library ?? (ctx.db ? await loadUserLibrary(ctx.db) : undefined)
  if (!library)
    throw new Error('A mix request needs the database (db) or the user library (library)')
  return mixEnv(ctx.scorer, ctx.catalog, library, ctx.listening)
}

/** The user's tastes (see `tasteProfile`); none when the scorer gives no vectors. */
export async function userTastes(ctx: MixContext, opts: TasteOptions = {}): Promise<TasteProfile> {
  return tastesOf(await openMixEnv(ctx), opts)
}

/**
 * The Made For You shelf: up to 6 daily mixes (one per taste, heaviest first), with a listening
 * history "On repeat", "Recent favourites" and "Forgotten favourites", and Discover.
 * Mixes that come out empty are left out; a user without songs gets none.
 */
export async function buildMixes(ctx: MixContext, opts: BuildOptions = {}): Promise<Mix[]> {
  const env = await openMixEnv(ctx)
  const profile = tastesOf(env, opts.taste)
  const common = { seed: ctx.seed, n: opts.size, freshness: opts.freshness }
  const daily = await dailyMixes(env, profile.centroids, {
    ...common,
    playableNow: ctx.playableNow,
    max: opts.daily,
  })
  const out = [...daily]
  for (const listened of [
    onRepeatMix(env, common),
    recentFavouritesMix(env, common),
    forgottenFavouritesMix(env, common),
  ])
    if (listened) out.push(listened)
  if (env.library.taste.length > 0) {
    const discover = await discoverMix(env, profile.centroids, common)
    if (discover.tracks.length > 0) out.push(discover)
  }
  return out
}

/** Builds the shelf and stores it in place of every unsaved mix (saved ones stay): call after retraining. */
export async function regenerateMixes(
  ctx: MixContext & { db: Db },
  opts: BuildOptions = {},
): Promise<Mix[]> {
  return replaceGeneratedMixes(ctx.db, await buildMixes(ctx, opts))
}

/**
 * The next `n` songs of a radio from `seedKeys`. Call again with `exclude` = everything queued
 * so far (in play order) and `offset` = how many that is, to refill an endless station.
 */
export async function radio(
  ctx: MixContext,
  seedKeys: readonly string[],
  n: number,
  opts: RequestOptions & { offset?: number } = {},
): Promise<Mix> {
  return radioMix(await openMixEnv(ctx), seedKeys, {
    ...opts,
    seed: ctx.seed,
    n,
    playableNow: ctx.playableNow,
  })
}

/** `n` songs that continue a playlist: an imported playlist's id, or a name and song keys. */
export async function continuePlaylist(
  ctx: MixContext,
  playlist: number | PlaylistToContinue,
  n: number,
  opts: RequestOptions & Pick<ContinueOptions, 'recency'> = {},
): Promise<Mix> {
  const target = typeof playlist === 'number' ? await readPlaylist(ctx, playlist) : playlist
  return continueMix(await openMixEnv(ctx), target, {
    ...opts,
    seed: ctx.seed,
    n,
    playableNow: ctx.playableNow,
  })
}

/** A smooth path of `n` songs from `from` to `to` (both included). */
export async function journey(
  ctx: MixContext,
  from: string,
  to: string,
  n: number,
  opts: RequestOptions & Pick<JourneyOptions, 'smoothness' | 'pool'> = {},
): Promise<Mix> {
  return journeyMix(await openMixEnv(ctx), from, to, {
    ...opts,
    seed: ctx.seed,
    n,
    playableNow: ctx.playableNow,
  })
}

/** A mix of one cluster of the song map (its songs, most typical first, and its label). */
export async function mixForCluster(
  ctx: MixContext,
  cluster: ClusterMixRequest,
  n: number,
  opts: RequestOptions = {},
): Promise<Mix> {
  return clusterMix(await openMixEnv(ctx), cluster, {
    ...opts,
    seed: ctx.seed,
    n,
    playableNow: ctx.playableNow,
  })
}

function tastesOf(env: MixEnv, opts: TasteOptions = {}): TasteProfile {
  if (!env.vectors.available)
    return { centroids: [], k: 0, scores: [], songsWithVectors: 0, dropped: 0 }
  return tasteProfile(env, opts)
}

async function readPlaylist(ctx: MixContext, id: number): Promise<PlaylistToContinue> {
  if (!ctx.db) throw new Error('Continuing a playlist by id needs the database (db)')
  const p = await ctx.db.get<{ name: string }>('SELECT name FROM playlists WHERE id = ?', [id])
  if (!p) throw new Error(`No playlist with id ${id} — list them with listPlaylists`)
  const rows = await ctx.db.all<{ song_key: string }>(
    'SELECT song_key FROM playlist_items WHERE playlist_id = ? AND song_key IS NOT NULL ORDER BY position',
    [id],
  )
  return { name: p.name, keys: rows.map((r) => r.song_key) }
}
