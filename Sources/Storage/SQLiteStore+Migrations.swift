import GRDB

extension SQLiteStore {
    /// Named migrations. A shipped migration is never edited: add a new one instead.
    static let migrator: DatabaseMigrator = {
        var m = DatabaseMigrator()
        m.registerMigration("0001_raw_events_and_work_queue") { db in
            try db.execute(sql: """
                CREATE TABLE raw_events (
                    id TEXT PRIMARY KEY NOT NULL,
                    integration TEXT NOT NULL,
                    profile TEXT NOT NULL,
                    dedupe_key TEXT NOT NULL,
                    event_type TEXT NOT NULL,
                    headers_json TEXT NOT NULL,
                    body BLOB NOT NULL,
                    received_at REAL NOT NULL,
                    status TEXT NOT NULL CHECK (status IN ('queued', 'processed', 'quarantined')),
                    mapped BLOB,
                    UNIQUE (integration, dedupe_key)
                );
                CREATE INDEX raw_events_status ON raw_events(status, received_at);
                CREATE TABLE work_items (
                    id INTEGER PRIMARY KEY AUTOINCREMENT,
                    event_id TEXT NOT NULL UNIQUE REFERENCES raw_events(id) ON DELETE CASCADE,
                    state TEXT NOT NULL CHECK (state IN ('queued', 'leased', 'done', 'quarantined')),
                    attempts INTEGER NOT NULL DEFAULT 0,
                    max_attempts INTEGER NOT NULL,
                    available_at REAL NOT NULL,
                    lease_owner TEXT,
                    lease_expires_at REAL,
                    last_error TEXT,
                    created_at REAL NOT NULL,
                    updated_at REAL NOT NULL
                );
                CREATE INDEX work_items_ready ON work_items(state, available_at);
                """)
        }
        registerPipelineMigrations(&m)
        registerSecurityMigrations(&m)
        registerRetentionMigrations(&m)
        registerAuditMigrations(&m)
        registerAssessmentMigrations(&m)
        return m
    }()
}
