// The tag model a training fitted (tags → a place in that model's space), kept in the model folder for placing the user's tracks later.
import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import type { TagModel } from '../content/tags/tag-model'
import { writeFileAtomic } from '../util/fs-atomic'

const TAG_MODEL_FILE = 'tag-model.json'

/** Float32Arrays travel as base64 inside the JSON. */
function encode(_key: string, value: unknown): unknown {
  if (value instanceof Float32Array)
    return { f32: Buffer.from(value.buffer, value.byteOffset, value.byteLength).toString('base64') }
  return value
}

function decode(_key: string, value: unknown): unknown {
  if (value && typeof value === 'object' && 'f32' in value && typeof value.f32 === 'string') {
    const bytes = Buffer.from(value.f32, 'base64')
    const out = new Float32Array(bytes.length / 4)
    new Uint8Array(out.buffer).set(bytes)
    return out
  }
  return value
}

export async function saveTagModel(modelDir: string, model: TagModel): Promise<void> {
  await writeFileAtomic(join(modelDir, TAG_MODEL_FILE), JSON.stringify(model, encode))
}

/** The saved tag model, or null when the model folder has none (models trained before tags were placed). */
export async function loadTagModel(modelDir: string): Promise<TagModel | null> {
  let text: string
  try {
    text = await readFile(join(modelDir, TAG_MODEL_FILE), 'utf8')
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return null
    throw e
  }
  const model = JSON.parse(text, decode) as TagModel
  if ((model.kind !== 'ridge' && model.kind !== 'mlp') || !Array.isArray(model.tagNames))
    throw new Error(`${join(modelDir, TAG_MODEL_FILE)} is not a tag model: retrain to refit it`)
  return model
}
