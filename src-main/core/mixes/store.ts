// Mixes and thumbs in the database: generated mixes are replaced on regeneration, saved ones stay.
import type { Db } from '../store/db'
import { MIX_KINDS, type Mix, type MixKind, type MixTrack } from './types'

interface MixRow {
  id: string
  name: string
  description: string
  kind: string
  seed: number
  created: string
  model_id: string | null
  params: string
  tracks: string
  saved: number
}

/**
 * Replaces every unsaved mix by `mixes` in one transaction (saved mixes are kept; a new mix whose
 * id a saved mix already has is not stored twice). Call after (re)building the mixes, e.g. after
 * retraining. Returns the mixes as stored.
 */
export async function replaceGeneratedMixes(db: Db, mixes: readonly Mix[]): Promise<Mix[]> {
  await db.transaction(async (tx) => {
    await tx.run('DELETE FROM mixes WHERE saved = 0')
    for (const m of mixes) await insertMix(tx, { ...m, saved: false }, 'ignore')
  })
  return mixes.map((m) => ({ ...m, saved: false }))
}

/** Stores `mix` as saved (kept across regeneration), optionally renamed. Returns it as stored. */
export async function saveMix(db: Db, mix: Mix, name?: string): Promise<Mix> {
  const saved: Mix = { ...mix, saved: true, name: name?.trim() || mix.name }
  if (saved.name.length > 200) throw new Error('A mix name is at most 200 characters')
  await db.transaction((tx) => insertMix(tx, saved, 'replace'))
  return saved
}

/** Marks a stored mix as saved (or no longer saved), renamed when `name` is given; false when there is no such mix. */
export async function setMixSaved(
  db: Db,
  id: string,
  saved: boolean,
  name?: string,
): Promise<boolean> {
  const renamed = name?.trim()
  if (renamed !== undefined && renamed.length > 200)
    throw new Error('A mix name is at most 200 characters')
  const r = await db.transaction((tx) =>
    renamed
      ? tx.run('UPDATE mixes SET saved = ?, name = ? WHERE id = ?', [saved ? 1 : 0, renamed, id])
      : tx.run('UPDATE mixes SET saved = ? WHERE id = ?', [saved ? 1 : 0, id]),
  )
  return r.changes > 0
}

/** Stored mixes: saved ones first, then by creation time. `saved` filters to saved (true) or generated (false) ones. */
export async function listMixes(db: Db, filter: { saved?: boolean } = {}): Promise<Mix[]> {
  const where = filter.saved === undefined ? '' : `WHERE saved = ${filter.saved ? 1 : 0}`
  const rows = await db.all<MixRow>(
    `SELECT * FROM mixes ${where} ORDER BY saved DESC, created, rowid`,
  )
  return rows.map(fromRow)
}

/** One stored mix, or undefined. */
export async function getMix(db: Db, id: string): Promise<Mix | undefined> {
  const row = await db.get<MixRow>('SELECT * FROM mixes WHERE id = ?', [id])
  return row ? fromRow(row) : undefined
}

/** Deletes a stored mix; false when there was none. */
export async function deleteMix(db: Db, id: string): Promise<boolean> {
  const r = await db.transaction((tx) => tx.run('DELETE FROM mixes WHERE id = ?', [id]))
  return r.changes > 0
}

/** A thumb on a song: 'up', 'down', or 'none' to clear it. */
export type Thumb = 'up' | 'down' | 'none'

/** Records the user's thumb for a song key (thumbs-down songs never appear in mixes again). */
export async function setFeedback(db: Db, key: string, thumb: Thumb): Promise<void> {
  if (typeof key !== 'string' || key.trim() === '') throw new Error('Feedback needs a song key')
  if (thumb !== 'up' && thumb !== 'down' && thumb !== 'none') {
    throw new Error(`A thumb is 'up', 'down' or 'none', got ${JSON.stringify(thumb)}`)
  }
  await db.transaction(async (tx) => {
    if (thumb === 'none') await tx.run('DELETE FROM feedback WHERE song_key = ?', [key])
    else {
      await tx.run(
        `INSERT INTO feedback (song_key, value, updated) VALUES (?, ?, ?)
         ON CONFLICT (song_key) DO UPDATE SET value = excluded.value, updated = excluded.updated`,
        [key, thumb === 'up' ? 1 : -1, new Date().toISOString()],
      )
    }
  })
}

/** Every thumb, by song key. */
export async function listFeedback(db: Db): Promise<{ key: string; thumb: 'up' | 'down' }[]> {
  const rows = await db.all<{ key: string; value: number }>(
    'SELECT song_key AS key, value FROM feedback ORDER BY song_key',
  )
  return rows.map((r) => ({ key: r.key, thumb: r.value === 1 ? 'up' : 'down' }))
}

async function insertMix(tx: Db, m: Mix, onConflict: 'ignore' | 'replace'): Promise<void> {
  if (!MIX_KINDS.includes(m.kind)) throw new Error(`Unknown mix kind "${m.kind}"`)
  await tx.run(
    `INSERT ${onConflict === 'ignore' ? 'OR IGNORE' : 'OR REPLACE'} INTO mixes
       (id, name, description, kind, seed, created, model_id, params, tracks, saved)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    [
      m.id,
      m.name,
      m.description,
      m.kind,
      m.seed,
      m.created,
      m.modelId ?? null,
      JSON.stringify(m.params),
      JSON.stringify(m.tracks),
      m.saved ? 1 : 0,
    ],
  )
}

function fromRow(r: MixRow): Mix {
  let tracks: MixTrack[]
  let params: Record<string, unknown>
  try {
    tracks = JSON.parse(r.tracks) as MixTrack[]
    params = JSON.parse(r.params) as Record<string, unknown>
  } catch (e) {
    throw new Error(
      `Stored mix ${r.id} is damaged (${(e as Error).message}): delete it and regenerate`,
    )
  }
  const mix: Mix = {
    id: r.id,
    name: r.name,
    kind: r.kind as MixKind,
    description: r.description,
    seed: r.seed,
    created: r.created,
    saved: r.saved === 1,
    params,
    tracks,
  }
  if (r.model_id !== null) mix.modelId = r.model_id
  return mix
}
