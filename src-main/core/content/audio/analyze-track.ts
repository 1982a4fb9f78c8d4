// Analyses one audio file: read, decode, cut into log-mel windows, summarise, and place it with an audio model if given.
import { readFile } from 'node:fs/promises'
import { audioPredictor, type AudioModel } from './audio-model'
import { bagOfFeatures } from './bag-of-features'
import { decodeAudio } from './decode'
import { WindowAnalyzer, type WindowOptions } from './windows'

/** What the analysis of one track yields. */
export interface TrackAnalysis {
  /** The caller's id of the track. */
  id: string
  /** Seconds of audio decoded. */
  seconds: number
  /** Log-mel windows (`[mels][frames]` each), kept when asked (training needs them). */
  windows?: Float32Array[]
  /** Per-band mean and standard deviation over the windows (2 × mels). */
  features: Float32Array
  /** Unit vector placed by the audio model, when one was given. */
  vector?: Float32Array
}

/** Options shared by every track of an analysis run. */
export interface AnalyzeOptions {
  /** How windows are cut (count, length, bands, FFT, hop). */
  windows?: WindowOptions
  /** Audio model that places each track; none = windows and features only. */
  model?: AudioModel
  /** Keep the mel windows in the result (default false). */
  keepWindows?: boolean
}

/** A reusable analyser: analyser tables and the model's network are built once. */
export function trackAnalyzer(
  opts: AnalyzeOptions = {},
): (id: string, path: string, signal?: AbortSignal) => Promise<TrackAnalysis> {
  const analyzer = new WindowAnalyzer(opts.windows)
  const predict = opts.model ? audioPredictor(opts.model) : undefined
  if (opts.model && opts.model.kind === 'cnn' && opts.model.shape.mels !== analyzer.mels) {
    throw new Error(
      `The audio model expects ${opts.model.shape.mels} mel bands but the analysis makes ${analyzer.mels}`,
    )
  }
  return async (id, path, signal) => {
    let bytes: Buffer
    try {
      bytes = await readFile(path)
    } catch (e) {
      throw new Error(`Cannot read ${path}: ${(e as Error).message}`)
    }
    // ffmpeg (for formats only it decodes) outputs mono at the analysis rate directly.
    const pcm = await decodeAudio(bytes, path, {
      path,
      sampleRate: analyzer.sampleRate,
      channels: 1,
      signal,
    })
    const mel = analyzer.analyze(pcm)
    const out: TrackAnalysis = {
      id,
      seconds: pcm.channels[0].length / pcm.sampleRate,
      features: bagOfFeatures(mel.windows, mel.mels),
    }
    if (opts.keepWindows) out.windows = mel.windows
    if (predict) out.vector = predict(mel.windows)
    return out
  }
}
