// JSON files parsed once per version on disk: a `stat` per read, and a re-parse only when the file was replaced or changed.
import { readFile, stat } from 'node:fs/promises'

/** How many parsed files are kept (the clusters and map of the model in use and of one earlier model). */
const KEPT = 8

interface Entry {
  stamp: string
  value: unknown
}

/**
 * Reads and parses JSON files, keeping the last {@link KEPT} parsed values. A value is shared by
 * every reader of the same file version, so callers must not modify it. Files written with
 * `writeFileAtomic` get a new inode and mtime, so a rewrite is always seen.
 */
export class JsonFileCache {
  private readonly entries = new Map<string, Entry>()

  /** The parsed file, or null when it is missing or not valid JSON. */
  async read<T>(path: string): Promise<T | null> {
    let stamp: string
    try {
      const s = await stat(path)
      stamp = `${s.ino}:${s.size}:${s.mtimeMs}`
    } catch {
      this.entries.delete(path)
      return null
    }
    const hit = this.entries.get(path)
    if (hit?.stamp === stamp) {
      // Most recently used last.
      this.entries.delete(path)
      this.entries.set(path, hit)
      return hit.value as T
    }
    let value: unknown
    try {
      value = JSON.parse(await readFile(path, 'utf8'))
    } catch {
      this.entries.delete(path)
      return null
    }
    this.entries.set(path, { stamp, value })
    while (this.entries.size > KEPT) this.entries.delete(this.entries.keys().next().value!)
    return value as T
  }
}
