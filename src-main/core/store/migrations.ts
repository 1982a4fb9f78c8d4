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
  {
    version: 2,
    name: 'music library and imported playlists',
    sql: `
      CREATE TABLE library_folders (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        path TEXT NOT NULL UNIQUE,
        added TEXT NOT NULL,
        last_scan TEXT
      );
      CREATE TABLE tracks (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        path TEXT NOT NULL UNIQUE,
        size INTEGER NOT NULL,
        mtime REAL NOT NULL,
        title TEXT,
        artist TEXT,
        album TEXT,
        album_artist TEXT,
        track_no INTEGER,
        disc_no INTEGER,
        year INTEGER,
        genre TEXT,
        duration REAL,
        bitrate REAL,
        mb_track_id TEXT,
        mb_album_id TEXT,
        mb_artist_id TEXT,
        codec TEXT,
        tags_from TEXT NOT NULL DEFAULT 'tags',
        song_key TEXT,
        added TEXT NOT NULL,
        updated TEXT NOT NULL,
        play_count INTEGER NOT NULL DEFAULT 0,
        rating INTEGER
      );
      CREATE INDEX tracks_song_key ON tracks (song_key);
      CREATE TABLE playlists (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        name TEXT NOT NULL,
        source_path TEXT NOT NULL UNIQUE,
        format TEXT NOT NULL,
        imported TEXT NOT NULL,
        updated TEXT NOT NULL
      );
      CREATE TABLE playlist_items (
        playlist_id INTEGER NOT NULL REFERENCES playlists (id) ON DELETE CASCADE,
        position INTEGER NOT NULL,
        track_id INTEGER REFERENCES tracks (id) ON DELETE SET NULL,
        artist TEXT,
        title TEXT,
        album TEXT,
        duration REAL,
        location TEXT,
        song_key TEXT,
        catalog_id INTEGER,
        match TEXT NOT NULL CHECK (match IN ('library', 'catalog', 'none')),
        match_reason TEXT NOT NULL,
        catalog_reason TEXT NOT NULL DEFAULT '',
        signature TEXT,
        PRIMARY KEY (playlist_id, position)
      ) WITHOUT ROWID;
      CREATE INDEX playlist_items_track ON playlist_items (track_id);
      CREATE INDEX playlist_items_signature ON playlist_items (signature);
      CREATE TABLE manual_matches (
        signature TEXT PRIMARY KEY,
        song_key TEXT,
        track_id INTEGER REFERENCES tracks (id) ON DELETE CASCADE,
        created TEXT NOT NULL,
        CHECK (song_key IS NOT NULL OR track_id IS NOT NULL)
      );
    `,
  },
  {
    version: 3,
    name: 'made-for-you mixes and song feedback',
    sql: `
      CREATE TABLE mixes (
        id TEXT PRIMARY KEY,
        name TEXT NOT NULL,
        description TEXT NOT NULL DEFAULT '',
        kind TEXT NOT NULL CHECK (kind IN ('daily', 'discover', 'radio', 'continue', 'journey', 'cluster')),
        seed INTEGER NOT NULL,
        created TEXT NOT NULL,
        model_id TEXT,
        params TEXT NOT NULL DEFAULT '{}',
        tracks TEXT NOT NULL,
        saved INTEGER NOT NULL DEFAULT 0 CHECK (saved IN (0, 1))
      );
      CREATE INDEX mixes_saved ON mixes (saved, created);
      CREATE TABLE feedback (
        song_key TEXT PRIMARY KEY,
        value INTEGER NOT NULL CHECK (value IN (-1, 1)),
        updated TEXT NOT NULL
      );
    `,
  },
  {
    version: 4,
    name: 'audio analysis cache of library tracks',
    // One row per analysed (or failed) track, for the file as it was (size, mtime) and the analysis
    // settings (params): a changed file or setting is analysed again; removed tracks drop out.
    sql: `
      CREATE TABLE track_audio (
        track_id INTEGER PRIMARY KEY REFERENCES tracks (id) ON DELETE CASCADE,
        size INTEGER NOT NULL,
        mtime REAL NOT NULL,
        params TEXT NOT NULL,
        seconds REAL,
        features BLOB,
        windows BLOB,
        error TEXT,
        analysed TEXT NOT NULL,
        CHECK ((error IS NULL) = (windows IS NOT NULL))
      );
    `,
  },
  {
    version: 5,
    name: 'listening history',
    // One source per imported history file (re-import replaces it); its distinct songs resolved once;
    // listens as (start ms, ms played or -1, skipped) per song; library play counts as tallies.
    sql: `
      CREATE TABLE history_sources (
        id INTEGER PRIMARY KEY,
        path TEXT NOT NULL UNIQUE,
        formats TEXT NOT NULL,
        imported TEXT NOT NULL,
        report TEXT NOT NULL
      );
      CREATE TABLE history_songs (
        source_id INTEGER NOT NULL REFERENCES history_sources (id) ON DELETE CASCADE,
        idx INTEGER NOT NULL,
        artist TEXT,
        title TEXT,
        album TEXT,
        song_key TEXT,
        track_id INTEGER REFERENCES tracks (id) ON DELETE SET NULL,
        catalog_id INTEGER,
        match TEXT NOT NULL,
        match_reason TEXT NOT NULL DEFAULT '',
        PRIMARY KEY (source_id, idx)
      ) WITHOUT ROWID;
      CREATE INDEX history_songs_key ON history_songs (song_key);
      CREATE TABLE listens (
        source_id INTEGER NOT NULL REFERENCES history_sources (id) ON DELETE CASCADE,
        ts INTEGER NOT NULL,
        ms_played INTEGER NOT NULL,
        skipped INTEGER NOT NULL,
        song_idx INTEGER NOT NULL
      );
      CREATE INDEX listens_source_ts ON listens (source_id, ts);
      CREATE TABLE history_tallies (
        source_id INTEGER NOT NULL REFERENCES history_sources (id) ON DELETE CASCADE,
        artist TEXT,
        title TEXT,
        song_key TEXT,
        track_id INTEGER REFERENCES tracks (id) ON DELETE SET NULL,
        plays INTEGER NOT NULL,
        skips INTEGER NOT NULL,
        last_played INTEGER,
        rating INTEGER,
        loved INTEGER NOT NULL DEFAULT 0
      );
    `,
  },
  {
    version: 6,
    name: 'listening tallies per history song and day',
    // What the listening summary and facts would otherwise count over every listen, written once at
    // import: per history song its plays, skips (a play: not skipped and 30 s or more, or of unknown
    // length) and last play; per source and UTC day (floor of ts / 86,400,000) its listens and skips.
    // history_sources.tallied = 1 marks a source whose tallies are written; histories already stored
    // are tallied here from their listens.
    sql: `
      ALTER TABLE history_sources ADD COLUMN tallied INTEGER NOT NULL DEFAULT 0;
      ALTER TABLE history_songs ADD COLUMN plays INTEGER;
      ALTER TABLE history_songs ADD COLUMN skips INTEGER;
      ALTER TABLE history_songs ADD COLUMN last_play INTEGER;
      CREATE TABLE history_days (
        source_id INTEGER NOT NULL REFERENCES history_sources (id) ON DELETE CASCADE,
        day INTEGER NOT NULL,
        listens INTEGER NOT NULL,
        skips INTEGER NOT NULL,
        PRIMARY KEY (source_id, day)
      ) WITHOUT ROWID;
      CREATE TEMP TABLE tally6 AS
        SELECT source_id, song_idx,
               SUM(skipped = 0 AND (ms_played < 0 OR ms_played >= 30000)) AS plays,
               SUM(NOT (skipped = 0 AND (ms_played < 0 OR ms_played >= 30000))) AS skips,
               MAX(CASE WHEN skipped = 0 AND (ms_played < 0 OR ms_played >= 30000) THEN ts END) AS last
          FROM listens GROUP BY source_id, song_idx;
      UPDATE history_songs SET plays = t.plays, skips = t.skips, last_play = t.last
        FROM tally6 t WHERE t.source_id = history_songs.source_id AND t.song_idx = history_songs.idx;
      UPDATE history_songs SET plays = 0, skips = 0 WHERE plays IS NULL;
      DROP TABLE tally6;
      INSERT INTO history_days (source_id, day, listens, skips)
        SELECT source_id, CAST((ts - ((ts % 86400000) + 86400000) % 86400000) / 86400000 AS INTEGER) AS d,
               COUNT(*),
               SUM(NOT (skipped = 0 AND (ms_played < 0 OR ms_played >= 30000)))
          FROM listens GROUP BY source_id, d;
      UPDATE history_sources SET tallied = 1;
    `,
  },
]
