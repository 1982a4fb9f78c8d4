// Multi-row INSERT and id-list helpers: one SQL round trip per few hundred rows instead of one per row.
import type { Db, Param } from '../store/db'

/** SQLite (3.32+) allows 32,766 bound parameters; stay well below. */
const MAX_PARAMS = 30_000
/** Rows per statement when rows travel as one JSON parameter. */
const JSON_ROWS = 5_000

/**
 * Inserts `rows` (each with `columns.length` values) in as few statements as possible. Rows of plain
 * values travel as one JSON array per statement (`json_each`), which spares the binding of each
 * value; rows holding Buffers or bigints fall back to bound parameters. `conflict` is an optional
 * "ON CONFLICT …" clause.
 */
export async function insertRows(
  db: Db,
  table: string,
  columns: readonly string[],
  rows: Param[][],
  conflict = '',
): Promise<void> {
  if (rows.length === 0) return
  const plain = rows.every((r) =>
    r.every((v) => v === null || typeof v === 'string' || typeof v === 'number'),
  )
  if (plain) {
    const select = columns.map((_, i) => `value->>${i}`).join(', ')
    for (let i = 0; i < rows.length; i += JSON_ROWS) {
      const json = JSON.stringify(rows.slice(i, i + JSON_ROWS), (_, v) =>
        typeof v === 'number' && !Number.isFinite(v) ? null : v,
      )
      await db.run(
        `INSERT INTO ${table} (${columns.join(',')}) SELECT ${select} FROM json_each(?) WHERE true ${conflict}`,
        [json],
      )
    }
    return
  }
  const perStatement = Math.max(1, Math.floor(MAX_PARAMS / columns.length))
  const tuple = `(${columns.map(() => '?').join(',')})`
  for (let i = 0; i < rows.length; i += perStatement) {
    const slice = rows.slice(i, i + perStatement)
    const params: Param[] = []
    for (const r of slice) for (const v of r) params.push(v)
    await db.run(
      `INSERT INTO ${table} (${columns.join(',')}) VALUES ${slice.map(() => tuple).join(',')} ${conflict}`,
      params,
    )
  }
}

/** Runs `sql` (containing one `(?)` placeholder list written as `IN (#)`) for ids in slices. */
export async function forIdSlices(
  db: Db,
  sql: string,
  ids: readonly number[],
  before: Param[] = [],
): Promise<void> {
  const per = 5_000
  for (let i = 0; i < ids.length; i += per) {
    const slice = ids.slice(i, i + per)
    await db.run(sql.replace('IN (#)', `IN (${slice.map(() => '?').join(',')})`), [
      ...before,
      ...slice,
    ])
  }
}
