// Builds the autoencoder's input: one row per song, one column per training playlist, then one per tag.
import type { SongColumns } from './types'

/** {@link SongColumns} plus what its columns are. */
export interface SongColumnMatrix extends SongColumns {
  rows: number[][]
  /** Columns `0..nPlaylists-1` are the playlists, in the order given. */
  nPlaylists: number
  /** Column `nPlaylists + t` is tag `tagNames[t]` (sorted by name). */
  tagNames: string[]
}

/**
 * Song s has a 1 in column p when it occurs in playlist p, and in the column of each of its tags.
 * Songs are `0..nSongs-1`; `songTags[s]` (optional) lists song s's tag names.
 */
export function songColumns(
  playlists: readonly (readonly number[])[],
  nSongs: number,
  songTags?: readonly (readonly string[])[],
): SongColumnMatrix {
  if (!Number.isInteger(nSongs) || nSongs < 1)
    throw new Error(`nSongs must be a positive whole number, got ${nSongs}`)
  if (songTags && songTags.length !== nSongs) {
    throw new Error(`songTags has ${songTags.length} entries, expected one per song (${nSongs})`)
  }
  const rows: number[][] = Array.from({ length: nSongs }, () => [])
  playlists.forEach((p, col) => {
    for (const s of new Set(p)) {
      if (!Number.isInteger(s) || s < 0 || s >= nSongs) {
        throw new Error(`Playlist ${col} has song ${s}, outside 0..${nSongs - 1}`)
      }
      rows[s].push(col)
    }
  })
  const tagNames = [...new Set((songTags ?? []).flat())].sort()
  const tagCol = new Map(tagNames.map((t, i) => [t, playlists.length + i]))
  songTags?.forEach((tags, s) => {
    for (const t of new Set(tags)) rows[s].push(tagCol.get(t)!)
  })
  return { rows, nCols: playlists.length + tagNames.length, nPlaylists: playlists.length, tagNames }
}
