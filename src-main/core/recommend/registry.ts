// The recommenders by name: what `segue eval --recommender` accepts and how each is made.
import { AlsRecommender } from '../als/recommender'
import { AutoencoderRecommender } from '../autoencoder/recommender'
import { ClusterRecommender } from './baselines/clusters'
import { CoocRecommender } from './baselines/cooc'
import { EaseRecommender } from './baselines/ease'
import { PopularRecommender } from './baselines/popular'
import { RandomRecommender } from './baselines/random'
import { Rp3betaRecommender } from './baselines/rp3beta'
import { ServedAsRecommender } from './baselines/served'
import { ServedOnRecommender } from './baselines/served-on'
import { Song2VecRecommender } from './baselines/song2vec'
import { TagRecommender } from './baselines/tags'
import { RankerRecommender } from './ranker/recommender'
import type { Recommender } from './types'

const FACTORIES = {
  random: () => new RandomRecommender(),
  popular: () => new PopularRecommender(),
  tags: () => new TagRecommender(),
  cooc: () => new CoocRecommender(),
  rp3beta: () => new Rp3betaRecommender(true),
  'rp3beta-playlist': () => new Rp3betaRecommender(false),
  ease: () => new EaseRecommender(),
  clusters: () => new ClusterRecommender(),
  song2vec: () => new Song2VecRecommender(),
  served: () => new ServedAsRecommender(),
  ranker: () => new RankerRecommender(),
  als: () => new AlsRecommender(),
  autoencoder: () => new AutoencoderRecommender(),
  'served-als': () => new ServedOnRecommender('als'),
  'served-autoencoder': () => new ServedOnRecommender('autoencoder'),
} satisfies Record<string, () => Recommender>

/** Every recommender name, in report order. */
export const RECOMMENDER_NAMES = Object.keys(FACTORIES) as (keyof typeof FACTORIES)[]

export type RecommenderName = (typeof RECOMMENDER_NAMES)[number]

/**
 * What `segue eval` runs without `--recommender`: all but the served pipeline on the other model
 * kinds (about 100 s more; the app's Quality job and bench/model-kinds.ts run those) and the
 * learnt `ranker` (its fit trains every generator twice, about 4 min, and it does not beat
 * `served` yet: docs in bench/ranker-variants.ts).
 */
export const DEFAULT_RECOMMENDERS: RecommenderName[] = RECOMMENDER_NAMES.filter(
  (n) => n !== 'served-als' && n !== 'served-autoencoder' && n !== 'ranker',
)

/** A fresh recommender; throws an Error listing the valid names for an unknown one. */
export function createRecommender(name: string): Recommender {
  if (!Object.hasOwn(FACTORIES, name)) {
    throw new Error(
      `Unknown recommender "${name}": use one or more of ${RECOMMENDER_NAMES.join(', ')}`,
    )
  }
  return FACTORIES[name as RecommenderName]()
}
