// Reads a Yes.com-format directory (train.txt, song_hash.txt, tags.txt, tag_hash.txt) — the bundled research data.
import { readFile } from 'node:fs/promises'
import { join } from 'node:path'

export interface YesSong {
  /** Row in song_hash.txt (the dataset's own song id). */
  id: number
  title: string
  artist: string
  /** Last.fm tag names (empty when the song has none, written `#`). */
  tags: string[]
  /** False when title or artist is `-` (the dataset's unknown songs). */
  known: boolean
}

export interface YesDataset {
  dir: string
  songs: YesSong[]
  /** Playlists as song ids, in file order: train.txt, then test.txt when present. */
  playlists: number[][]
  tagNames: string[]
}

/**
 * Loads a Yes-format directory; throws a clear error naming the file that is missing or malformed.
 * `playlists: false` reads only songs and tags (yes_complete has no train.txt).
 */
export async function loadYesDataset(
  dir: string,
  opts: { playlists?: boolean } = {},
): Promise<YesDataset> {
  const songHash = await readRequired(dir, 'song_hash.txt')
  const songs: YesSong[] = []
  for (const [n, line] of lines(songHash).entries()) {
    if (line === '') continue
    const parts = line.split('\t')
    const id = Number(parts[0])
    if (parts.length < 3 || !Number.isInteger(id) || id !== songs.length) {
      throw new Error(
        `${join(dir, 'song_hash.txt')} line ${n + 1}: expected "id<TAB>title<TAB>artist" with ids 0,1,2,… in order`,
      )
    }
    const title = unescapeSlashes(parts[1].trim())
    const artist = unescapeSlashes(parts[2].trim())
    songs.push({ id, title, artist, tags: [], known: parts[1] !== '-' && parts[2] !== '-' })
  }

  const tagNames: string[] = []
  const tagHash = await readOptional(dir, 'tag_hash.txt')
  for (const line of lines(tagHash ?? '')) {
    const comma = line.indexOf(',')
    if (comma < 0) continue
    tagNames[Number(line.slice(0, comma))] = line.slice(comma + 1).trim()
  }
  const tags = await readOptional(dir, 'tags.txt')
  if (tags !== undefined) {
    lines(tags).forEach((line, i) => {
      if (i >= songs.length || line.trim() === '#' || line.trim() === '') return
      songs[i].tags = line
        .trim()
        .split(/\s+/)
        .map((t) => tagNames[Number(t)])
        .filter((t): t is string => t !== undefined)
    })
  }

  if (opts.playlists === false) return { dir, songs, playlists: [], tagNames }
  const playlists = parsePlaylists(
    await readRequired(dir, 'train.txt'),
    songs.length,
    join(dir, 'train.txt'),
  )
  const test = await readOptional(dir, 'test.txt')
  if (test !== undefined)
    playlists.push(...parsePlaylists(test, songs.length, join(dir, 'test.txt')))
  return { dir, songs, playlists, tagNames }
}

/** The seed's cleaning: drop unknown songs, then playlists left with fewer than 2 songs. */
export function cleanPlaylists(ds: YesDataset): number[][] {
  const out: number[][] = []
  for (const p of ds.playlists) {
    const kept = p.filter((id) => ds.songs[id].known)
    if (kept.length > 1) out.push(kept)
  }
  return out
}

function parsePlaylists(text: string, songCount: number, file: string): number[][] {
  const rows = lines(text)
  const out: number[][] = []
  // Lines 1 and 2 are Yes.com ids and appearance counts, not playlists.
  for (let i = 2; i < rows.length; i++) {
    const row = rows[i].trim()
    if (row === '') continue
    const ids = row.split(/\s+/).map(Number)
    for (const id of ids) {
      if (!Number.isInteger(id) || id < 0 || id >= songCount) {
        throw new Error(
          `${file} line ${i + 1}: song id "${id}" is not in song_hash.txt (0..${songCount - 1})`,
        )
      }
    }
    out.push(ids)
  }
  return out
}

function lines(text: string): string[] {
  return text.split(/\r?\n/)
}

function unescapeSlashes(s: string): string {
  return s.replace(/\\\//g, '/')
}

async function readRequired(dir: string, name: string): Promise<string> {
  const text = await readOptional(dir, name)
  if (text === undefined)
    throw new Error(`Not a Yes-format directory: ${join(dir, name)} is missing`)
  return text
}

async function readOptional(dir: string, name: string): Promise<string | undefined> {
  try {
    return await readFile(join(dir, name), 'utf8')
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return undefined
    throw new Error(`Cannot read ${join(dir, name)}: ${(e as Error).message}`)
  }
}
