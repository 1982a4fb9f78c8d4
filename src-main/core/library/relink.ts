// Keeps playlist items pointing at the right library tracks after a scan: unlinks removed tracks, links newly found ones.
import type { Db } from '../store/db'
import { LibraryIndex } from './library-index'
import { forIdSlices } from './sql-batch'

/** Detaches playlist items from tracks about to be deleted (inside the caller's transaction). */
export async function unlinkTracks(db: Db, trackIds: readonly number[]): Promise<void> {
  await forIdSlices(
    db,
    `UPDATE playlist_items SET track_id = NULL,
       match = CASE WHEN catalog_id IS NOT NULL THEN 'catalog' ELSE 'none' END,
       match_reason = 'library: file removed' || CASE WHEN catalog_reason <> '' THEN '; ' || catalog_reason ELSE '' END
     WHERE track_id IN (#)`,
    trackIds,
  )
}

/**
 * Links playlist items that have no library track to tracks that now match (new or moved files).
 * Returns how many items were linked.
 */
export async function relinkPlaylistItems(db: Db, index?: LibraryIndex): Promise<number> {
  const rows = await db.all<{
    playlist_id: number
    position: number
    artist: string | null
    title: string | null
    duration: number | null
    location: string | null
  }>(
    'SELECT playlist_id, position, artist, title, duration, location FROM playlist_items WHERE track_id IS NULL',
  )
  if (rows.length === 0) return 0
  const lib = index ?? (await LibraryIndex.load(db))
  const links: { playlist_id: number; position: number; trackId: number; reason: string }[] = []
  for (const r of rows) {
    const hit = lib.find(
      {
        location: r.location ?? undefined,
        artist: r.artist ?? undefined,
        title: r.title ?? undefined,
        duration: r.duration ?? undefined,
      },
      '/',
    )
    if (hit.trackId !== undefined) links.push({ ...r, trackId: hit.trackId, reason: hit.reason })
  }
  if (links.length === 0) return 0
  await db.transaction(async (tx) => {
    for (const l of links) {
      await tx.run(
        `UPDATE playlist_items SET track_id = ?, match = 'library',
           match_reason = 'library: ' || ? || CASE WHEN catalog_reason <> '' THEN '; ' || catalog_reason ELSE '' END
         WHERE playlist_id = ? AND position = ? AND track_id IS NULL`,
        [l.trackId, l.reason, l.playlist_id, l.position],
      )
    }
  })
  return links.length
}
