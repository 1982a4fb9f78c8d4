// The content area's public surface: place songs in the Song2Vec space from tags and audio, and measure it.
export { combinePlacements, type PlacedBy, type PlacedSongs } from './placed'
export {
  fitTagModel,
  tagPredictor,
  type TagExample,
  type TagFitOptions,
  type TagFitReport,
  type TagModel,
  type TagModelKind,
} from './tags/tag-model'
export {
  catalogueTags,
  placeByTags,
  placeCatalogueByTags,
  tagExamples,
  type PlaceCatalogueOptions,
  type TaggedSong,
} from './tags/place-by-tags'
export { decodeAudio, sniffFormat, type AudioFormat } from './audio/decode'
export { decodeWav } from './audio/wav'
export type { Pcm } from './audio/pcm'
export { Resampler } from './audio/resample'
export { MelSpectrogram } from './audio/mel'
export { WindowAnalyzer, type MelWindows, type WindowOptions } from './audio/windows'
export { AudioCnn, defaultCnnShape, predictTrack, type CnnModel, type CnnShape } from './audio/cnn'
export { exportCnnOnnx, CNN_IO } from './audio/cnn-onnx'
export {
  fitAudioModel,
  audioPredictor,
  type AudioExample,
  type AudioFitOptions,
  type AudioFitReport,
  type AudioModel,
  type BofModel,
} from './audio/audio-model'
export { trainAudioModel, type TrainAudioOptions } from './audio/train-audio'
export { trackAnalyzer, type AnalyzeOptions, type TrackAnalysis } from './audio/analyze-track'
export {
  analyzeLibrary,
  type AnalyzeLibraryOptions,
  type AnalyzeProgress,
  type AnalyzeSummary,
  type LibraryTrack,
} from './audio/analyze-library'
export {
  runColdStart,
  type ColdStartOptions,
  type ColdStartReport,
  type ContentSource,
} from './cold-start/run-cold-start'
