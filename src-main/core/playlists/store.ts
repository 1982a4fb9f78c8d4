// Reading imported playlists back: list, one playlist with its items, export as a file, and the user's training corpus.
import type { Db } from '../store/db'
import type { PlaylistEntry } from './types'
import { writeM3u8, writeXspf } from './writers'

/** A playlist with its match counts. */
export interface PlaylistSummary {
  id: number
  name: string
  /** The file it came from (`file#id` for one playlist of a multi-playlist file). */
  source_path: string
  format: string
  imported: string
  updated: string
  entries: number
  matched_library: number
  matched_catalog: number
  unmatched: number
}

/** One item of a playlist, with the library file it is linked to. */
export interface PlaylistItem {
  position: number
  track_id: number | null
  artist: string | null
  title: string | null
  album: string | null
  duration: number | null
  location: string | null
  song_key: string | null
  catalog_id: number | null
  match: 'library' | 'catalog' | 'none'
  match_reason: string
  /** Identity under which a manual match fix is remembered (pass the item to `setManualMatch`). */
  signature: string | null
  /** The linked library file's path. */
  path: string | null
}

/** A playlist and its items in order. */
export interface PlaylistDetail extends PlaylistSummary {
  items: PlaylistItem[]
}

const SUMMARY_SQL = `
  SELECT p.id, p.name, p.source_path, p.format, p.imported, p.updated,
         count(i.position) AS entries,
         coalesce(sum(i.track_id IS NOT NULL), 0) AS matched_library,
         coalesce(sum(i.catalog_id IS NOT NULL), 0) AS matched_catalog,
         coalesce(sum(i.track_id IS NULL AND i.catalog_id IS NULL), 0) AS unmatched
  FROM playlists p LEFT JOIN playlist_items i ON i.playlist_id = p.id`

/** All imported playlists, by name. */
export async function listPlaylists(db: Db): Promise<PlaylistSummary[]> {
  return db.all<PlaylistSummary>(
    `${SUMMARY_SQL} GROUP BY p.id ORDER BY p.name COLLATE NOCASE, p.id`,
  )
}

/** One playlist with its items, or undefined when there is no such id. */
export async function getPlaylist(db: Db, id: number): Promise<PlaylistDetail | undefined> {
  const summary = await db.get<PlaylistSummary>(`${SUMMARY_SQL} WHERE p.id = ? GROUP BY p.id`, [id])
  if (!summary) return undefined
  const items = await db.all<PlaylistItem>(
    `SELECT i.position, i.track_id, i.artist, i.title, i.album, i.duration, i.location, i.song_key, i.catalog_id,
            i.match, i.match_reason, i.signature, t.path AS path
     FROM playlist_items i LEFT JOIN tracks t ON t.id = i.track_id
     WHERE i.playlist_id = ? ORDER BY i.position`,
    [id],
  )
  return { ...summary, items }
}

/** The playlist as an M3U8 or XSPF document (library paths where linked, else the original locations). */
export async function exportPlaylist(db: Db, id: number, format: 'm3u8' | 'xspf'): Promise<string> {
  const p = await getPlaylist(db, id)
  if (!p) throw new Error(`No playlist with id ${id} — list them with listPlaylists`)
  const entries: PlaylistEntry[] = p.items.map((it) => {
    const e: PlaylistEntry = {}
    const location = it.path ?? it.location
    if (location) e.location = location
    if (it.artist) e.artist = it.artist
    if (it.title) e.title = it.title
    if (it.album) e.album = it.album
    if (it.duration !== null) e.duration = it.duration
    return e
  })
  if (format === 'm3u8') return writeM3u8(entries, { name: p.name })
  if (format === 'xspf') return writeXspf(p.name, entries)
  throw new Error(`Unknown export format "${String(format)}" — use m3u8 or xspf`)
}

/** The user's playlists as song-key sequences (items without a key left out; empty playlists omitted). */
export async function userCorpus(db: Db): Promise<string[][]> {
  const rows = await db.all<{ playlist_id: number; song_key: string }>(
    'SELECT playlist_id, song_key FROM playlist_items WHERE song_key IS NOT NULL ORDER BY playlist_id, position',
  )
  const out: string[][] = []
  let current = -1
  for (const r of rows) {
    if (r.playlist_id !== current) {
      out.push([])
      current = r.playlist_id
    }
    out[out.length - 1].push(r.song_key)
  }
  return out
}

/** Deletes an imported playlist (the file on disk is not touched). */
export async function deletePlaylist(db: Db, id: number): Promise<boolean> {
  const r = await db.transaction((tx) => tx.run('DELETE FROM playlists WHERE id = ?', [id]))
  return r.changes > 0
}
