// The audio model a content job trained, kept in the model folder beside its ONNX graph, with a small record the status reads.
import { readFile, rm } from 'node:fs/promises'
import { join } from 'node:path'
import type { AudioModel } from '../audio/audio-model'
import { writeFileAtomic } from '../../util/fs-atomic'
import { f32Replacer, f32Reviver } from '../../util/json-f32'

const WEIGHTS_FILE = 'audio-model.json'
/** The exported CNN (onnxruntime runs it to place tracks by their sound). */
export const AUDIO_ONNX_FILE = 'audio-model.onnx'
const RECORD_FILE = 'audio-model.meta.json'

/** What the status shows of an audio model, and what tells whether it can be reused. */
export interface AudioModelInfo {
  kind: 'cnn' | 'bof'
  /** Known (playlist-learnt) tracks it learnt from. */
  tracks: number
  /** ISO time it was trained. */
  trained: string
  /** Fingerprint of its examples and settings: the same fingerprint reuses the model. */
  fingerprint: string
  epochs: number
  bestEpoch: number
}

/** The record of the last content job in a model folder: its audio model, or why there is none. */
export interface AudioModelRecord {
  model: AudioModelInfo | null
  /** Why no audio model could be trained (null when there is one). */
  reason: string | null
}

/** Saves the weights, the ONNX graph (CNN) and, last, the record that names them. */
export async function saveAudioModel(
  modelDir: string,
  model: AudioModel,
  info: AudioModelInfo,
  onnx: Uint8Array | null,
): Promise<void> {
  await writeFileAtomic(join(modelDir, WEIGHTS_FILE), JSON.stringify(model, f32Replacer))
  if (onnx) await writeFileAtomic(join(modelDir, AUDIO_ONNX_FILE), onnx)
  else await rm(join(modelDir, AUDIO_ONNX_FILE), { force: true })
  await saveAudioRecord(modelDir, { model: info, reason: null })
}

/** Records that no audio model serves this folder, and why. */
export async function saveAudioRecord(modelDir: string, record: AudioModelRecord): Promise<void> {
  await writeFileAtomic(join(modelDir, RECORD_FILE), JSON.stringify(record))
}

/** The folder's record, or null before its first content job. */
export async function readAudioRecord(modelDir: string): Promise<AudioModelRecord | null> {
  let text: string
  try {
    text = await readFile(join(modelDir, RECORD_FILE), 'utf8')
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return null
    throw e
  }
  try {
    return JSON.parse(text) as AudioModelRecord
  } catch {
    throw new Error(
      `${join(modelDir, RECORD_FILE)} is damaged: run "Analyse my music" again to rebuild it`,
    )
  }
}

/** The saved model and its ONNX graph, or null when missing or unreadable (it is then trained again). */
export async function loadAudioModel(
  modelDir: string,
): Promise<{ model: AudioModel; onnx: Uint8Array | null } | null> {
  try {
    const model = JSON.parse(await readFile(join(modelDir, WEIGHTS_FILE), 'utf8'), f32Reviver)
    if (model?.kind !== 'cnn' && model?.kind !== 'bof') return null
    const onnx = model.kind === 'cnn' ? await readFile(join(modelDir, AUDIO_ONNX_FILE)) : null
    return { model: model as AudioModel, onnx }
  } catch {
    return null
  }
}
