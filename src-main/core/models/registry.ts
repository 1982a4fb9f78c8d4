// Versioned model folders under <data>/models and the pointer to the one in use; a new model becomes current only when complete.
import { randomBytes } from 'node:crypto'
import { mkdir, readFile, readdir, rm } from 'node:fs/promises'
import { join } from 'node:path'
import { ModelInfo } from '../../../src-shared/contract'
import { writeFileAtomic } from '../util/fs-atomic'
import { writeChecksums } from './checksums'

/** Files of a complete model folder, beside what the trainer writes (model.json, vocab.tsv, *.f32). */
export const ONNX_FILE = 'model.onnx'
const INFO_FILE = 'segue.json'
const CURRENT_FILE = 'current.json'

export interface ModelRecord {
  id: string
  dir: string
  info: ModelInfo
}

export class ModelRegistry {
  readonly root: string

  constructor(dataDir: string) {
    this.root = join(dataDir, 'models')
  }

  /** A fresh, sortable model id (creation time first). */
  newId(now = new Date()): string {
    return `${now
      .toISOString()
      .replace(/[-:.TZ]/g, '')
      .slice(0, 14)}-${randomBytes(3).toString('hex')}`
  }

  dirOf(id: string): string {
    if (!/^[0-9A-Za-z-]+$/.test(id)) throw new Error(`Invalid model id "${id}"`)
    return join(this.root, id)
  }

  /** Complete models (their info file written last), newest first. Incomplete folders are ignored. */
  async list(): Promise<ModelRecord[]> {
    let names: string[]
    try {
      names = await readdir(this.root)
    } catch {
      return []
    }
    const out: ModelRecord[] = []
    for (const id of names.sort().reverse()) {
      const rec = await this.read(id).catch(() => undefined)
      if (rec) out.push(rec)
    }
    return out
  }

  async read(id: string): Promise<ModelRecord> {
    const dir = this.dirOf(id)
    const info = ModelInfo.parse(JSON.parse(await readFile(join(dir, INFO_FILE), 'utf8')))
    return { id, dir, info }
  }

  /** Marks a model folder complete; call after every other file of it is written. */
  async complete(info: ModelInfo): Promise<ModelRecord> {
    const dir = this.dirOf(info.id)
    await writeChecksums(dir)
    await writeFileAtomic(join(dir, INFO_FILE), JSON.stringify(info, null, 1))
    return { id: info.id, dir, info }
  }

  /** The id in use, or null before the first model. */
  async currentId(): Promise<string | null> {
    try {
      const { id } = JSON.parse(await readFile(join(this.root, CURRENT_FILE), 'utf8')) as {
        id: string
      }
      return typeof id === 'string' ? id : null
    } catch {
      return null
    }
  }

  async setCurrent(id: string): Promise<void> {
    await mkdir(this.root, { recursive: true })
    await writeFileAtomic(join(this.root, CURRENT_FILE), JSON.stringify({ id }))
  }

  /**
   * Deletes complete models beyond the newest `keep` of each kind (never the current one, so
   * switching back to another kind finds its model) and leftovers of killed runs.
   */
  async prune(keep = 2): Promise<void> {
    const current = await this.currentId()
    const complete = await this.list()
    const perKind = new Map<string, number>()
    const keepIds = new Set<string>()
    for (const m of complete) {
      const n = perKind.get(m.info.kind) ?? 0
      if (n < keep) keepIds.add(m.id)
      perKind.set(m.info.kind, n + 1)
    }
    if (current) keepIds.add(current)
    let names: string[] = []
    try {
      names = await readdir(this.root)
    } catch {
      return
    }
    for (const name of names) {
      if (name === CURRENT_FILE || keepIds.has(name)) continue
      await rm(join(this.root, name), { recursive: true, force: true })
    }
  }
}
