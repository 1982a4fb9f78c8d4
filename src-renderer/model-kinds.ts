// The model kinds in words (name, one-line explanation, how to describe a trained one), shared by Settings and Training.
import type { ModelInfo, ModelKind } from '../src-shared/contract'

/** How the UI speaks about one model kind. */
export interface ModelKindText {
  /** Its name, e.g. "ALS". */
  label: string
  /** "a" or "an", for sentences such as "Training an ALS model". */
  article: 'a' | 'an'
  /** One line on how it learns. */
  explain: string
}

/** The kinds in the order the Settings view offers them (the default first). */
export const MODEL_KIND_ORDER: readonly ModelKind[] = ['song2vec', 'als', 'autoencoder']

export const MODEL_KINDS: Record<ModelKind, ModelKindText> = {
  song2vec: {
    label: 'Song2Vec',
    article: 'a',
    explain: 'Word2vec over playlists: songs played near each other end up close together.',
  },
  als: {
    label: 'ALS',
    article: 'an',
    explain: 'Weighted matrix factorisation (alternating least squares) of playlists × songs.',
  },
  autoencoder: {
    label: 'Autoencoder',
    article: 'an',
    explain:
      "Deep SELU autoencoder over each song's playlists and tags; the bottleneck is the song's vector.",
  },
}

/** A trained model in one line, e.g. "Song2Vec (CBOW), 256 dimensions, 100 epochs". */
export function describeModel(model: Pick<ModelInfo, 'kind' | 'algo' | 'dim' | 'epochs'>): string {
  switch (model.kind) {
    case 'als':
      return `ALS, ${model.dim} factors, ${model.epochs} sweeps`
    case 'autoencoder':
      return `Autoencoder, ${model.dim}-d bottleneck, ${model.epochs} epochs`
    default:
      return `Song2Vec (${model.algo.toUpperCase()}), ${model.dim} dimensions, ${model.epochs} epochs`
  }
}
