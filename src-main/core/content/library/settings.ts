// How the library content job listens and learns: analysis windows, audio-model thresholds (measured), sizes and epochs.
import type { CnnShape } from '../audio/cnn'
import type { WindowOptions } from '../audio/windows'

/** Settings of the library content job (tests shrink them; the app uses {@link CONTENT_DEFAULTS}). */
export interface ContentSettings {
  /** How each track is cut into log-mel windows (changing it makes every track be analysed again). */
  windows: Required<Pick<WindowOptions, 'count' | 'seconds' | 'mels'>>
  /** Analysis worker threads. */
  threads: number
  /** Fewest known (playlist-learnt) analysed tracks to learn any audio model from; fewer: no audio placement. */
  minAudioTracks: number
  /** Fewest known analysed tracks for the CNN; between `minAudioTracks` and this, the bag-of-features MLP. */
  cnnMinTracks: number
  /** Architecture of the CNN (mels and output size come from the windows and the model). */
  cnnShape: Omit<CnnShape, 'mels' | 'outSize'>
  /** Adam steps the CNN gets at least (its epochs are chosen to reach them), within `cnnEpochs`. */
  cnnSteps: number
  /** Fewest and most CNN epochs. */
  cnnEpochs: { min: number; max: number }
  /** Hidden units of the bag-of-features MLP. */
  bofHidden: number
  /** Adam steps the MLP gets at least, within `bofEpochs`. */
  bofSteps: number
  bofEpochs: { min: number; max: number }
  /** Minibatch of both audio models. */
  batch: number
  /** Seed of the audio models. */
  seed: number
}

/**
 * Thresholds measured with `npx tsx bench/analyze-library.ts --only thresholds` (generated music
 * families, 8 × 30 tracks of 8 s, 40 held out; these windows and models; family accuracy, chance
 * 0.125 / mean cosine to the true vector), CNN vs bag-of-features MLP by known tracks:
 * 4: 0.20/0.19 vs 0.13/−0.01 · 8: 0.33/0.33 vs 0.18/0.14 · 16: 0.48/0.46 vs 0.48/0.32 ·
 * 32: 0.73/0.67 vs 0.70/0.42 · 64: 0.85/0.76 vs 0.83/0.51 · 128: 0.98/0.88 vs 0.93/0.65.
 * Hence no audio placement below 8 known tracks (both near chance at 4). The CNN is the better
 * placer from 8 on these families, but below MIN_VALIDATION_TRACKS (20) a 10 % validation split is a single track
 * (so none is held out, see audio-training.ts) and nothing guards the larger network against
 * overfitting real music: the smaller MLP is used there (a judgement, not a measurement).
 * CNN training takes ~18 s at 32 known tracks, ~40 s at 200 (2 cores).
 */
export const CONTENT_DEFAULTS: ContentSettings = {
  windows: { count: 3, seconds: 3, mels: 64 },
  threads: 2,
  minAudioTracks: 8,
  cnnMinTracks: 20,
  cnnShape: {
    blocks: [
      { channels: 32, kernel: 4, pool: 4 },
      { channels: 32, kernel: 4, pool: 2 },
      { channels: 32, kernel: 4, pool: 1 },
    ],
    hidden: 64,
  },
  cnnSteps: 2400,
  cnnEpochs: { min: 20, max: 100 },
  bofHidden: 64,
  bofSteps: 1500,
  bofEpochs: { min: 100, max: 1500 },
  batch: 8,
  seed: 1,
}

/** Fewest known tracks for a 10 % validation split (it picks the epoch); fewer train on all. */
export const MIN_VALIDATION_TRACKS = 20

/** Epochs that give at least `steps` minibatches of `batch` over `examples`, within `range`. */
export function epochsFor(
  examples: number,
  batch: number,
  steps: number,
  range: { min: number; max: number },
): number {
  const perEpoch = Math.max(1, Math.ceil(examples / batch))
  return Math.max(range.min, Math.min(range.max, Math.ceil(steps / perEpoch)))
}
