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
        registerQueueMigrations(&m)
        return m
    }()
}

extension SQLiteStore {
    /// `0007`: the work queue moves into `raw_events`.
    ///
    /// A delivery used to be two rows (the event and its `work_items` row) touching seven B-trees,
    /// an AUTOINCREMENT counter and a foreign-key probe; intake commits are the service's hot path,
    /// so an event now carries its own queue state and a delivery is one row in four B-trees: the
    /// table (keyed by `seq`), its `id`, its dedupe key, and the partial `raw_events_due` index that
    /// holds only events still to process. Finished events are found through `raw_events_processed`
    /// (retention, listings) and `raw_events_quarantined` (replay), which a delivery enters only when
    /// its processing ends, off the intake path. Each is partial on one status value: SQLite uses a
    /// partial index only for a query whose WHERE has the index's own term (`status = 'processed'`),
    /// so one index over both values would serve neither.
    ///
    /// - `status`: `queued` (waiting, or due again after a failure), `leased` (a worker holds it until
    ///   `available_at`), `processed` or `quarantined`. Outside the store `leased` reads as `queued`.
    /// - `available_at`: when a queued event is due, or when a lease expires. One column for both
    ///   lets one index serve claims of new work and of abandoned leases.
    /// - `seq`: the work item's number and the arrival order (`received_at`, then insertion).
    static func registerQueueMigrations(_ m: inout DatabaseMigrator) {
        m.registerMigration("0007_work_queue_in_raw_events") { db in
            try db.execute(sql: """
                CREATE TABLE raw_events_0007 (
                    seq INTEGER PRIMARY KEY,
                    id TEXT NOT NULL UNIQUE,
                    integration TEXT NOT NULL,
                    profile TEXT NOT NULL,
                    dedupe_key TEXT NOT NULL,
                    event_type TEXT NOT NULL,
                    headers_json TEXT NOT NULL,
                    body BLOB NOT NULL,
                    received_at REAL NOT NULL,
                    status TEXT NOT NULL CHECK (status IN ('queued', 'leased', 'processed', 'quarantined')),
                    mapped BLOB,
                    purged_at REAL,
                    attempts INTEGER NOT NULL DEFAULT 0,
                    max_attempts INTEGER NOT NULL,
                    available_at REAL NOT NULL,
                    lease_owner TEXT,
                    last_error TEXT,
                    updated_at REAL NOT NULL,
                    UNIQUE (integration, dedupe_key)
                );
                INSERT INTO raw_events_0007 (id, integration, profile, dedupe_key, event_type, headers_json, body, received_at,
                    status, mapped, purged_at, attempts, max_attempts, available_at, lease_owner, last_error, updated_at)
                SELECT e.id, e.integration, e.profile, e.dedupe_key, e.event_type, e.headers_json, e.body, e.received_at,
                    CASE WHEN e.status = 'queued' AND w.state = 'leased' THEN 'leased' ELSE e.status END,
                    e.mapped, e.purged_at, COALESCE(w.attempts, 0), COALESCE(w.max_attempts, 8),
                    COALESCE(CASE WHEN w.state = 'leased' THEN w.lease_expires_at ELSE w.available_at END, e.received_at),
                    CASE WHEN w.state = 'leased' THEN w.lease_owner END, w.last_error,
                    COALESCE(w.updated_at, e.received_at)
                FROM raw_events e LEFT JOIN work_items w ON w.event_id = e.id
                ORDER BY e.received_at, e.rowid;
                DROP TABLE work_items;
                DROP TABLE raw_events;
                ALTER TABLE raw_events_0007 RENAME TO raw_events;
                CREATE INDEX raw_events_due ON raw_events(available_at) WHERE status IN ('queued', 'leased');
                CREATE INDEX raw_events_processed ON raw_events(received_at) WHERE status = 'processed';
                CREATE INDEX raw_events_quarantined ON raw_events(received_at) WHERE status = 'quarantined';
                """)
        }
    }
}
