// The cluster area's public API: k-means, elbow choice of k, labels, the 2-D map and its quality.
export { clusterVectors, type ClusterOptions, type Clustering } from './cluster-vectors'
export {
  DEFAULT_RANGE,
  scanElbow,
  type ElbowOptions,
  type ElbowPoint,
  type ElbowResult,
  type KRange,
} from './elbow'
export { elbowIndex, kGrid } from './elbow-rule'
export { sphericalKMeans, type KMeansOptions, type KMeansResult } from './kmeans'
export { clusterCohesion } from './cohesion'
export {
  labelClusters,
  type ClusterLabel,
  type ClusterSpace,
  type LabelOptions,
  type SongFacts,
} from './labels'
export { computeMap } from './map'
export { computeMapSync, type MapOptions, type MapStage } from './map-layout'
export { trustworthiness, type TrustOptions } from './trustworthiness'
