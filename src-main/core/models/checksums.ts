// A SHA-256 per model file, written when a model is completed and verified before it is served:
// bytes changed on disk (a bad sector, a stray write) make the model unusable, never silently wrong.
import { createHash } from 'node:crypto'
import { createReadStream } from 'node:fs'
import { readdir, readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { writeFileAtomic } from '../util/fs-atomic'

export const CHECKSUM_FILE = 'checksums.json'

async function sha256(file: string): Promise<string> {
  const hash = createHash('sha256')
  for await (const chunk of createReadStream(file)) hash.update(chunk as Buffer)
  return hash.digest('hex')
}

/**
 * Files the trainer wrote and nothing rewrites: the ONNX graph, its description, the vocabulary and
 * the vectors. Caches written later (placed songs, tag model, clusters, map) are not covered.
 */
export function isTrainedFile(name: string): boolean {
  return (
    /^(model\.onnx|model\.json|vocab\.tsv)$/.test(name) ||
    (name.endsWith('.f32') && !name.startsWith('placed-'))
  )
}

/** Records the checksum of every trained file now in `dir` (see {@link isTrainedFile}). */
export async function writeChecksums(dir: string): Promise<void> {
  const files: Record<string, string> = {}
  for (const e of await readdir(dir, { withFileTypes: true })) {
    if (!e.isFile() || !isTrainedFile(e.name)) continue
    files[e.name] = await sha256(join(dir, e.name))
  }
  await writeFileAtomic(join(dir, CHECKSUM_FILE), JSON.stringify({ sha256: files }, null, 1))
}

/**
 * Throws naming the first file whose bytes no longer match its recorded checksum (or that is
 * gone). A model folder written before checksums existed has no manifest and passes.
 */
export async function verifyChecksums(dir: string): Promise<void> {
  let manifest: { sha256?: Record<string, string> }
  try {
    manifest = JSON.parse(await readFile(join(dir, CHECKSUM_FILE), 'utf8')) as typeof manifest
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return
    throw new Error(`${CHECKSUM_FILE} of ${dir} is unreadable: ${(e as Error).message}`)
  }
  for (const [name, expected] of Object.entries(manifest.sha256 ?? {})) {
    const actual = await sha256(join(dir, name)).catch((e: Error) => `missing (${e.message})`)
    if (actual !== expected)
      throw new Error(`${name} does not match its checksum (changed on disk since it was trained)`)
  }
}

/**
 * Records the new checksum of one trained file the app itself rewrote on purpose (the ONNX graph,
 * re-exported over the placed rows after each placement). Folders without a manifest stay without.
 */
export async function recordChecksum(dir: string, name: string): Promise<void> {
  const path = join(dir, CHECKSUM_FILE)
  let manifest: { sha256?: Record<string, string> }
  try {
    manifest = JSON.parse(await readFile(path, 'utf8')) as typeof manifest
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return
    throw e
  }
  manifest.sha256 = { ...manifest.sha256, [name]: await sha256(join(dir, name)) }
  await writeFileAtomic(path, JSON.stringify(manifest, null, 1))
}
