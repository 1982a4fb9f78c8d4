// The user's tracks as songs (name and genres), so songs only the user has can be found, described and placed.
import type { Db } from '../store/db'

/** One song per song key of the library (its first track's tags; genres split on ; , /). */
export async function librarySongs(
  db: Db,
): Promise<{ artist: string; title: string; tags: string[] }[]> {
  const rows = await db.all<{ artist: string | null; title: string | null; genre: string | null }>(
    `SELECT artist, title, genre FROM tracks
     WHERE song_key IS NOT NULL AND id IN (SELECT MIN(id) FROM tracks GROUP BY song_key)`,
  )
  return rows
    .filter((r) => r.artist && r.title)
    .map((r) => ({
      artist: r.artist!,
      title: r.title!,
      tags: (r.genre ?? '')
        .split(/[;,/]/)
        .map((g) => g.trim().toLowerCase())
        .filter(Boolean),
    }))
}
