// The user's tracks with the catalogue song each one is matched to and how; the user's own fix of a track's match, applied everywhere.
import { describeMatch, isUsableKey, type CatalogIndex } from '../catalog/match'
import { entrySignature } from '../playlists/signature'
import type { Db } from '../store/db'

/** How a track found its catalogue song. */
export type TrackMatchKind = 'exact' | 'file name' | 'fuzzy' | 'chosen' | 'none'

/** One row of the tracks table. */
export interface TrackMatch {
  id: number
  path: string
  artist: string
  title: string
  album: string
  /** Seconds, when known. */
  duration: number | null
  /** The catalogue song the track stands for (null when none was found). */
  key: string | null
  match: TrackMatchKind
  /** The rule in words, e.g. "same artist and title", "loose spelling (86 % sure)", "chosen by you". */
  reason: string
}

interface Row {
  id: number
  path: string
  artist: string | null
  title: string | null
  album: string | null
  duration: number | null
  song_key: string | null
  tags_from: string | null
}

/** Every library track with its catalogue match, by artist then title. */
export async function listTrackMatches(db: Db, catalog: CatalogIndex): Promise<TrackMatch[]> {
  const rows = await db.all<Row>(
    'SELECT id, path, artist, title, album, duration, song_key, tags_from FROM tracks',
  )
  const chosen = await chosenKeys(db)
  return rows
    .map((r) => describeTrack(r, catalog, chosen))
    .sort(
      (a, b) => a.artist.localeCompare(b.artist) || a.title.localeCompare(b.title) || a.id - b.id,
    )
}

/** One track's row of the table (undefined when there is no such track). */
export async function trackMatch(
  db: Db,
  catalog: CatalogIndex,
  id: number,
): Promise<TrackMatch | undefined> {
  const r = await db.get<Row>(
    'SELECT id, path, artist, title, album, duration, song_key, tags_from FROM tracks WHERE id = ?',
    [id],
  )
  return r ? describeTrack(r, catalog, await chosenKeys(db)) : undefined
}

/**
 * Points track `id` at catalogue song `key`: the track's song key changes (so mixes, radio, "owned"
 * and Similar songs see it at once), every playlist entry that plays this file follows, and the
 * choice is remembered under the file's signature for future imports of playlists naming it.
 */
export async function fixTrackMatch(
  db: Db,
  catalog: CatalogIndex,
  id: number,
  key: string,
): Promise<TrackMatch> {
  const k = key.trim()
  if (!isUsableKey(k) || !catalog.has(k))
    throw new Error(`"${key}" is no catalogue song — pick one from the search`)
  const track = await db.get<{ path: string }>('SELECT path FROM tracks WHERE id = ?', [id])
  if (!track) throw new Error(`No track with id ${id} — it may have been removed by a rescan`)
  const signature = entrySignature({ location: track.path }) as string
  const now = new Date().toISOString()
  const catalogId = catalog.idOf(k) ?? null
  await db.transaction(async (tx) => {
    await tx.run(
      `INSERT INTO manual_matches (signature, song_key, track_id, created) VALUES (?, ?, ?, ?)
       ON CONFLICT (signature) DO UPDATE SET song_key = excluded.song_key, track_id = excluded.track_id, created = excluded.created`,
      [signature, k, id, now],
    )
    await tx.run('UPDATE tracks SET song_key = ?, updated = ? WHERE id = ?', [k, now, id])
    await tx.run(
      `UPDATE playlist_items SET song_key = ?, catalog_id = ?, match_reason = 'library: chosen by you'
       WHERE track_id = ?`,
      [k, catalogId, id],
    )
  })
  return (await trackMatch(db, catalog, id)) as TrackMatch
}

/** Song keys the user chose, by file signature (`entrySignature({ location: path })`). */
export async function chosenKeys(db: Db): Promise<Map<string, string>> {
  const rows = await db.all<{ signature: string; song_key: string | null }>(
    "SELECT signature, song_key FROM manual_matches WHERE signature LIKE 'loc:%' AND song_key IS NOT NULL",
  )
  return new Map(rows.map((r) => [r.signature, r.song_key as string]))
}

function describeTrack(r: Row, catalog: CatalogIndex, chosen: Map<string, string>): TrackMatch {
  const base = {
    id: r.id,
    path: r.path,
    artist: r.artist ?? '',
    title: r.title ?? '',
    album: r.album ?? '',
    duration: r.duration,
  }
  const mine = chosen.get(entrySignature({ location: r.path }) as string)
  if (mine && mine === r.song_key)
    return { ...base, key: mine, match: 'chosen', reason: 'chosen by you' }
  const byName = r.tags_from === 'file name' || r.tags_from === 'tags and file name'
  if (r.song_key && catalog.has(r.song_key)) {
    return byName
      ? {
          ...base,
          key: r.song_key,
          match: 'file name',
          reason: `artist and title read from the file name`,
        }
      : { ...base, key: r.song_key, match: 'exact', reason: 'same artist and title' }
  }
  const found =
    catalog.size > 0 ? catalog.find(r.artist ?? undefined, r.title ?? undefined) : undefined
  if (found) {
    const kind: TrackMatchKind = byName ? 'file name' : found.confidence < 1 ? 'fuzzy' : 'exact'
    const how = describeMatch(found)
    return {
      ...base,
      key: found.key,
      match: kind,
      reason: byName ? `${how}; artist and title read from the file name` : how,
    }
  }
  return { ...base, key: null, match: 'none', reason: 'no catalogue song found' }
}
