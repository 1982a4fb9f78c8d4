// The user's settings, kept in the database: which collaborative model the app learns song vectors with.
import type { ModelKind, Settings } from '../../../src-shared/contract'
import { ModelKind as ModelKindSchema } from '../../../src-shared/contract'
import type { Db } from '../store/db'

const MODEL_KIND = 'modelKind'

/**
 * The default model kind. Song2Vec stays the default because it wins on the validation split:
 * served AHR@25 0.2553 (Song2Vec + co-occurrence re-rank) against ALS 0.2111 and the autoencoder
 * 0.1476 (README, "Figures").
 */
export const DEFAULT_MODEL_KIND: ModelKind = 'song2vec'

export async function readSettings(db: Db): Promise<Settings> {
  const row = await db.get<{ value: string }>('SELECT value FROM settings WHERE key = ?', [
    MODEL_KIND,
  ])
  const parsed = ModelKindSchema.safeParse(row?.value)
  return { modelKind: parsed.success ? parsed.data : DEFAULT_MODEL_KIND }
}

export async function writeModelKind(db: Db, kind: ModelKind): Promise<void> {
  await db.transaction((tx) =>
    tx.run(
      'INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value',
      [MODEL_KIND, kind],
    ),
  )
}
