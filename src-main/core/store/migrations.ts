// Schema history of the app database: append-only, each step applied once inside a transaction.

export interface Migration {
  version: number
  /** What the step is for, in a few words. */
  name: string
  sql: string
}

export const migrations: Migration[] = [
  {
    version: 1,
    name: 'settings and reports',
    sql: `
      CREATE TABLE settings (key TEXT PRIMARY KEY, value TEXT NOT NULL);
      CREATE TABLE eval_reports (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        created TEXT NOT NULL,
        report TEXT NOT NULL
      );
    `,
  },
]
