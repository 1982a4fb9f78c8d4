// Chooses, trains (in a worker) or reuses the audio model that learns a library's sound → the model's space, and exports the CNN to ONNX.
import { createHash } from 'node:crypto'
import type { AudioExample, AudioModel } from '../audio/audio-model'
import { exportCnnOnnx } from '../audio/cnn-onnx'
import { trainAudioModel } from '../audio/train-audio'
import type { EpochReport } from '../nn/fit'
import {
  loadAudioModel,
  readAudioRecord,
  saveAudioModel,
  saveAudioRecord,
  type AudioModelInfo,
} from './audio-model-file'
import { epochsFor, MIN_VALIDATION_TRACKS, type ContentSettings } from './settings'
import { decodeWindows } from './window-codec'

/** A known (playlist-learnt) track: its cached windows and its unit vector in the model. */
export interface KnownTrack {
  key: string
  windows: Uint8Array
  vector: Float32Array
}

/** Which audio model `known` tracks allow, or why none. */
export function chooseAudioModel(
  known: number,
  settings: Pick<ContentSettings, 'minAudioTracks' | 'cnnMinTracks'>,
): { kind: 'cnn' | 'bof'; reason?: undefined } | { kind: null; reason: string } {
  if (known >= settings.cnnMinTracks) return { kind: 'cnn' }
  if (known >= settings.minAudioTracks) return { kind: 'bof' }
  return {
    kind: null,
    reason: `Only ${known} of your analysed tracks are in the model's playlists; at least ${settings.minAudioTracks} are needed to learn how your music sounds`,
  }
}

/** A trained (or reused) audio model, ready to place tracks. */
export interface ReadyAudioModel {
  model: AudioModel
  /** The CNN's exported graph (null for the MLP). */
  onnx: Uint8Array | null
  info: AudioModelInfo
  reused: boolean
}

/**
 * The audio model of `modelDir` for these examples: the saved one when its fingerprint (examples,
 * their windows and vectors, the settings) matches, else a new one trained in a worker thread and
 * saved (weights, ONNX graph, record) into the folder.
 */
export async function audioModelFor(
  modelDir: string,
  kind: 'cnn' | 'bof',
  known: readonly KnownTrack[],
  settings: ContentSettings,
  opts: { signal?: AbortSignal; onEpoch?: (e: EpochReport) => void } = {},
): Promise<ReadyAudioModel> {
  const fingerprint = fingerprintOf(kind, known, settings)
  const record = await readAudioRecord(modelDir).catch(() => null)
  if (record?.model?.fingerprint === fingerprint) {
    const saved = await loadAudioModel(modelDir)
    if (saved && saved.model.kind === kind) return { ...saved, info: record.model, reused: true }
  }
  const examples: AudioExample[] = known.map((k) => ({
    windows: decodeWindows(k.windows),
    vector: k.vector,
  }))
  const n = examples.length
  const validationFraction = n >= MIN_VALIDATION_TRACKS ? 0.1 : 0
  const trainWindows = Math.round(n * (1 - validationFraction)) * settings.windows.count
  const epochs =
    kind === 'cnn'
      ? epochsFor(trainWindows, settings.batch, settings.cnnSteps, settings.cnnEpochs)
      : epochsFor(
          Math.round(n * (1 - validationFraction)),
          settings.batch,
          settings.bofSteps,
          settings.bofEpochs,
        )
  const { model, report } = await trainAudioModel(examples, {
    kind,
    mels: settings.windows.mels,
    ...(kind === 'cnn' ? { shape: settings.cnnShape } : { hidden: settings.bofHidden }),
    epochs,
    batch: settings.batch,
    lr: 1e-3,
    validationFraction,
    seed: settings.seed,
    signal: opts.signal,
    onProgress: opts.onEpoch,
  })
  opts.signal?.throwIfAborted()
  const onnx = model.kind === 'cnn' ? exportCnnOnnx(model) : null
  const info: AudioModelInfo = {
    kind,
    tracks: n,
    trained: new Date().toISOString(),
    fingerprint,
    epochs,
    bestEpoch: report.bestEpoch,
  }
  await saveAudioModel(modelDir, model, info, onnx)
  return { model, onnx, info, reused: false }
}

/** Records that the folder has no audio model now, and why. */
export function noAudioModel(modelDir: string, reason: string): Promise<void> {
  return saveAudioRecord(modelDir, { model: null, reason })
}

function fingerprintOf(
  kind: string,
  known: readonly KnownTrack[],
  settings: ContentSettings,
): string {
  const h = createHash('sha1')
  const { windows, cnnShape, cnnSteps, cnnEpochs, bofHidden, bofSteps, bofEpochs, batch, seed } =
    settings
  h.update(
    JSON.stringify({
      kind,
      windows,
      cnnShape,
      cnnSteps,
      cnnEpochs,
      bofHidden,
      bofSteps,
      bofEpochs,
      batch,
      seed,
    }),
  )
  for (const k of [...known].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0))) {
    h.update(k.key)
    h.update(k.windows)
    h.update(new Uint8Array(k.vector.buffer, k.vector.byteOffset, k.vector.byteLength))
  }
  return h.digest('hex')
}
