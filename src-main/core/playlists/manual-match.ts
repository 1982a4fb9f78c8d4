// Remembers the user's own fix for an entry Segue matched wrongly (or not at all), and applies it now and on every re-import.
import { isUsableKey, keyOrNull, type CatalogIndex } from '../catalog/match'
import type { Db } from '../store/db'
import { entrySignature, type SignedEntry } from './signature'

/**
 * Links every entry with `entry`'s signature to a library track (`target` a track id) or to a song
 * key (`target` a string such as "artist — title"), remembers it for future imports, and updates the
 * items already imported. `catalog` decides whether a chosen key counts as a catalogue match (when
 * absent, a chosen key is taken to be a catalogue song). Returns how many items changed.
 */
export async function setManualMatch(
  db: Db,
  entry: SignedEntry,
  target: string | number,
  catalog?: CatalogIndex,
): Promise<number> {
  const signature = entrySignature(entry)
  if (signature === undefined) {
    throw new Error('This entry has no location, artist or title to remember a match by')
  }
  const now = new Date().toISOString()
  if (typeof target === 'number') {
    const track = await db.get<{
      id: number
      artist: string | null
      title: string | null
      song_key: string | null
    }>('SELECT id, artist, title, song_key FROM tracks WHERE id = ?', [target])
    if (!track)
      throw new Error(`No library track with id ${target} — pick a track from the library`)
    const cat = catalog?.match(track.artist ?? undefined, track.title ?? undefined)
    const key = cat?.key ?? track.song_key ?? keyOrNull(track.artist, track.title)
    return db.transaction(async (tx) => {
      await tx.run(
        `INSERT INTO manual_matches (signature, song_key, track_id, created) VALUES (?, NULL, ?, ?)
         ON CONFLICT (signature) DO UPDATE SET song_key = NULL, track_id = excluded.track_id, created = excluded.created`,
        [signature, track.id, now],
      )
      const r = await tx.run(
        `UPDATE playlist_items SET track_id = ?, match = 'library',
           song_key = coalesce(?, song_key),
           catalog_id = CASE WHEN ? IS NOT NULL THEN ? ELSE catalog_id END,
           match_reason = 'library: chosen by you; ' || catalog_reason
         WHERE signature = ?`,
        [track.id, key, cat?.id ?? null, cat?.id ?? null, signature],
      )
      return r.changes
    })
  }
  const key = target.trim()
  if (!isUsableKey(key))
    throw new Error(
      `"${target}" is not a song key — expected "artist — title" as songKey() makes it`,
    )
  const catalogId = catalog ? (catalog.idOf(key) ?? null) : null
  const inCatalog = catalog ? catalogId !== null : true
  const catalogReason = inCatalog
    ? 'catalogue: chosen by you'
    : 'catalogue: your chosen song is not in the catalogue'
  return db.transaction(async (tx) => {
    await tx.run(
      `INSERT INTO manual_matches (signature, song_key, track_id, created) VALUES (?, ?, NULL, ?)
       ON CONFLICT (signature) DO UPDATE SET song_key = excluded.song_key, track_id = NULL, created = excluded.created`,
      [signature, key, now],
    )
    const r = await tx.run(
      `UPDATE playlist_items SET song_key = ?, catalog_id = ?, catalog_reason = ?,
         match = CASE WHEN track_id IS NOT NULL THEN 'library' WHEN ? THEN 'catalog' ELSE 'none' END,
         match_reason = substr(match_reason, 1, instr(match_reason || ';', ';') - 1) || '; ' || ?
       WHERE signature = ?`,
      [key, catalogId, catalogReason, inCatalog ? 1 : 0, catalogReason, signature],
    )
    return r.changes
  })
}

/** Forgets the fix for `entry` (items keep their current links until the next import). */
export async function clearManualMatch(db: Db, entry: SignedEntry): Promise<boolean> {
  const signature = entrySignature(entry)
  if (signature === undefined) return false
  const r = await db.transaction((tx) =>
    tx.run('DELETE FROM manual_matches WHERE signature = ?', [signature]),
  )
  return r.changes > 0
}
