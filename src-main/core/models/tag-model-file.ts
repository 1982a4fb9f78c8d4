// The tag model a training fitted (tags → a place in that model's space), kept in the model folder for placing the user's tracks later.
import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import type { TagModel } from '../content/tags/tag-model'
import { writeFileAtomic } from '../util/fs-atomic'
import { f32Replacer, f32Reviver } from '../util/json-f32'

const TAG_MODEL_FILE = 'tag-model.json'

export async function saveTagModel(modelDir: string, model: TagModel): Promise<void> {
  await writeFileAtomic(join(modelDir, TAG_MODEL_FILE), JSON.stringify(model, f32Replacer))
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
  const model = JSON.parse(text, f32Reviver) as TagModel
  if ((model.kind !== 'ridge' && model.kind !== 'mlp') || !Array.isArray(model.tagNames))
    throw new Error(`${join(modelDir, TAG_MODEL_FILE)} is not a tag model: retrain to refit it`)
  return model
}
