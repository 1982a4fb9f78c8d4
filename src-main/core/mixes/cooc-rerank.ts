// Re-ranks the model's candidates with co-occurrence evidence from the research playlists, as the served pipeline does.
import { SERVED_PARAMS } from '../recommend/defaults'
import type { MixEnv } from './env'

/** Parameters of {@link coocRerank} (the served pipeline's defaults). */
export interface CoocRerankOptions {
  /** Added to the co-occurrence share so songs without evidence stay ranked. Default: the served `coocFloor`. */
  floor?: number
  /** Weight of the model score against the log share. Default: the served `embeddingWeight`. */
  embeddingWeight?: number
  /** Context songs consulted (the last ones given). Default 10. */
  maxContext?: number
}

/**
 * Orders `keys` (model candidates with `scores`) by the served pipeline's final score:
 * `log(share + floor) + embeddingWeight · score + w · log(vote + playlistFloor)`, where a
 * candidate's share is its weighted count of research playlists shared with the context songs
 * (`catalog.together`) over the candidates' total, and its vote the share of the best vote of the
 * research playlists most like the context (`catalog.neighbourShares`; `w`, `playlistFloor`: the
 * served `playlists` weight and floor). Without any co-occurrence evidence the model's order stays.
 */
export function coocRerank(
  env: MixEnv,
  context: readonly string[],
  weights: readonly number[],
  keys: readonly string[],
  scores: readonly number[],
  opts: CoocRerankOptions = {},
): string[] {
  const floor = opts.floor ?? SERVED_PARAMS.coocFloor
  const ew = opts.embeddingWeight ?? SERVED_PARAMS.embeddingWeight
  const { weight: pw, floor: playlistFloor } = SERVED_PARAMS.playlists
  const take = opts.maxContext ?? 10
  const ctx = context.slice(-take)
  const w = weights.slice(-take)
  const evidence = keys.map((k) =>
    ctx.reduce((sum, c, i) => sum + w[i] * env.catalog.together(k, c), 0),
  )
  const total = evidence.reduce((a, b) => a + b, 0)
  if (!(total > 0)) return [...keys]
  const votes = pw > 0 ? env.catalog.neighbourShares(ctx, w, keys) : undefined
  const final = keys.map((k, i) => ({
    k,
    i,
    f:
      Math.log(evidence[i] / total + floor) +
      ew * scores[i] +
      (votes ? pw * Math.log(votes[i] + playlistFloor) : 0),
  }))
  final.sort((a, b) => b.f - a.f || a.i - b.i)
  return final.map((x) => x.k)
}
