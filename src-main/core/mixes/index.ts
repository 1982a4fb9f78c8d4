// The mixes area's public API: Made For You generation, persistence, export, diversity and quality measures.
export {
  buildMixes,
  continuePlaylist,
  journey,
  mixForCluster,
  openMixEnv,
  radio,
  regenerateMixes,
  userTastes,
  type BuildOptions,
  type MixContext,
  type RequestOptions,
} from './api'
export type { ClusterMixRequest } from './cluster-mix'
export { coocRerank, type CoocRerankOptions } from './cooc-rerank'
export type { PlaylistToContinue } from './continue'
export { distinctArtistsPerWindow, intraListSimilarity } from './diversity'
export { exportMix, mixEntries, mixFileName, type MixExportFormat, type TrackFile } from './export'
export {
  evaluateMixes,
  runMixQuality,
  type EvaluateMixesInput,
  type MethodQuality,
  type MixQualityOptions,
  type MixQualityReport,
} from './quality'
export { ResearchCatalog } from './research-catalog'
export { applyMixRules, RuleState, type MixRules, type RuleSong } from './rules'
export {
  deleteMix,
  getMix,
  listFeedback,
  listMixes,
  replaceGeneratedMixes,
  saveMix,
  setFeedback,
  setMixSaved,
  type Thumb,
} from './store'
export {
  tasteProfile,
  type TasteCentroid,
  type TasteOptions,
  type TasteProfile,
} from './taste-profile'
export {
  MIX_KINDS,
  type CatalogLike,
  type Mix,
  type MixEvidence,
  type MixKind,
  type MixTrack,
  type Scorer,
} from './types'
export { buildUserLibrary, emptyLibrary, loadUserLibrary, type UserLibrary } from './user-library'
export { VectorScorer, withVectors, type KeyedVectors } from './vector-scorer'
