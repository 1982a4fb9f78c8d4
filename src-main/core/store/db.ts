// The app's SQLite database (sqlite3, N-API: one build serves Node and Electron): WAL, migrations, serialised transactions.
import sqlite3 from 'sqlite3'
import { migrations } from './migrations'

export type Row = Record<string, unknown>
export type Param = string | number | bigint | null | Buffer

/** A promise-based handle; every multi-row write goes through `transaction`. */
export class Db {
  private queue: Promise<unknown> = Promise.resolve()

  private constructor(private readonly raw: sqlite3.Database) {}

  /** Opens (creating if needed) and migrates the database at `file` (`:memory:` for tests). */
  static async open(file: string): Promise<Db> {
    const raw = await new Promise<sqlite3.Database>((resolve, reject) => {
      const d = new sqlite3.Database(file, (err) =>
        err
          ? reject(new Error(`Cannot open the library database ${file}: ${err.message}`))
          : resolve(d),
      )
    })
    const db = new Db(raw)
    try {
      await db.exec(
        'PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; PRAGMA foreign_keys = ON;',
      )
      await db.exec('PRAGMA busy_timeout = 5000;')
      await db.migrate()
    } catch (e) {
      // A damaged file fails here: release the handle so the caller can move the file aside.
      await db.close().catch(() => {})
      throw e
    }
    return db
  }

  exec(sql: string): Promise<void> {
    return new Promise((resolve, reject) =>
      this.raw.exec(sql, (err) => (err ? reject(err) : resolve())),
    )
  }

  run(sql: string, params: Param[] = []): Promise<{ changes: number; lastID: number }> {
    return new Promise((resolve, reject) =>
      this.raw.run(sql, params, function (err) {
        if (err) reject(err)
        else resolve({ changes: this.changes, lastID: this.lastID })
      }),
    )
  }

  all<T = Row>(sql: string, params: Param[] = []): Promise<T[]> {
    return new Promise((resolve, reject) =>
      this.raw.all(sql, params, (err, rows) => (err ? reject(err) : resolve(rows as T[]))),
    )
  }

  async get<T = Row>(sql: string, params: Param[] = []): Promise<T | undefined> {
    return (await this.all<T>(sql, params))[0]
  }

  /**
   * Runs `fn` inside BEGIN IMMEDIATE … COMMIT, one transaction at a time: a failure (or a killed
   * process) rolls back everything `fn` wrote, so the last committed state stays intact.
   */
  transaction<T>(fn: (db: Db) => Promise<T>): Promise<T> {
    const next = this.queue.then(async () => {
      await this.exec('BEGIN IMMEDIATE')
      try {
        const result = await fn(this)
        await this.exec('COMMIT')
        return result
      } catch (e) {
        await this.exec('ROLLBACK').catch(() => undefined)
        throw e
      }
    })
    this.queue = next.catch(() => undefined)
    return next
  }

  close(): Promise<void> {
    return new Promise((resolve, reject) =>
      this.raw.close((err) => (err ? reject(err) : resolve())),
    )
  }

  private async migrate(): Promise<void> {
    await this.exec('CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)')
    const row = await this.get<{ v: number | null }>('SELECT MAX(version) AS v FROM schema_version')
    const current = row?.v ?? 0
    for (const m of migrations) {
      if (m.version <= current) continue
      await this.transaction(async (db) => {
        await db.exec(m.sql)
        await db.run('INSERT INTO schema_version (version) VALUES (?)', [m.version])
      })
    }
  }
}
