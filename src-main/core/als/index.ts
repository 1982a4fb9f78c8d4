// Public face of the ALS area: train WMF on playlists, fold in new playlists, and the `als` recommender.
export { trainAls } from './train'
export { AlsFoldIn } from './fold-in'
export { AlsRecommender } from './recommender'
export type { AlsRecommenderOptions, AlsScoring } from './recommender'
export { DEFAULT_ALS_PARAMS } from './types'
export type { AlsMatrix, AlsModel, AlsParams, AlsProgress, AlsRunOptions } from './types'
