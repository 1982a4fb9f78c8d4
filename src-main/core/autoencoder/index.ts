// Public face of the autoencoder area: build song columns, train, encode, export the encoder, and the recommender.
export { songColumns } from './columns'
export type { SongColumnMatrix } from './columns'
export { trainAutoencoder } from './train'
export { encodeDense, encodeSparse, reconstructSparse } from './network'
export { exportEncoderOnnx, ENCODER_IO } from './export-encoder'
export type { EncoderExportOptions, ExportableEncoder } from './export-encoder'
export { AutoencoderRecommender } from './recommender'
export type { AutoencoderRecommenderOptions } from './recommender'
export { DEFAULT_AUTOENCODER_PARAMS } from './types'
export type {
  AutoencoderModel,
  AutoencoderParams,
  AutoencoderProgress,
  AutoencoderRunOptions,
  SongColumns,
} from './types'
