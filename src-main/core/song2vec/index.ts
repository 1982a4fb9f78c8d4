// Song2Vec's public surface: vocabulary, training, model files, word2vec interchange, benchmark.
export { benchTrain, type BenchTrainOptions, type BenchTrainResult } from './bench'
export { loadModel, loadVocab, readManifest, saveModel, type ModelManifest } from './model-files'
export { defaultParams, resolveParams } from './params'
export { liveTrainingWorkers, prepareTraining, train, type TrainOptions } from './trainer'
export type { PlaylistCorpus, Song2VecModel, Song2VecParams, TrainProgress } from './types'
export { buildVocab, extendVocab, type Vocab } from './vocab'
export { readWord2Vec, writeWord2Vec, type Word2VecVectors } from './word2vec-format'
